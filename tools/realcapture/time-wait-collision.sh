#!/usr/bin/env bash
# Records test/fixtures/real/time-wait-collision/: the node SNATs both pods to ONE source address and
# port (10.231.2.1:40000), so every connection to the server is the same four-tuple, and the server,
# which closes first, still holds the previous one in TIME-WAIT (TCP_TIMEWAIT_LEN, 60 s) when the next
# arrives. conntrack's TIME_WAIT and CLOSE timeouts are lowered in the node so that it lets the next
# connection have the port after a second. The pods send no timestamps (tcp_timestamps=0 in their
# namespaces), so only the ISN decides: tcp_timewait_state_process takes the SYN as a new connection
# (TCP_TW_SYN) when its sequence is after the old tw_rcv_nxt, and otherwise answers with a bare ACK of
# the old connection (TCP_TW_ACK, tcp_v4_timewait_ack). The pod, in SYN-SENT, answers that ACK with a RST
# carrying its acknowledgement as sequence (tcp_rcv_synsent_state_process, "reset_and_undo"), which kills
# the TIME-WAIT socket, and its SYN retransmission a second later connects. ISNs are random per host, so
# about half the reuses collide.
# Since Linux 5.10 that retransmission comes after TCP_TIMEOUT_MIN (2 jiffies) rather than the RTO, when
# it is the first: a collision costs milliseconds. Rounds alternate the pods; in the second half the
# server has net.ipv4.tcp_rfc1337=1, under which the RST does not kill the TIME-WAIT socket, so every
# retransmission collides again and the connect fails (the application gives up after 3.5 s).
# Usage: sudo tools/realcapture/time-wait-collision.sh [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
OUT=${1:-$REPO_DIR/test/fixtures/real/time-wait-collision}
ROUNDS=16
NAT_PORT=40000
require_tools tshark
topology_up
ip netns exec hl-node iptables -t nat -I POSTROUTING 1 -s 10.231.1.0/24 -o eth0 -p tcp -j SNAT --to-source "$NODE_OUT:$NAT_PORT"
ip netns exec hl-node sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_time_wait=1 net.netfilter.nf_conntrack_tcp_timeout_close=1
for pod in a b; do ip netns exec "hl-pod-$pod" sysctl -qw net.ipv4.tcp_timestamps=0; done
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  local round pod
  for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then pod=a; else pod=b; fi
    if ((round == ROUNDS / 2 + 1)); then ip netns exec hl-server sysctl -qw net.ipv4.tcp_rfc1337=1; fi
    connect "$pod" --count 1 --connect-timeout 3.5
    # conntrack forgets the previous mapping after its 1 s TIME_WAIT (or CLOSE); the server does not.
    sleep 2
  done
}
record_traffic traffic
publish "$OUT" "$(cat <<JSON
{"scenario": "time-wait-collision", "script": "tools/realcapture/time-wait-collision.sh",
 "nodeRule": "iptables -t nat -I POSTROUTING 1 -s 10.231.1.0/24 -o eth0 -p tcp -j SNAT --to-source $NODE_OUT:$NAT_PORT",
 "nodeSysctls": {"net.netfilter.nf_conntrack_tcp_timeout_time_wait": 1, "net.netfilter.nf_conntrack_tcp_timeout_close": 1},
 "podTcpTimestamps": 0, "serverRfc1337FromRound": $((ROUNDS / 2 + 1)),
 "clients": "$ROUNDS rounds, pod-a then pod-b, 2 s apart, each one connection to 3306 given up after 3.5 s; from round $((ROUNDS / 2 + 1)) on the server has net.ipv4.tcp_rfc1337=1"}
JSON
)" pod-a pod-b node-side server-side
