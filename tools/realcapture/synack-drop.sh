#!/usr/bin/env bash
# Records test/fixtures/real/synack-drop/: a router namespace between the node and the server drops the
# server's SYN-ACKs to chosen client ports. The server answers every SYN (tcp_conn_request), resends its
# SYN-ACK on its own timer (reqsk_timer_handler) and for each retransmitted SYN (tcp_check_req →
# inet_rtx_syn_ack); the client never sees one while the rule holds.
# - port 61100: the application gives up after 2.5 s; the router lets SYN-ACKs through from 3.5 s on,
#   so the server's next timer SYN-ACK reaches a client with no socket left, which answers with RST
#   (tcp_v4_send_reset).
# - port 61101: same window, patient client: its SYN retransmitted at 4 s is answered and it completes.
# - port 61102: SYN-ACKs dropped for good; TCP_SYNCNT=2, so the kernel gives ETIMEDOUT.
# Other connections pass. MASQUERADE keeps these source ports (outside the ephemeral range).
# Usage: sudo tools/realcapture/synack-drop.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/synack-drop}
WINDOW_SECONDS=3.5
require_tools tshark
topology_up router
drop_synacks() { ip netns exec hl-router iptables "$1" FORWARD -p tcp --sport 3306 --tcp-flags SYN,ACK SYN,ACK --dport "$2" -j DROP; }
drop_synacks -A 61100:61101
drop_synacks -A 61102
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  connect a --count 2
  connect_background a --source-port 61100 --connect-timeout 2.5
  connect_background b --source-port 61101 --connect-timeout 10
  connect_background a --source-port 61102 --syn-retries 2 --connect-timeout 10
  sleep "$WINDOW_SECONDS"
  drop_synacks -D 61100:61101
  connect_wait
  connect b --count 2
  # The server's SYN-ACK timer for port 61100 fires at 1, 3 and 7 s (exponential backoff).
  sleep 5
}
record_traffic traffic
publish "$OUT" "$(cat <<JSON
{"scenario": "synack-drop", "script": "tools/realcapture/synack-drop.sh", "router": "10.231.3.2 / 10.231.2.1",
 "synAckDrops": [{"clientPort": 61100, "untilSeconds": $WINDOW_SECONDS, "connectTimeoutSeconds": 2.5},
                 {"clientPort": 61101, "untilSeconds": $WINDOW_SECONDS, "connectTimeoutSeconds": 10},
                 {"clientPort": 61102, "untilSeconds": null, "synRetries": 2}],
 "clients": "2 connections from pod-a, the three above, then 2 from pod-b"}
JSON
)" pod-a pod-b node-side server-side
