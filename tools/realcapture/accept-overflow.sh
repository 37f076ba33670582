#!/usr/bin/env bash
# Records test/fixtures/real/accept-overflow/: a slow application with listen(1) and SYN cookies off, and
# bursts of connections from both pods behind the masquerading node. With the accept queue full the
# kernel drops new SYNs (tcp_conn_request: sk_acceptq_is_full → ListenOverflows, ListenDrops) and drops
# the client's final ACK (tcp_v4_syn_recv_sock → ListenOverflows), then retransmits its SYN-ACK: the
# client's connect() succeeds while the application has not accepted, and may never.
# Usage: sudo tools/realcapture/accept-overflow.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/accept-overflow}
BACKLOG=1
ACCEPT_DELAY=1.5
BURST=6
UPLINK=32kbit
MAX_ACCEPTS=4
require_tools tshark
topology_up
ip netns exec hl-server sysctl -qw net.ipv4.tcp_syncookies=0
# The SYN-ACKs of a burst leave the server about 20 ms apart (74-byte frames at 32 kbit/s), so that
# several requests are pending when the accept queue fills: their final ACKs then meet a full queue.
slow_link hl-server eth0 "$UPLINK"
# The application hangs after MAX_ACCEPTS accept() calls (the listener stays open): what is in its accept
# queue then is never accepted.
server_listen --port 3306 --backlog "$BACKLOG" --accept-delay "$ACCEPT_DELAY" --max-accepts "$MAX_ACCEPTS"
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  connect_background a --count "$BURST" --parallel --gap 0.002 --connect-timeout 8 --greeting-timeout 4
  connect_background b --count "$BURST" --parallel --gap 0.002 --connect-timeout 8 --greeting-timeout 4
  connect_wait
  sleep 3
}
record_traffic traffic
publish "$OUT" "$(cat <<JSON
{"scenario": "accept-overflow", "script": "tools/realcapture/accept-overflow.sh",
 "serverSysctls": {"net.ipv4.tcp_syncookies": 0}, "listenBacklog": $BACKLOG, "acceptDelaySeconds": $ACCEPT_DELAY, "maxAccepts": $MAX_ACCEPTS, "serverUplink": "tbf rate $UPLINK burst 300",
 "clients": "$BURST parallel connections from each pod, 2 ms apart; connect timeout 8 s, greeting timeout 4 s"}
JSON
)" pod-a pod-b node-side server-side
