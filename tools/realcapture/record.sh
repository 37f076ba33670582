#!/usr/bin/env bash
# Records real captures from this machine's Linux TCP stack for test/fixtures/real/:
# two pods behind a node that MASQUERADEs them (the story's flannel node) connect to a server that
# closes first on 3306, refuses 3307 and drops the SYNs of chosen connections. The namespaces and
# addresses are those of tools/realcapture/topology.sh; nothing leaves this machine.
# Usage: sudo tools/realcapture/record.sh [output directory]   (default test/fixtures/real)
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real}
CONNECTIONS=30
DROP_PORT_FIRST=61000
DROP_PORT_LAST=61099

require_tools
topology_up
server_drops_syns_from "$DROP_PORT_FIRST" "$DROP_PORT_LAST"
server_listen --port 3306
for side in node-side:hl-node server-side:hl-server pod-a:hl-pod-a; do capture "${side%%:*}" "${side#*:}" eth0; done
captures_start_settle

# What the last connection's socket said, in this script's words.
last_outcome() {
  tail -n 1 "$WORK/clients.jsonl" | python3 -c 'import json, sys; r = json.load(sys.stdin)
print({"ok": "established" if r["greeted"] else "not-greeted", "ECONNREFUSED": "refused", "gave-up": "dropped"}.get(r["connect"], r["connect"]))'
}

# Connection i: pod a on even i, pod b on odd i; every 7th to 3307 (refused), every 9th with a dropped
# source port (unanswered SYNs), the rest established.
declare -A count
for pod in a b; do for kind in established refused dropped; do count[$pod,$kind]=0; done; done
drop_port=$DROP_PORT_FIRST
for ((i = 1; i <= CONNECTIONS; i++)); do
  pod=$([ $((i % 2)) -eq 0 ] && echo a || echo b)
  port=3306; source_port=0; kind=established
  if [ $((i % 7)) -eq 0 ]; then port=3307; kind=refused
  elif [ $((i % 9)) -eq 0 ]; then source_port=$drop_port; drop_port=$((drop_port + 1)); kind=dropped
  fi
  connect "$pod" --port "$port" --source-port "$source_port" --connect-timeout 3.5
  outcome=$(last_outcome)
  if [ "$outcome" != "$kind" ]; then echo "record.sh: connection $i from pod-$pod: expected $kind, got $outcome" >&2; exit 1; fi
  count[$pod,$kind]=$((count[$pod,$kind] + 1))
done
captures_stop
server_stop

mkdir -p "$OUT"
cp "$WORK/node-side.pcap" "$WORK/server-side.pcap" "$WORK/pod-a.pcap" "$OUT/"
cat > "$OUT/truth.json" <<JSON
{
  "kernel": "$(uname -r)",
  "recorded": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "tcpTimestamps": $(cat /proc/sys/net/ipv4/tcp_timestamps),
  "server": "$SERVER:3306",
  "refusedPort": 3307,
  "nodeAddress": "$NODE_OUT",
  "pods": {
    "pod-a": { "address": "$(pod_address a)", "established": ${count[a,established]}, "refused": ${count[a,refused]}, "dropped": ${count[a,dropped]} },
    "pod-b": { "address": "$(pod_address b)", "established": ${count[b,established]}, "refused": ${count[b,refused]}, "dropped": ${count[b,dropped]} }
  },
  "droppedSourcePorts": [$DROP_PORT_FIRST, $((drop_port - 1))]
}
JSON
ls -l "$OUT"
