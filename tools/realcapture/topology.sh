# Shared by the recording scripts of tools/realcapture/ (sourced, not run): the namespaces, the
# captures, the server's counters and the clean-up. Two pods on a bridge in a node that MASQUERADEs them
# (the story's flannel node), a server, and optionally a router namespace between the node and the
# server. Addresses only in 10.231.0.0/16, all in namespaces created here; nothing leaves this machine.
#
#   hl-pod-a 10.231.1.2, hl-pod-b 10.231.1.3 ── hl-br0 10.231.1.1 [hl-node] eth0 NODE_OUT
#   without a router: hl-node eth0 10.231.2.1 ── eth0 10.231.2.2 hl-server
#   with a router:    hl-node eth0 10.231.3.1 ── eth0 10.231.3.2 [hl-router] eth1 10.231.2.1 ── eth0 10.231.2.2 hl-server

# shellcheck source=../netns.sh
source "$(dirname "${BASH_SOURCE[0]}")/../netns.sh"

SERVER=10.231.2.2
REALCAPTURE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$REALCAPTURE_DIR/../.." && pwd)
NAMESPACES=()
TCPDUMPS=()
BACKGROUND=()
WORK=$(mktemp -d)
# nstat keeps a history file per user; the recordings read absolute values and keep theirs apart.
export NSTAT_HISTORY="$WORK/nstat.history"

pod_address() { case $1 in a) echo 10.231.1.2 ;; b) echo 10.231.1.3 ;; esac; }

require_tools() {
  if [ "$(id -u)" -ne 0 ]; then echo "$(basename "$0"): run as root (network namespaces, iptables, tcpdump)" >&2; exit 1; fi
  local missing=() tool
  for tool in tcpdump iptables ip python3 nstat "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y tcpdump iptables iproute2 python3 tshark
  fi
}

topology_cleanup() {
  local pid ns
  for pid in "${TCPDUMPS[@]}" "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  remove_namespaces "${NAMESPACES[@]}"
  rm -rf "$WORK"
}

new_namespace() {
  fresh_namespaces "$1"
  NAMESPACES+=("$1")
}

# veth NS_A IF_A ADDRESS_A/24 NS_B IF_B ADDRESS_B/24: a veth pair between two namespaces.
veth() {
  ip link add hl-tmp-a netns "$1" type veth peer name hl-tmp-b netns "$4"
  ip -n "$1" link set hl-tmp-a name "$2"
  ip -n "$4" link set hl-tmp-b name "$5"
  ip -n "$1" addr add "$3" dev "$2"
  ip -n "$4" addr add "$6" dev "$5"
  ip -n "$1" link set "$2" up
  ip -n "$4" link set "$5" up
}

# node_with_pods NODE BRIDGE_ADDRESS POD=ADDRESS...: the node's bridge for its pods, and each pod (namespace
# hl-pod-POD, made already) on it with ADDRESS/24, reaching the server's network through the bridge.
node_with_pods() {
  local node=$1 bridge=$2 entry pod; shift 2
  ip -n "$node" link add hl-br0 type bridge
  ip -n "$node" addr add "$bridge/24" dev hl-br0
  ip -n "$node" link set hl-br0 up
  for entry in "$@"; do
    pod=${entry%%=*}
    ip link add "hl-pod-$pod" netns "hl-pod-$pod" type veth peer name "hl-veth-$pod" netns "$node"
    ip -n "hl-pod-$pod" link set "hl-pod-$pod" name eth0
    ip -n "hl-pod-$pod" addr add "${entry#*=}/24" dev eth0
    ip -n "hl-pod-$pod" link set eth0 up
    ip -n "hl-pod-$pod" route add 10.231.2.0/24 via "$bridge"
    ip -n "$node" link set "hl-veth-$pod" master hl-br0 up
  done
}

# topology_up [router]: the namespaces, addresses, routes and the node's MASQUERADE. Sets NODE_OUT.
topology_up() {
  trap topology_cleanup EXIT
  local with_router=${1:-} pod
  for ns in hl-pod-a hl-pod-b hl-node hl-server; do new_namespace "$ns"; done
  node_with_pods hl-node 10.231.1.1 "a=$(pod_address a)" "b=$(pod_address b)"
  if [ "$with_router" = router ]; then
    new_namespace hl-router
    NODE_OUT=10.231.3.1
    veth hl-node eth0 "$NODE_OUT/24" hl-router eth0 10.231.3.2/24
    veth hl-router eth1 10.231.2.1/24 hl-server eth0 "$SERVER/24"
    ip -n hl-node route add 10.231.2.0/24 via 10.231.3.2
    ip -n hl-server route add 10.231.3.0/24 via 10.231.2.1
    ip netns exec hl-router sysctl -qw net.ipv4.ip_forward=1
  else
    NODE_OUT=10.231.2.1
    veth hl-node eth0 "$NODE_OUT/24" hl-server eth0 "$SERVER/24"
  fi
  ip netns exec hl-node sysctl -qw net.ipv4.ip_forward=1
  ip netns exec hl-node iptables -t nat -A POSTROUTING -s 10.231.1.0/24 -o eth0 -j MASQUERADE
}

