/** English sentences of the slow-connect diagnosis. */
import { grouped, plural } from './format.js';
import type { SynSchedule } from '../handshakes/synSchedule.js';
import { latencyText, type SlowConnectGroup, type SlowConnectTexts } from './slowConnectTexts.js';

const duration = (ms: number) => latencyText(ms, 's');

const SCHEDULE: Record<SynSchedule, string> = {
  'linux-doubling': 'Linux\'s doubling backoff (SYNs at 0, 1, 3, 7 s)',
  'linux-linear': 'Linux\'s linear timeouts, net.ipv4.tcp_syn_linear_timeouts (SYNs at 0, 1, 2, 3 s)',
  'linux-one-second': 'a retransmission 1 s after the first SYN (Linux; linear or doubling cannot be told from one gap)',
  'linux-unacceptable-ack': 'Linux\'s immediate retransmission after an unacceptable ACK (TCP_TIMEOUT_MIN, a few milliseconds, since 5.10), then its usual timeouts',
  'windows': 'the Windows schedule (SYNs at 0, 3, 9 s)',
  'other': 'no known stack\'s schedule (an application\'s own retries, or a SYN the capture missed)',
};

const GROUP: Record<SlowConnectGroup, string> = {
  'time-wait-collision': 'their first SYNs were answered by an ACK of the previous connection on the same four-tuple, which the server still held (TIME-WAIT), and the client reset it before sending the SYN again',
  'paws-tw-recycle': 'their first SYNs reached the server and were dropped by its tcp_tw_recycle timestamp check (the replay of the server capture predicts those very SYNs dropped)',
  'dropped-at-server': 'their first SYNs reached the server, which answered neither SYN-ACK nor RST until a later retransmission',
  'reply-lost': 'the server answered their first SYNs, but those SYN-ACKs never reached the client',
  'dropped-at-node': 'their first SYNs died on a node between two capture points on the client\'s side (a later capture, recording then, holds only the retransmissions)',
  'lost-before-server': 'their first SYNs never reached the server capture, which holds the later ones',
  'unlocated': 'what dropped their first SYNs cannot be told from one capture (the server-side capture would show whether they arrived)',
};

export const slowConnectEn: SlowConnectTexts = {
  title: (slow, maxMs) =>
    `${plural(slow, 'connection', 'connections')} succeeded only after the SYN was sent again (connect took up to ${duration(maxMs)})`,
  explanation: (vantage) =>
    'When a SYN gets no answer, the client\'s kernel sends it again after a timeout (Linux: 1 s, then 2 s, 4 s…, or 1 s steps on current kernels; Windows: 3 s, then 6 s). ' +
    'The connection then succeeds, so nothing fails, but the application\'s connect() took a whole timeout longer: the "intermittent timeout" users see as requests that sometimes take 1 s, 3 s or more. ' +
    'The first SYNs were lost for the same reasons that make other handshakes fail, and the evidence says which, as far as the captures show it. ' +
    (vantage === 'client'
      ? 'Latency here is from the first SYN to the SYN-ACK, as the client waited for it.'
      : 'This capture was taken at the server: latency is from the first SYN that arrived to the client\'s ACK, and SYNs lost before the server are not in it.'),
  group: (f) =>
    `${plural(f.count, 'slow connection', 'slow connections')}: ${GROUP[f.group]}. ` +
    (f.schedule === null ? 'The retransmissions are not in this capture.' : `The SYNs followed ${SCHEDULE[f.schedule]}.`),
  latency: (f, vantage) =>
    `${f.server}: ${grouped(f.slow)} of ${plural(f.passed, 'successful connection', 'successful connections')} needed a retransmitted SYN; ` +
    `${vantage === 'client' ? 'connect latency' : 'handshake time at the server'} p50 ${duration(f.p50Ms)}, p99 ${duration(f.p99Ms)}, max ${duration(f.maxMs)}.`,
  fix: (group) => ({
    'time-wait-collision': 'Stop reusing four-tuples while the server holds the old connection: random NAT source ports (--random-fully), a wider net.ipv4.ip_local_port_range, or clients that close first; keep net.ipv4.tcp_timestamps = 1 on both ends.',
    'paws-tw-recycle': 'Set net.ipv4.tcp_tw_recycle = 0 on the server (the option is gone from Linux 4.12): behind NAT it drops the SYNs of hosts whose timestamp clocks are behind.',
    'dropped-at-server': 'Look at the server: a full listen queue (netstat -s "SYNs to LISTEN sockets dropped", "times the listen queue of a socket overflowed"; raise the backlog and net.core.somaxconn, accept faster) or a firewall rule dropping SYNs.',
    'reply-lost': 'Follow the SYN-ACKs back from the server: a firewall, conntrack or asymmetric route on the return path drops them.',
    'dropped-at-node': 'On the node between the two captures: conntrack -S (insert_failed and drop grow with the SNAT race: give the MASQUERADE/SNAT rule --random-fully), "nf_conntrack: table full" in dmesg, and the FORWARD chain\'s counters.',
    'lost-before-server': 'Follow the SYNs along the path to the server: packet loss, a full conntrack table on the NAT node (nf_conntrack: table full, dropping packet) or a firewall in between.',
    'unlocated': 'Capture on the server side at the same time and correlate the captures to see where the first SYNs went.',
  })[group],
};
