#!/usr/bin/env bash
# Records real captures from this machine's Linux TCP stack for test/fixtures/real/:
# two pods behind a node that MASQUERADEs them (the story's flannel node) connect to a server that
# closes first on 3306, refuses 3307 and drops the SYNs of chosen connections. Everything happens in
# network namespaces created here, with addresses only in 10.231.1.0/24 (pods, node) and
# 10.231.2.0/24 (node, server); nothing leaves this machine.
# Usage: sudo tools/realcapture/record.sh [output directory]   (default test/fixtures/real)
set -euo pipefail

OUT=${1:-$(cd "$(dirname "$0")/../.." && pwd)/test/fixtures/real}
SERVER=10.231.2.2
NODE_OUT=10.231.2.1
CONNECTIONS=30
# Source ports the server's firewall drops SYNs from. Outside the default ephemeral range
# (32768-60999), so only the connections that bind them on purpose are dropped; MASQUERADE keeps a
# free source port, so the server sees the same ones.
DROP_PORT_FIRST=61000
DROP_PORT_LAST=61099

if [ "$(id -u)" -ne 0 ]; then echo "record.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; fi
missing=()
for tool in tcpdump iptables ip; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y tcpdump iptables iproute2
fi

# shellcheck source=../netns.sh
source "$(dirname "$0")/../netns.sh"
NAMESPACES=(hl-pod-a hl-pod-b hl-node hl-server)
WORK=$(mktemp -d)
TCPDUMPS=()
cleanup() {
  for pid in "${TCPDUMPS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${LISTENER:-}" ] && kill "$LISTENER" 2>/dev/null || true
  remove_namespaces "${NAMESPACES[@]}"
  rm -rf "$WORK"
}
trap cleanup EXIT

fresh_namespaces "${NAMESPACES[@]}"

# Pods on a bridge in the node, like a flannel cni0 bridge.
ip -n hl-node link add hl-br0 type bridge
ip -n hl-node addr add 10.231.1.1/24 dev hl-br0
ip -n hl-node link set hl-br0 up
pod_address() { case $1 in a) echo 10.231.1.2 ;; b) echo 10.231.1.3 ;; esac; }
for pod in a b; do
  ip link add "hl-pod-$pod" netns "hl-pod-$pod" type veth peer name "hl-veth-$pod" netns hl-node
  ip -n "hl-pod-$pod" link set "hl-pod-$pod" name eth0
  ip -n "hl-pod-$pod" addr add "$(pod_address $pod)/24" dev eth0
  ip -n "hl-pod-$pod" link set eth0 up
  ip -n "hl-pod-$pod" route add 10.231.2.0/24 via 10.231.1.1
  ip -n hl-node link set "hl-veth-$pod" master hl-br0 up
done
ip link add hl-node-out netns hl-node type veth peer name hl-srv-eth netns hl-server
ip -n hl-node link set hl-node-out name eth0
ip -n hl-node addr add "$NODE_OUT/24" dev eth0
ip -n hl-node link set eth0 up
ip -n hl-server link set hl-srv-eth name eth0
ip -n hl-server addr add "$SERVER/24" dev eth0
ip -n hl-server link set eth0 up
ip netns exec hl-node sysctl -qw net.ipv4.ip_forward=1
ip netns exec hl-node iptables -t nat -A POSTROUTING -s 10.231.1.0/24 -o eth0 -j MASQUERADE
ip netns exec hl-server iptables -A INPUT -p tcp --syn --sport "$DROP_PORT_FIRST:$DROP_PORT_LAST" -j DROP

# The server: greets, reads the request, answers and closes first (MySQL on COM_QUIT), so its socket
# goes to TIME-WAIT. Nothing listens on 3307.
cat > "$WORK/server.py" <<'PY'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.231.2.2", 3306))
s.listen(64)
while True:
    c, _ = s.accept()
    c.sendall(b"greeting\n")
    c.recv(64)
    c.sendall(b"ok\n")
    c.close()
PY
# The client: connect (3 s timeout: SYNs at 0, 1 s and maybe 3 s), talk, wait for the server's FIN,
# close. Prints what happened.
cat > "$WORK/client.py" <<'PY'
import socket, sys
port, source_port = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket()
s.settimeout(3.5)
if source_port:
    s.bind(("0.0.0.0", source_port))
try:
    s.connect(("10.231.2.2", port))
except ConnectionRefusedError:
    print("refused"); sys.exit(0)
except (socket.timeout, TimeoutError):
    print("dropped"); sys.exit(0)
s.recv(64)
s.sendall(b"quit\n")
while s.recv(64):
    pass
s.close()
print("established")
PY

ip netns exec hl-server python3 "$WORK/server.py" &
LISTENER=$!
FILTER="tcp and host $SERVER"
ip netns exec hl-node tcpdump -q -U -n -s 128 -i eth0 -w "$WORK/node-side.pcap" "$FILTER" 2>/dev/null &
TCPDUMPS+=($!)
ip netns exec hl-server tcpdump -q -U -n -s 128 -i eth0 -w "$WORK/server-side.pcap" "$FILTER" 2>/dev/null &
TCPDUMPS+=($!)
ip netns exec hl-pod-a tcpdump -q -U -n -s 128 -i eth0 -w "$WORK/pod-a.pcap" "$FILTER" 2>/dev/null &
TCPDUMPS+=($!)
sleep 2

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
  outcome=$(ip netns exec "hl-pod-$pod" python3 "$WORK/client.py" "$port" "$source_port")
  if [ "$outcome" != "$kind" ]; then echo "record.sh: connection $i from pod-$pod: expected $kind, got $outcome" >&2; exit 1; fi
  count[$pod,$kind]=$((count[$pod,$kind] + 1))
  sleep 0.2
done
sleep 1
for pid in "${TCPDUMPS[@]}"; do kill -INT "$pid"; done
wait "${TCPDUMPS[@]}" 2>/dev/null || true
TCPDUMPS=()

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
