#!/usr/bin/env bash
# Records the SYN cookies a capture can show. net.ipv4.tcp_syncookies=2 in the server's namespace, so
# the kernel answers every SYN with a cookie (tcp_conn_request: syncookies == 2 → want_cookie;
# cookie_v4_init_sequence) and keeps no request socket. One phase per run, each into its own directory:
# - tsval (test/fixtures/real/syn-cookies-tsval/): the server's net.ipv4.tcp_timestamps=2 turns off the
#   random per-connection TSval offset (tcp_v4_init_ts_off returns 0 unless tcp_timestamps is 1), so the
#   SYN-ACK's TSval shows cookie_init_timestamp's low 6 bits: the SYN's window scale and SACK. pod-b runs
#   with net.ipv4.tcp_sack=0, so its SYNs encode another value than pod-a's.
# - no-timestamps (test/fixtures/real/syn-cookies-no-timestamps/): pod-b sends SYNs without timestamps
#   (tcp_timestamps=0) and with MSS 1400 (its eth0 MTU 1440); a cookie without timestamps cannot keep
#   window scale and SACK (tcp_conn_request: want_cookie && !tmp_opt.saw_tstamp → tcp_clear_options).
#   pod-a keeps timestamps (and MSS 1400): its cookies keep both options, in the TSval.
# - synack-drop (test/fixtures/real/syn-cookies-synack-drop/): a router drops the server's SYN-ACKs to
#   chosen client ports. With a cookie no request socket exists, so nothing retransmits a lost SYN-ACK
#   (a request's timer would, reqsk_timer_handler → inet_rtx_syn_ack at 1 s, 3 s…); only the client's
#   retransmitted SYN gets a new cookie SYN-ACK.
#   - ports 61110-61112: every SYN-ACK dropped; the application gives up after 2.5 s, and the capture
#     runs 8 s more (a last connection shows it ran), in which a request's timer would have resent the
#     SYN-ACK several times.
#   - ports 61120-61121: the first 2 SYN-ACKs dropped (an iptables quota of 60-byte SYN-ACKs); the
#     third SYN's cookie SYN-ACK passes and the connection completes.
# Usage: sudo tools/realcapture/syn-cookies-visible.sh tsval|no-timestamps|synack-drop [output directory]
set -euo pipefail
source "$(dirname "$0")/topology.sh"
PHASE=${1:?usage: syn-cookies-visible.sh tsval|no-timestamps|synack-drop [output directory]}
OUT=${2:-$REPO_DIR/test/fixtures/real/syn-cookies-$PHASE}
require_tools tshark
case $PHASE in
  tsval|no-timestamps) topology_up ;;
  synack-drop) topology_up router ;;
  *) echo "syn-cookies-visible.sh: unknown phase $PHASE" >&2; exit 2 ;;
esac
ip netns exec hl-server sysctl -qw net.ipv4.tcp_syncookies=2
drop_synacks() { ip netns exec hl-router iptables -A FORWARD -p tcp --sport 3306 --tcp-flags SYN,ACK SYN,ACK --dport "$@" -j DROP; }
case $PHASE in
  tsval)
    ip netns exec hl-server sysctl -qw net.ipv4.tcp_timestamps=2
    ip netns exec hl-pod-b sysctl -qw net.ipv4.tcp_sack=0
    SETTINGS='"serverSysctls": {"net.ipv4.tcp_syncookies": 2, "net.ipv4.tcp_timestamps": 2}, "podSysctls": {"pod-b": {"net.ipv4.tcp_sack": 0}}'
    ;;
  no-timestamps)
    ip netns exec hl-pod-b sysctl -qw net.ipv4.tcp_timestamps=0
    for pod in a b; do ip -n "hl-pod-$pod" link set eth0 mtu 1440; done
    SETTINGS='"serverSysctls": {"net.ipv4.tcp_syncookies": 2}, "podSysctls": {"pod-b": {"net.ipv4.tcp_timestamps": 0}}, "podMtu": 1440'
    ;;
  synack-drop)
    drop_synacks 61110:61112
    drop_synacks 61120 -m quota --quota $((2 * 60))
    drop_synacks 61121 -m quota --quota $((2 * 60))
    SETTINGS='"serverSysctls": {"net.ipv4.tcp_syncookies": 2}, "router": "10.231.3.2 / 10.231.2.1",
 "synAckDrops": [{"clientPorts": "61110-61112", "dropped": "all", "connectTimeoutSeconds": 2.5},
                 {"clientPorts": "61120-61121", "dropped": 2, "connectTimeoutSeconds": 10}]'
    ;;
esac
server_listen --port 3306
for side in pod-a:hl-pod-a pod-b:hl-pod-b node-side:hl-node server-side:hl-server; do capture "${side%%:*}" "${side#*:}" eth0; done
traffic() {
  case $PHASE in
    tsval|no-timestamps)
      for ((round = 1; round <= 3; round++)); do connect a --count 1; connect b --count 1; done
      connect_background a --count 2 --parallel --gap 0.002
      connect_background b --count 2 --parallel --gap 0.002
      connect_wait
      ;;
    synack-drop)
      connect a --count 1
      connect_background a --source-port 61110 --connect-timeout 2.5
      connect_background b --source-port 61111 --connect-timeout 2.5
      connect_background a --source-port 61112 --connect-timeout 2.5
      connect_background b --source-port 61120 --connect-timeout 10
      connect_background a --source-port 61121 --connect-timeout 10
      connect_wait
      # A request's SYN-ACK timer for the given-up connections would fire at 1, 3 and 7 s. The capture
      # shows when packets came, not when it ran: the connection after the wait proves it ran meanwhile.
      sleep 8
      connect b --count 1
      ;;
  esac
}
record_traffic traffic
publish "$OUT" "{\"scenario\": \"syn-cookies-$PHASE\", \"script\": \"tools/realcapture/syn-cookies-visible.sh $PHASE\", $SETTINGS,
 \"clients\": \"$( [ "$PHASE" = synack-drop ] && echo 'one connection from pod-a, the five above in parallel, 8 s later one from pod-b' || echo '3 rounds of one connection from each pod, then 2 parallel connections from each pod')\"}" pod-a pod-b node-side server-side
