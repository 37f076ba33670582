#!/usr/bin/env bash
# Records the same TCP handshakes twice from this machine's Linux kernel, for test/fixtures/vxlan-recorded/:
# inside a VXLAN overlay (the pods' view, overlay.pcap) and on the underlay the VXLAN packets travel
# (the node uplink's view, underlay.pcap), as flannel's vxlan backend builds it. Two tunnels share the
# underlay: VNI 1 on UDP 8472 (flannel's port) and VNI 2 on UDP 4789 (IANA's). Per tunnel: connections
# that complete, one to a closed port (refused) and one whose SYNs the far node's firewall drops.
# Everything happens in two network namespaces made here, underlay 10.232.0.0/24, overlays
# 10.244.1.0/24 and 10.244.2.0/24; nothing leaves this machine.
# Usage: sudo tools/tunnelcapture/record-vxlan.sh [output directory]   (default test/fixtures/vxlan-recorded)
set -euo pipefail

OUT=${1:-$(cd "$(dirname "$0")/../.." && pwd)/test/fixtures/vxlan-recorded}
if [ "$(id -u)" -ne 0 ]; then echo "record-vxlan.sh: run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; fi
for tool in tcpdump iptables ip python3; do command -v "$tool" >/dev/null || { echo "record-vxlan.sh: $tool is missing" >&2; exit 1; }; done

# shellcheck source=../netns.sh
source "$(dirname "$0")/../netns.sh"
NAMESPACES=(hlvx-node-a hlvx-node-b)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  remove_namespaces "${NAMESPACES[@]}"
  rm -rf "$WORK"
}
trap cleanup EXIT

fresh_namespaces "${NAMESPACES[@]}"
ip link add hlvx-a netns hlvx-node-a type veth peer name hlvx-b netns hlvx-node-b
ip -n hlvx-node-a addr add 10.232.0.1/24 dev hlvx-a
ip -n hlvx-node-b addr add 10.232.0.2/24 dev hlvx-b
ip -n hlvx-node-a link set hlvx-a up
ip -n hlvx-node-b link set hlvx-b up

# vxlan_tunnel NAME VNI PORT OVERLAY_SUBNET: one point-to-point VXLAN device per node, as flannel's flannel.1.
vxlan_tunnel() {
  local name=$1 vni=$2 port=$3 subnet=$4
  ip -n hlvx-node-a link add "$name" type vxlan id "$vni" dstport "$port" local 10.232.0.1 remote 10.232.0.2 dev hlvx-a
  ip -n hlvx-node-b link add "$name" type vxlan id "$vni" dstport "$port" local 10.232.0.2 remote 10.232.0.1 dev hlvx-b
  ip -n hlvx-node-a addr add "$subnet.1/24" dev "$name"
  ip -n hlvx-node-b addr add "$subnet.2/24" dev "$name"
  ip -n hlvx-node-a link set "$name" up
  ip -n hlvx-node-b link set "$name" up
}
vxlan_tunnel hlvx-flannel 1 8472 10.244.1
vxlan_tunnel hlvx-iana 2 4789 10.244.2

# The far node answers on 3306, refuses 3307 (nothing listens) and drops SYNs to 3308.
ip netns exec hlvx-node-b iptables -A INPUT -p tcp --dport 3308 --syn -j DROP
cat > "$WORK/server.py" <<'PY'
import socket, sys, threading
def serve(address):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, 3306))
    listener.listen(64)
    while True:
        connection, _ = listener.accept()
        connection.recv(64)
        connection.sendall(b'pong')
        connection.close()
for address in sys.argv[1:]:
    threading.Thread(target=serve, args=(address,), daemon=True).start()
threading.Event().wait(120)
PY
cat > "$WORK/client.py" <<'PY'
import json, socket, sys
server, count = sys.argv[1], int(sys.argv[2])
established = 0
for _ in range(count):
    with socket.create_connection((server, 3306), timeout=5) as connection:
        connection.sendall(b'ping')
        connection.recv(64)
        established += 1
refused = 0
try:
    socket.create_connection((server, 3307), timeout=5)
except ConnectionRefusedError:
    refused = 1
dropped = 0
try:
    socket.create_connection((server, 3308), timeout=2.5)
except (socket.timeout, TimeoutError):
    dropped = 1
print(json.dumps({'established': established, 'refused': refused, 'dropped': dropped}))
PY
ip netns exec hlvx-node-b python3 "$WORK/server.py" 10.244.1.2 10.244.2.2 & PIDS+=($!)
ip netns exec hlvx-node-a tcpdump -i hlvx-a -U -w "$WORK/underlay.pcap" 2>/dev/null & PIDS+=($!)
ip netns exec hlvx-node-a tcpdump -i any -U -w "$WORK/overlay.pcap" tcp and net 10.244.0.0/16 2>/dev/null & PIDS+=($!)
sleep 2

FLANNEL=$(ip netns exec hlvx-node-a python3 "$WORK/client.py" 10.244.1.2 5)
IANA=$(ip netns exec hlvx-node-a python3 "$WORK/client.py" 10.244.2.2 3)
sleep 1
for pid in "${PIDS[@]:1}"; do kill -INT "$pid"; done
sleep 1

mkdir -p "$OUT"
cp "$WORK/underlay.pcap" "$WORK/overlay.pcap" "$OUT/"
cat > "$OUT/truth.json" <<JSON
{
  "kernel": "$(uname -r)",
  "underlay": "10.232.0.1 → 10.232.0.2",
  "tunnels": {
    "10.244.1.2": { "vni": 1, "port": 8472, "counts": $FLANNEL },
    "10.244.2.2": { "vni": 2, "port": 4789, "counts": $IANA }
  }
}
JSON
echo "record-vxlan.sh: wrote $OUT (flannel $FLANNEL, iana $IANA)"
