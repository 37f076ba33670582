#!/usr/bin/env bash
# Records test/fixtures/real/router-reset/: a router namespace between the node and the server answers
# every SYN to port 3307 with a RST of its own (iptables REJECT --reject-with tcp-reset: nf_send_reset),
# while the server DOES listen on 3307. The client sees a refusal the server never sent: the SYN is not
# in the server's capture, and the RST comes one hop closer (its TTL) than the server's packets.
# Usage: sudo tools/realcapture/router-reset.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/router-reset}
require_tools tshark
topology_up router
ip netns exec hl-router iptables -A FORWARD -p tcp --dport 3307 --syn -j REJECT --reject-with tcp-reset
server_listen --port 3306 --port 3307
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  for ((round = 1; round <= 3; round++)); do
    connect a --count 1; connect b --count 1 --port 3307; connect a --count 1 --port 3307; connect b --count 1
  done
}
record_traffic traffic
publish "$OUT" '{"scenario": "router-reset", "script": "tools/realcapture/router-reset.sh", "router": "10.231.3.2 / 10.231.2.1",
 "routerRule": "iptables -A FORWARD -p tcp --dport 3307 --syn -j REJECT --reject-with tcp-reset", "serverListens": [3306, 3307],
 "clients": "3 rounds: pod-a to 3306, pod-b to 3307, pod-a to 3307, pod-b to 3306"}' pod-a pod-b node-side server-side
