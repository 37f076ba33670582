/** English texts of the sysctl diagnostics and hovers. */
import type { SysctlTexts } from './texts.js';

const timestampsSource = (line: number | null) =>
  line === null ? 'TCP timestamps are on by default (net.ipv4.tcp_timestamps = 1)' : `TCP timestamps are on (line ${line})`;

export const sysctlEn: SysctlTexts = {
  twRecycleEnabled: (value, timestampsLine) =>
    `net.ipv4.tcp_tw_recycle = ${value} makes this server drop SYNs from clients behind NAT. ${timestampsSource(timestampsLine)}, ` +
    'so Linux 3.x to 4.11 remembers, per client IP address, the last TCP timestamp (TSval) of a connection the server closed, ' +
    'and for 60 seconds silently drops any SYN from that address with an older TSval (PAWS). Hosts sharing one address ' +
    '(NAT, Kubernetes nodes, load balancers) each have their own timestamp clock, so some of their connections fail at random: ' +
    'no SYN-ACK, no reset, only "passive connections rejected because of time stamp" growing in netstat -s. Set it to 0.',
  twRecycleWithoutTimestamps: (value, timestampsLine) =>
    `net.ipv4.tcp_tw_recycle = ${value} has no effect while tcp_timestamps = 0 (line ${timestampsLine}): the timestamp check ` +
    'that drops SYNs from clients behind NAT needs timestamps. Turning timestamps back on would arm it; set tcp_tw_recycle to 0 or remove the line.',
  twRecycleRemoved: (ignoreErrors) =>
    'net.ipv4.tcp_tw_recycle does not exist from Linux 4.12 on: there sysctl reports "cannot stat /proc/sys/net/ipv4/tcp_tw_recycle" ' +
    (ignoreErrors
      ? 'and the leading "-" makes it ignore the failure. The line only matters on older kernels; remove it.'
      : 'and systemd-sysctl fails to apply this file. Remove the line (or prefix it with "-" while old kernels still read it).'),
  timestampsFeedTwRecycle: (twRecycleLine) =>
    `With tcp_tw_recycle on (line ${twRecycleLine}), TCP timestamps arm the per-address timestamp check that drops SYNs from clients behind NAT. ` +
    'Keep timestamps on and turn tcp_tw_recycle off instead.',
  fixSetToZero: (key) => `Set ${key} to 0`,
  fixRemoveLine: (key) => `Remove the ${key} line`,
  keys: {
    tcp_timestamps: {
      summary: 'Adds the TCP timestamp option (TSval/TSecr, RFC 7323) to every segment: round-trip measurement and protection against wrapped sequence numbers (PAWS). ' +
        '1 = on with a random offset per connection (Linux 4.10+), 2 = on without the offset, 0 = off.',
      defaultValue: '1',
      handshakes: 'Together with tcp_tw_recycle = 1 it makes the server drop SYNs whose TSval is older than the last one seen from the same address: ' +
        'the intermittent failures of clients behind NAT. Turning timestamps off also stops that, but loses PAWS and makes tcp_tw_reuse useless; turn tcp_tw_recycle off instead.',
    },
    tcp_tw_recycle: {
      summary: 'Fast recycling of TIME-WAIT sockets: remembers the last TCP timestamp per peer address and rejects older segments from that address, including SYNs. Removed in Linux 4.12.',
      defaultValue: '0 (the key does not exist from Linux 4.12)',
      handshakes: 'The cause of SYNs dropped silently at the server when clients share an address (NAT): netstat -s counts them as ' +
        '"passive connections rejected because of time stamp" and "SYNs to LISTEN sockets dropped". Never turn it on on a server that clients reach through NAT.',
    },
    tcp_tw_reuse: {
      summary: 'Lets outgoing connections reuse a local port still in TIME-WAIT when the new connection\'s timestamps are newer. Needs tcp_timestamps. ' +
        '0 = off, 1 = on, 2 = loopback only (default from Linux 4.19).',
      defaultValue: '0 (2 from Linux 4.19)',
      handshakes: 'Safe for clients that open many short connections and run out of local ports ("Cannot assign requested address"). ' +
        'It only affects connections this host opens, never incoming SYNs, so it is the safe alternative to tcp_tw_recycle.',
    },
    tcp_max_syn_backlog: {
      summary: 'The size of the SYN queue: half-open connections (SYN received, SYN-ACK sent, waiting for the ACK) per listening socket.',
      defaultValue: 'computed from memory at boot, at least 128 (often 256 to 4096)',
      handshakes: 'When the SYN queue is nearly full and SYN cookies are off, new SYNs are dropped (TCPReqQFullDrop, "SYNs to LISTEN sockets dropped"); ' +
        'with SYN cookies on, the server answers with cookies instead ("SYN cookies sent").',
    },
    tcp_syncookies: {
      summary: 'SYN cookies: when the SYN queue overflows, answer SYNs with a SYN-ACK that encodes the connection, keeping no state. 0 = off, 1 = when the queue overflows, 2 = always.',
      defaultValue: '1',
      handshakes: 'With 1, a SYN flood or a small backlog does not drop connections, but connections made with cookies lose some options ' +
        '(window scaling and SACK, unless timestamps carry them). With 0, an overflowing SYN queue drops SYNs.',
    },
    somaxconn: {
      summary: 'The upper limit on the backlog an application passes to listen(): the length of the accept queue of fully established connections waiting for accept().',
      defaultValue: '4096 (128 before Linux 5.4)',
      handshakes: 'When the accept queue is full, the server drops the client\'s final ACK or new SYNs: netstat -s counts "times the listen queue of a socket overflowed" ' +
        'and "SYNs to LISTEN sockets dropped". Raise it together with the application\'s own backlog, or make the application accept faster.',
    },
    ip_local_port_range: {
      summary: 'The local ports this host picks for outgoing connections (two numbers: first and last).',
      defaultValue: '32768 60999',
      handshakes: 'A client that opens connections faster than ports leave TIME-WAIT runs out: connect() fails with "Cannot assign requested address" ' +
        'and no SYN is sent at all. Widen the range or enable tcp_tw_reuse; behind NAT the node\'s own range and conntrack limit matter too.',
    },
    tcp_fin_timeout: {
      summary: 'How long an orphaned connection stays in FIN-WAIT-2 waiting for the peer\'s FIN. It is not the TIME-WAIT length, which is fixed at 60 seconds.',
      defaultValue: '60 (seconds)',
      handshakes: 'Lowering it does not shorten TIME-WAIT and does not free ports for new connections; it only reclaims half-closed connections sooner.',
    },
    nf_conntrack_max: {
      summary: 'The number of connections the netfilter connection-tracking table (conntrack, used by NAT and stateful firewalls) can hold.',
      defaultValue: 'computed from memory when the module loads (65536 on a host with more than 1 GB on 3.x/4.x kernels)',
      handshakes: 'When the table is full, new connections\' SYNs are dropped before they reach any socket: the kernel logs ' +
        '"nf_conntrack: table full, dropping packet". Compare net.netfilter.nf_conntrack_count with this limit on NAT nodes and servers.',
    },
    tcp_syn_retries: {
      summary: 'How many times a client retransmits an unanswered SYN before connect() gives up; the wait doubles each time (1, 2, 4, 8 … seconds).',
      defaultValue: '6 (about 127 seconds)',
      handshakes: 'A SYN the server drops silently costs the client 1 s, then 3 s, 7 s … before a retry succeeds: the capture shows retransmitted SYNs ' +
        'and the application sees slow connections or timeouts.',
    },
    tcp_synack_retries: {
      summary: 'How many times a server retransmits a SYN-ACK that got no ACK before it drops the half-open connection.',
      defaultValue: '5 (about 63 seconds)',
      handshakes: 'When SYN-ACKs are lost on the way back (asymmetric routing, rp_filter, conntrack), the server retransmits them this many times; ' +
        'the server capture shows repeated SYN-ACKs the client never acknowledges.',
    },
    tcp_max_tw_buckets: {
      summary: 'The largest number of sockets in TIME-WAIT at once; beyond it, closing sockets skip TIME-WAIT.',
      defaultValue: 'computed from memory at boot (for example 262144)',
      handshakes: 'When exceeded the kernel logs "TCP: time wait bucket table overflow" (TCPTimeWaitOverflow). Lowering it is a safer way than ' +
        'tcp_tw_recycle to limit TIME-WAIT, at the cost of the protection TIME-WAIT gives against old duplicate segments.',
    },
    rp_filter: {
      summary: 'Reverse-path filtering: 1 = strict (drop a packet when the route back to its source leaves by another interface), 2 = loose (drop only when there is no route back at all), 0 = off. ' +
        'The higher of conf.all and the interface\'s own value applies.',
      defaultValue: '0 in the kernel; many distributions set 1 or 2',
      handshakes: 'With asymmetric routing or several interfaces, strict mode drops SYNs or SYN-ACKs silently (IPReversePathFilter in nstat): ' +
        'the handshake fails without a trace in any socket counter.',
    },
  },
  defaultLabel: 'Default',
  valueHereLabel: 'Set here to',
  handshakesLabel: 'In failed handshakes',
};