# server_drops_syns_from FIRST LAST: the server's firewall drops SYNs from these source ports. Outside the
# default ephemeral range (32768-60999), so only connections that bind them on purpose are dropped;
# MASQUERADE keeps a free source port, so the server sees the same ones.
server_drops_syns_from() { ip netns exec hl-server iptables -A INPUT -p tcp --syn --sport "$1:$2" -j DROP; }

# slow_link NAMESPACE INTERFACE RATE: a token bucket on the interface's egress (this kernel has no netem),
# so that packets leaving in a burst are spaced out: a slow uplink.
slow_link() { tc -n "$1" qdisc add dev "$2" root tbf rate "$3" burst 300 latency 10s; }

# capture NAME NAMESPACE INTERFACE: tcpdump of the server's traffic, 128 bytes a packet, into $WORK/NAME.pcap.
capture() {
  ip netns exec "$2" tcpdump -q -U -n -s 128 -i "$3" -w "$WORK/$1.pcap" "tcp and host $SERVER" 2>/dev/null &
  TCPDUMPS+=($!)
}

captures_start_settle() { sleep 2; }

captures_stop() {
  sleep 1
  local pid
  for pid in "${TCPDUMPS[@]}"; do kill -INT "$pid"; done
  wait "${TCPDUMPS[@]}" 2>/dev/null || true
  TCPDUMPS=()
}

# server_listen ARGS...: tools/realcapture/server.py in the server's namespace, logging to $WORK/server.jsonl.
server_listen() {
  ip netns exec hl-server python3 "$REALCAPTURE_DIR/server.py" --address "$SERVER" --log "$WORK/server.jsonl" "$@" &
  BACKGROUND+=($!)
  sleep 0.5
}

server_stop() {
  local pid
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${BACKGROUND[@]}" 2>/dev/null || true
  BACKGROUND=()
}

# connect POD ARGS...: tools/realcapture/client.py in pod a or b; its socket truth is appended to $WORK/clients.jsonl.
connect() {
  local pod=$1; shift
  ip netns exec "hl-pod-$pod" python3 "$REALCAPTURE_DIR/client.py" --pod "pod-$pod" --server "$SERVER" "$@" >> "$WORK/clients.jsonl"
}

# connect_background POD ARGS...: the same, not waited for (wait with connect_wait).
CONNECTING=()
connect_background() { connect "$@" & CONNECTING+=($!); }
connect_wait() { wait "${CONNECTING[@]}"; CONNECTING=(); }

# mixed_connections: a few connections of each kind the plain topology gives, for the recordings whose
# point is the capture rather than the failure: established from both pods, refused (nothing on 3307),
# dropped by the server's firewall (source port 61000, see server_drops_syns_from 61000 61099).
MIXED_CONNECTIONS='pod-a and pod-b: 2 established each, pod-b to 3307 (nothing listens: refused), pod-a from source port 61000 (SYNs dropped by the server firewall, gives up after 3.5 s)'
mixed_connections() {
  connect a --count 2; connect b --count 2
  connect b --port 3307
  connect a --source-port 61000 --connect-timeout 3.5
  connect b --count 1; connect a --count 1
}

nstat_server() { ip netns exec hl-server nstat -az > "$WORK/nstat-server-$1.txt"; }

# record_traffic COMMAND...: once the captures run, COMMAND between two snapshots of the server's
# counters; then the captures and the server stop.
record_traffic() {
  captures_start_settle
  nstat_server before
  "$@"
  nstat_server after
  captures_stop
  server_stop
}

# publish SCENARIO_DIR METADATA_JSON CAPTURE_NAME...: the captures, the counters and truth.json into the fixture directory.
publish() {
  local out=$1 metadata=$2 name; shift 2
  mkdir -p "$out"
  local captures=()
  for name in "$@"; do cp "$WORK/$name.pcap" "$out/"; captures+=("$name.pcap"); done
  touch "$WORK/server.jsonl" "$WORK/clients.jsonl"
  # The sockets' own logs stay beside the captures, so that truth.json can be rebuilt from them.
  cp "$WORK"/nstat-server-*.txt "$WORK/clients.jsonl" "$out/"
  cp "$WORK/server.jsonl" "$out/server-log.jsonl"
  python3 "$REALCAPTURE_DIR/truth.py" --metadata "$metadata" --server "$SERVER" --node-address "$NODE_OUT" --clients "$WORK/clients.jsonl" --server-log "$WORK/server.jsonl" \
    --nstat-before "$WORK/nstat-server-before.txt" --nstat-after "$WORK/nstat-server-after.txt" \
    --captures "$out" "${captures[@]}" > "$out/truth.json"
  ls -l "$out"
}
