#!/usr/bin/env bash
# Records test/fixtures/real/node-any/: the node captured with `tcpdump -i any`, so one file holds every
# packet on each interface it crossed: the pod's veth and the bridge before NAT, eth0 after it (Linux
# cooked capture, SLL2 with current tcpdump). The same connection appears up to three times, with the
# pod's address and with the node's.
# Usage: sudo tools/realcapture/node-any.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/node-any}
require_tools tshark
topology_up
server_drops_syns_from 61000 61099
server_listen --port 3306
for side in pod-a:hl-pod-a:eth0 node-any:hl-node:any server-side:hl-server:eth0; do IFS=: read -r name ns interface <<<"$side"; capture "$name" "$ns" "$interface"; done
record_traffic mixed_connections
publish "$OUT" "{\"scenario\": \"node-any\", \"script\": \"tools/realcapture/node-any.sh\", \"nodeCapture\": \"tcpdump -i any in hl-node\",
 \"droppedSourcePorts\": [61000, 61099], \"clients\": \"$MIXED_CONNECTIONS\"}" pod-a node-any server-side
