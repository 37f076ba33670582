#!/usr/bin/env bash
# Records test/fixtures/real/clock-shift/: the plain topology's node-side and server-side captures, and a
# copy of the server's with every timestamp moved by SHIFT seconds (`editcap -t`), as if the server's
# clock ran ahead of the node's: the correlation must find the shift, not the wire's delay.
# Usage: sudo tools/realcapture/clock-shift.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/clock-shift}
SHIFT=37.5
require_tools tshark editcap
topology_up
server_drops_syns_from 61000 61099
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
record_traffic mixed_connections
editcap -t "$SHIFT" "$WORK/server-side.pcap" "$WORK/server-side-shifted.pcap"
publish "$OUT" "{\"scenario\": \"clock-shift\", \"script\": \"tools/realcapture/clock-shift.sh\",
 \"serverClockShiftSeconds\": $SHIFT, \"shiftedCapture\": \"server-side-shifted.pcap\", \"shiftedFrom\": \"server-side.pcap\",
 \"droppedSourcePorts\": [61000, 61099], \"clients\": \"$MIXED_CONNECTIONS\"}" pod-a pod-b node-side server-side server-side-shifted
