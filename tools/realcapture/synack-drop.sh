#!/usr/bin/env bash
# Records test/fixtures/real/synack-drop/: a router namespace between the node and the server drops the
# server's SYN-ACKs to chosen client ports: the first DROPPED_SYNACKS of them (an iptables quota of
# 60-byte SYN-ACKs, so the window follows each connection, not the script's clock), or all. The server answers every SYN (tcp_conn_request), resends its
# SYN-ACK on its own timer (reqsk_timer_handler) and for each retransmitted SYN (tcp_check_req →
# inet_rtx_syn_ack); the client never sees one while the rule holds.
# - port 61100: the application gives up after 2.5 s, while its first SYN-ACKs are dropped; the next
#   one reaches a client with no socket left, which answers with RST (tcp_v4_send_reset).
# - port 61101: the same drops, a patient client: a later SYN-ACK gets through and it completes.
# - port 61102: SYN-ACKs dropped for good; TCP_SYNCNT=2, so the kernel gives ETIMEDOUT.
# - port 61103: the router drops the client's SYNs instead, so they never reach the server (the
#   application gives up after 3.5 s).
# Other connections pass. MASQUERADE keeps these source ports (outside the ephemeral range).
# Usage: sudo tools/realcapture/synack-drop.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/synack-drop}
DROPPED_SYNACKS=4
require_tools tshark
topology_up router
drop_synacks() { ip netns exec hl-router iptables -A FORWARD -p tcp --sport 3306 --tcp-flags SYN,ACK SYN,ACK --dport "$@" -j DROP; }
drop_synacks 61100 -m quota --quota $((DROPPED_SYNACKS * 60))
drop_synacks 61101 -m quota --quota $((DROPPED_SYNACKS * 60))
drop_synacks 61102
ip netns exec hl-router iptables -A FORWARD -p tcp --syn --sport 61103 -j DROP
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  connect a --count 2
  connect_background a --source-port 61100 --connect-timeout 2.5
  connect_background b --source-port 61101 --connect-timeout 10
  connect_background a --source-port 61102 --syn-retries 2 --connect-timeout 10
  connect_background b --source-port 61103 --connect-timeout 3.5
  connect_wait
  connect b --count 2
  # The server's SYN-ACK timer for port 61100 fires at 1, 3, 7 and 15 s (exponential backoff).
  sleep 8
}
record_traffic traffic
publish "$OUT" "$(cat <<JSON
{"scenario": "synack-drop", "script": "tools/realcapture/synack-drop.sh", "router": "10.231.3.2 / 10.231.2.1",
 "synAckDrops": [{"clientPort": 61100, "dropped": $DROPPED_SYNACKS, "connectTimeoutSeconds": 2.5},
                 {"clientPort": 61101, "dropped": $DROPPED_SYNACKS, "connectTimeoutSeconds": 10},
                 {"clientPort": 61102, "dropped": "all", "synRetries": 2}],
 "synDrops": [{"clientPort": 61103, "connectTimeoutSeconds": 3.5}],
 "clients": "2 connections from pod-a, the four above, then 2 from pod-b"}
JSON
)" pod-a pod-b node-side server-side
