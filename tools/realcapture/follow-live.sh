#!/bin/bash
# `analyze FILE --follow` against a real `tcpdump -U -w FILE`: two namespaces of its own (hl-live-a,
# hl-live-b, 10.231.77.0/24 on a veth pair; nothing leaves this machine), a server that greets three
# connections, a port nothing listens on, then SIGINT to the follower and to tcpdump. Prints the rows
# as they were decided and the follower's exit status.
# Root; run under `flock /tmp/hl-netns.lock`. Every step is bounded by `timeout`.
set -eu
source "$(dirname "${BASH_SOURCE[0]}")/../netns.sh"
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
A=hl-live-a
B=hl-live-b
WORK=$(mktemp -d /tmp/hl-live-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  remove_namespaces "$A" "$B"
}
trap cleanup EXIT
fresh_namespaces "$A" "$B"
ip link add hl-live-va netns "$A" type veth peer name hl-live-vb netns "$B"
ip -n "$A" addr add 10.231.77.1/24 dev hl-live-va && ip -n "$A" link set hl-live-va up
ip -n "$B" addr add 10.231.77.2/24 dev hl-live-vb && ip -n "$B" link set hl-live-vb up

ip netns exec "$B" timeout 60 python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.231.77.2", 3306)); s.listen(16)
for _ in range(3):
    c, _ = s.accept(); c.sendall(b"greeting"); c.close()
' & pids+=($!)
ip netns exec "$A" timeout 60 tcpdump -i hl-live-va -U -w "$WORK/cap.pcap" tcp 2>/dev/null & pids+=($!)
tcpdump_pid=$!
sleep 1
timeout 60 node "$REPO_DIR/dist/cli.js" analyze "$WORK/cap.pcap" --follow --format ndjson >"$WORK/rows.ndjson" 2>"$WORK/stderr.txt" &
follower=$!
pids+=($follower)
sleep 1
for _ in 1 2 3; do
  ip netns exec "$A" timeout 5 bash -c 'exec 3<>/dev/tcp/10.231.77.2/3306; head -c 8 <&3 >/dev/null' || true
  sleep 0.5
done
ip netns exec "$A" timeout 5 bash -c 'exec 3<>/dev/tcp/10.231.77.2/3307' 2>/dev/null || true
sleep 2
kill -INT "$follower"
status=0
wait "$follower" || status=$?
kill -INT "$tcpdump_pid" 2>/dev/null || true
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean);
for (const row of lines.map((line) => JSON.parse(line))) console.log(row.id, row.client, "->", row.server, row.verdict, row.outcome);
' "$WORK/rows.ndjson"
tail -n 1 "$WORK/stderr.txt"
echo "follower exit status $status"
