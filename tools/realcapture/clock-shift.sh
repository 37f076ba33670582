#!/usr/bin/env bash
# Records test/fixtures/real/clock-shift/: the plain topology's node-side and server-side captures, and a
# copy of the server's with every timestamp moved by SHIFT seconds (`editcap -t`), as if the server's
# clock ran ahead of the node's: the correlation must find the shift, not the wire's delay. And
# server-side-late.pcap: the server's capture from the last connection's start on (`editcap -A`), as if
# tcpdump had been started late: the failures before it are outside what the server capture covers.
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
LATE_START=$(tail -n 1 "$WORK/clients.jsonl" | python3 -c 'import json, sys; print(json.load(sys.stdin)["started"])')
editcap -A "$LATE_START" "$WORK/server-side.pcap" "$WORK/server-side-late.pcap"
publish "$OUT" "{\"scenario\": \"clock-shift\", \"script\": \"tools/realcapture/clock-shift.sh\",
 \"serverClockShiftSeconds\": $SHIFT, \"shiftedCapture\": \"server-side-shifted.pcap\", \"shiftedFrom\": \"server-side.pcap\",
 \"lateCapture\": \"server-side-late.pcap\", \"lateCaptureStart\": $LATE_START,
 \"droppedSourcePorts\": [61000, 61099], \"clients\": \"$MIXED_CONNECTIONS\"}" pod-a pod-b node-side server-side server-side-shifted server-side-late
