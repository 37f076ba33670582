#!/usr/bin/env bash
# Records test/fixtures/real/two-nodes/: two nodes, each with its own pods and its own MASQUERADE
# address, connecting through one router to the same server, with SYNs dropped at each hop. path-drops.sh's
# topology (node 1: pods a and b, uplink 10.231.3.1) plus a second node (pods c 10.231.4.2 and d 10.231.4.3
# on its bridge 10.231.4.1, uplink 10.231.5.1 to the router's 10.231.5.2):
#   - node 1's FORWARD chain drops pod-a's SYNs from source ports 62000-62099;
#   - node 2's FORWARD chain drops pod-c's SYNs from source ports 62200-62299;
#   - the router's FORWARD chain drops SYNs from source ports 62100-62199 (either node's);
#   - the server's INPUT chain drops SYNs from source ports 61000-61099 (tcpdump sees them first);
#   - nothing listens on 3307 (refused).
# Captured: each pod, each node's uplink (after NAT), the server.
# Usage: sudo flock /tmp/hl-netns.lock tools/realcapture/two-nodes.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/two-nodes}
NODE2_OUT=10.231.5.1
require_tools tshark
topology_up router

# The second node, as topology_up builds the first: a bridge for its pods, MASQUERADE on its uplink.
second_node_up() {
  for ns in hl-node2 hl-pod-c hl-pod-d; do new_namespace "$ns"; done
  node_with_pods hl-node2 10.231.4.1 c=10.231.4.2 d=10.231.4.3
  veth hl-node2 eth0 "$NODE2_OUT/24" hl-router eth2 10.231.5.2/24
  ip -n hl-node2 route add 10.231.2.0/24 via 10.231.5.2
  ip -n hl-server route add 10.231.5.0/24 via 10.231.2.1
  ip netns exec hl-node2 sysctl -qw net.ipv4.ip_forward=1
  ip netns exec hl-node2 iptables -t nat -A POSTROUTING -s 10.231.4.0/24 -o eth0 -j MASQUERADE
}
second_node_up

ip netns exec hl-node iptables -A FORWARD -p tcp --syn -s "$(pod_address a)" --sport 62000:62099 -j DROP
ip netns exec hl-node2 iptables -A FORWARD -p tcp --syn -s 10.231.4.2 --sport 62200:62299 -j DROP
ip netns exec hl-router iptables -A FORWARD -p tcp --syn --sport 62100:62199 -j DROP
server_drops_syns_from 61000 61099
server_listen --port 3306
for side in pod-a:hl-pod-a:eth0 pod-b:hl-pod-b:eth0 pod-c:hl-pod-c:eth0 pod-d:hl-pod-d:eth0 \
  node1-side:hl-node:eth0 node2-side:hl-node2:eth0 server-side:hl-server:eth0; do
  IFS=: read -r name ns interface <<<"$side"; capture "$name" "$ns" "$interface"
done
traffic() {
  connect a --count 2; connect c --count 2; connect b --count 1; connect d --count 1
  # The failures run side by side (each gives up after 3.5 s), with passing connections among them.
  connect_background a --source-port 62000 --count 2 --connect-timeout 3.5
  connect_background c --source-port 62200 --count 2 --connect-timeout 3.5
  connect_background d --source-port 62100 --count 1 --connect-timeout 3.5
  connect_background b --source-port 61000 --count 1 --connect-timeout 3.5
  connect_background d --port 3307 --count 1
  connect c --count 2; connect b --count 2
  connect_wait
  connect a --count 1; connect d --count 2; connect c --port 3307
}
record_traffic traffic
publish "$OUT" '{"scenario": "two-nodes", "script": "tools/realcapture/two-nodes.sh", "router": "10.231.3.2 / 10.231.5.2 / 10.231.2.1",
 "nodes": {"node1-side.pcap": {"address": "10.231.3.1", "pods": ["pod-a", "pod-b"]}, "node2-side.pcap": {"address": "10.231.5.1", "pods": ["pod-c", "pod-d"]}},
 "node1Rule": "iptables -A FORWARD -p tcp --syn -s 10.231.1.2 --sport 62000:62099 -j DROP (hl-node)",
 "node2Rule": "iptables -A FORWARD -p tcp --syn -s 10.231.4.2 --sport 62200:62299 -j DROP (hl-node2)",
 "routerRule": "iptables -A FORWARD -p tcp --syn --sport 62100:62199 -j DROP (hl-router)",
 "serverRule": "iptables -A INPUT -p tcp --syn --sport 61000:61099 -j DROP (hl-server)", "serverListens": [3306],
 "pathOrder": ["pod-a | pod-b", "node1-side", "server-side"], "pathOrder2": ["pod-c | pod-d", "node2-side", "server-side"]}' \
  pod-a pod-b pod-c pod-d node1-side node2-side server-side
