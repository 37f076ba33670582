# Network namespaces for the recording scripts (tools/realcapture, tools/tunnelcapture); source it.

# fresh_namespaces NAME...: each namespace made anew, loopback up, without IPv6 (no router
# solicitations or DAD in the captures).
fresh_namespaces() {
  for ns in "$@"; do
    ip netns del "$ns" 2>/dev/null || true
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
}

# remove_namespaces NAME...: gone, whatever they held (what runs inside is killed by the caller first).
remove_namespaces() {
  for ns in "$@"; do ip netns del "$ns" 2>/dev/null || true; done
}
