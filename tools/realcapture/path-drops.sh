#!/usr/bin/env bash
# Records test/fixtures/real/path-drops/: every capture point of the path at once, with SYNs dropped at
# each hop, each fault on its own client source ports so the truth is known. Pods a and b captured inside
# their namespaces, the node on its uplink (eth0, after NAT) and with -i any (both sides of the NAT in one
# file), the router on its interface towards the server, the server on its own.
#   - the node's FORWARD chain drops pod-a's SYNs from source ports 62000-62099 (seen in pod-a and before
#     NAT on the node, never on the uplink);
#   - the router's FORWARD chain drops SYNs from source ports 62100-62199 (MASQUERADE keeps a free port
#     outside the ephemeral range: on the uplink, not beyond the router);
#   - the server's INPUT chain drops SYNs from source ports 61000-61099 (tcpdump sees them first);
#   - nothing listens on 3307 (refused).
# Usage: sudo tools/realcapture/path-drops.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/path-drops}
require_tools tshark
topology_up router
ip netns exec hl-node iptables -A FORWARD -p tcp --syn -s "$(pod_address a)" --sport 62000:62099 -j DROP
ip netns exec hl-router iptables -A FORWARD -p tcp --syn --sport 62100:62199 -j DROP
server_drops_syns_from 61000 61099
server_listen --port 3306
for side in pod-a:hl-pod-a:eth0 pod-b:hl-pod-b:eth0 node-side:hl-node:eth0 node-any:hl-node:any router-side:hl-router:eth1 server-side:hl-server:eth0; do
  IFS=: read -r name ns interface <<<"$side"; capture "$name" "$ns" "$interface"
done
traffic() {
  connect a --count 2; connect b --count 2
  # The failures run side by side (each gives up after 3.5 s), with passing connections among them.
  connect_background a --source-port 62000 --count 2 --connect-timeout 3.5
  connect_background b --source-port 62100 --count 1 --connect-timeout 3.5
  connect_background a --source-port 62150 --count 1 --connect-timeout 3.5
  connect_background b --source-port 61000 --count 2 --connect-timeout 3.5
  connect_background a --port 3307 --count 1
  connect b --count 2; connect a --count 2
  connect_wait
  connect b --port 3307; connect a --count 1; connect b --count 1
}
record_traffic traffic
publish "$OUT" '{"scenario": "path-drops", "script": "tools/realcapture/path-drops.sh", "router": "10.231.3.2 / 10.231.2.1",
 "nodeRule": "iptables -A FORWARD -p tcp --syn -s 10.231.1.2 --sport 62000:62099 -j DROP (hl-node)",
 "routerRule": "iptables -A FORWARD -p tcp --syn --sport 62100:62199 -j DROP (hl-router)",
 "serverRule": "iptables -A INPUT -p tcp --syn --sport 61000:61099 -j DROP (hl-server)", "serverListens": [3306],
 "pathOrder": ["pod-a | pod-b", "node-any (before NAT)", "node-side", "node-any (after NAT)", "router-side", "server-side"]}' \
  pod-a pod-b node-side node-any router-side server-side
