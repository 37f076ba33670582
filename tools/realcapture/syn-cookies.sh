#!/usr/bin/env bash
# Records test/fixtures/real/syn-cookies/: net.ipv4.tcp_syncookies=2 in the server's namespace, so the
# kernel answers every SYN with a cookie (tcp_conn_request: syncookies == 2 → want_cookie;
# cookie_v4_init_sequence) and keeps no request: the final ACK creates the connection (cookie_v4_check).
# With timestamps on, the cookie's options ride in the SYN-ACK's TSval (cookie_init_timestamp).
# Connections from both pods behind the masquerading node all complete.
# Usage: sudo tools/realcapture/syn-cookies.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/syn-cookies}
require_tools tshark
topology_up
ip netns exec hl-server sysctl -qw net.ipv4.tcp_syncookies=2
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  for ((round = 1; round <= 3; round++)); do connect a --count 1; connect b --count 1; done
  connect_background a --count 3 --parallel --gap 0.002
  connect_background b --count 3 --parallel --gap 0.002
  connect_wait
}
record_traffic traffic
publish "$OUT" '{"scenario": "syn-cookies", "script": "tools/realcapture/syn-cookies.sh",
 "serverSysctls": {"net.ipv4.tcp_syncookies": 2},
 "clients": "3 rounds of one connection from each pod, then 3 parallel connections from each pod"}' pod-a pod-b node-side server-side
