/** English texts of the netstat -s / nstat diagnostics and hovers. */
import { grouped, plural } from '../../analyzer/explain/format.js';
import type { CounterSpan, CounterTexts, ListenDropFacts } from './texts.js';

const when = (span: CounterSpan) => (span === 'since-boot' ? 'since boot' : 'in this nstat reading');
const known = (n: number | null) => (n === null ? 'not shown' : grouped(n));

const dropsOpening = (f: ListenDropFacts) =>
  `${plural(f.drops, 'SYN', 'SYNs')} to listening sockets dropped ${when(f.span)} (ListenDrops); ` +
  `accept queue overflows: ${known(f.overflows)}, rejected by timestamp: ${known(f.paws)}.`;

export const counterEn: CounterTexts = {
  pawsPassive: (n, span) =>
    `${plural(n, 'SYN was', 'SYNs were')} rejected ${when(span)} because of their TCP timestamp (PAWSPassive): this host runs with ` +
    'net.ipv4.tcp_tw_recycle = 1 and silently drops SYNs from an address whose timestamp is older than the last one it remembered. ' +
    'Clients behind NAT, each with its own timestamp clock, fail at random. Set net.ipv4.tcp_tw_recycle = 0.',
  pawsActive: (n) =>
    `${plural(n, 'SYN-ACK was', 'SYN-ACKs were')} rejected on connections this host opened because they echoed a timestamp it never sent ` +
    '(PAWSActive): a middlebox rewriting TCP timestamps, or a stale SYN-ACK of an earlier connection on the same ports. The connection waits for a SYN retransmission.',
  pawsEstablished: (n) =>
    `${plural(n, 'segment', 'segments')} of established connections were dropped as old duplicates by the timestamp check (PAWSEstab). ` +
    'A few are normal; many, with NAT in the path, point at hosts with different clocks sharing one address. It does not fail handshakes by itself.',
  listenDropsPaws: (f) =>
    `${dropsOpening(f)} Most drops are not overflows, and the timestamp check rejected SYNs: tcp_tw_recycle is the likely cause. Set net.ipv4.tcp_tw_recycle = 0.`,
  listenDropsOverflow: (f) =>
    `${dropsOpening(f)} Nearly all drops are accept queue overflows: the application accepts connections too slowly or listens with a small backlog. ` +
    'Raise net.core.somaxconn and the backlog the application passes to listen(), or make it accept faster.',
  listenDropsOther: (f) =>
    `${dropsOpening(f)} The rest have another cause: a full SYN queue with SYN cookies off (TCPReqQFullDrop), ` +
    'tcp_tw_recycle (PAWSPassive), memory pressure, or a security module. Compare two readings taken while connections fail.',
  listenOverflows: (n) =>
    `The accept queue of a listening socket was full ${plural(n, 'time', 'times')} (ListenOverflows): completed connections waited for accept() ` +
    'and new SYNs or final ACKs were dropped. Raise net.core.somaxconn and the listen() backlog, or make the application accept faster.',
  synQueueFullDrop: (n) =>
    `${plural(n, 'SYN was', 'SYNs were')} dropped because the SYN queue was full and SYN cookies were off or unusable (TCPReqQFullDrop); ` +
    'the kernel log says "Possible SYN flooding on port …. Dropping request". Turn on net.ipv4.tcp_syncookies or raise tcp_max_syn_backlog and the backlog.',
  syncookiesSent: (n) =>
    `The SYN queue overflowed and ${plural(n, 'SYN cookie was', 'SYN cookies were')} sent instead (SyncookiesSent): a SYN flood, or a backlog too small for the load. ` +
    'Those connections succeed but may lose window scaling and SACK.',
  syncookiesFailed: (n) =>
    `${plural(n, 'ACK', 'ACKs')} to a listening socket carried an invalid or expired SYN cookie (SyncookiesFailed); their connections were not established.`,
  backlogDrop: (n) =>
    `${plural(n, 'segment was', 'segments were')} dropped because a socket's backlog was full while the application held its lock (TCPBacklogDrop): ` +
    'receive pressure on established connections, not the listen queue.',
  noRoute: (n) =>
    `${plural(n, 'outgoing packet was', 'outgoing packets were')} dropped because of a missing route (OutNoRoutes). ` +
    'If SYN-ACKs to some clients are among them, those clients never get an answer: check the routes back to the client networks.',
  rpFilterDrop: (n) =>
    `${plural(n, 'packet was', 'packets were')} dropped by reverse-path filtering (IPReversePathFilter): with asymmetric routing, SYNs or SYN-ACKs vanish. ` +
    'Check net.ipv4.conf.*.rp_filter against the routing table.',
  timeWaitOverflow: (n) =>
    `The TIME-WAIT table was full ${plural(n, 'time', 'times')} (TCPTimeWaitOverflow, net.ipv4.tcp_max_tw_buckets): those sockets closed without TIME-WAIT.`,
  counters: {
    OutNoRoutes: {
      summary: 'Outgoing IP packets dropped because no route led to their destination (Ip: "dropped because of missing route").',
      handshakes: 'A server with no route back to a client network drops its SYN-ACKs here: the SYN arrives, the answer never leaves.',
    },
    AttemptFails: {
      summary: 'Connections that went from SYN-SENT or SYN-RECV straight to CLOSED, or from SYN-RECV back to LISTEN (Tcp: "failed connection attempts").',
      handshakes: 'Grows with refused connections (RST to a SYN) and abandoned handshakes; a general signal, not a cause.',
    },
    PAWSPassive: {
      summary: 'SYNs to a listening socket rejected because their TCP timestamp was older than the one remembered for the peer address ("passive connections rejected because of time stamp").',
      handshakes: 'Only net.ipv4.tcp_tw_recycle = 1 (Linux 3.x to 4.11) rejects SYNs this way: the NAT/PAWS drop. Every rejection also counts in ListenDrops; the client sees no answer and retransmits its SYN.',
    },
    PAWSActive: {
      summary: 'SYN-ACKs rejected on connections this host opened, because they echoed a timestamp it never sent ("active connections rejected because of time stamp").',
      handshakes: 'Points at a middlebox rewriting TCP timestamps or at stale SYN-ACKs; the client retransmits its SYN.',
    },
    PAWSEstab: {
      summary: 'Segments of established connections dropped as old duplicates by the timestamp check (PAWS) ("packets rejects in established connections because of timestamp").',
      handshakes: 'Not a handshake failure by itself; many of them with NAT in the path mean hosts with different clocks share one address.',
    },
    TWRecycled: {
      summary: 'Local ports still in TIME-WAIT reused by new outgoing connections ("time wait sockets recycled by time stamp").',
      handshakes: 'Despite its name this counts tcp_tw_reuse on outgoing connections, not tcp_tw_recycle; it does not drop incoming SYNs.',
    },
    ListenOverflows: {
      summary: 'Times a completed connection found the accept queue of its listening socket full ("times the listen queue of a socket overflowed").',
      handshakes: 'The application does not call accept() fast enough or listens with a small backlog (capped by net.core.somaxconn). Every overflow also counts in ListenDrops.',
    },
    ListenDrops: {
      summary: 'Every SYN (or final ACK) a listening socket dropped, whatever the reason ("SYNs to LISTEN sockets dropped").',
      handshakes: 'The sum of the causes: accept queue overflows (ListenOverflows), timestamp rejections (PAWSPassive), a full SYN queue, memory. ' +
        'Far above ListenOverflows with PAWSPassive > 0 means tcp_tw_recycle; about equal to ListenOverflows means a full accept queue.',
    },
    TCPBacklogDrop: {
      summary: 'Segments dropped because a socket\'s backlog (packets queued while the application holds the socket lock) exceeded its receive and send buffers.',
      handshakes: 'Despite the name it is not the listen backlog: it concerns established connections under receive pressure, not handshakes.',
    },
    SyncookiesSent: {
      summary: 'SYN-ACKs sent with a SYN cookie because the SYN queue overflowed ("SYN cookies sent").',
      handshakes: 'A SYN flood or a backlog too small (tcp_max_syn_backlog, somaxconn); connections still succeed, possibly without window scaling and SACK.',
    },
    SyncookiesRecv: {
      summary: 'ACKs carrying a valid SYN cookie, each of which completed a connection ("SYN cookies received").',
      handshakes: 'Connections that survived a SYN queue overflow thanks to cookies.',
    },
    SyncookiesFailed: {
      summary: 'ACKs to a listening socket whose SYN cookie did not validate ("invalid SYN cookies received").',
      handshakes: 'Late ACKs after a cookie expired, or stray ACKs; those connections are not established.',
    },
    TCPReqQFullDrop: {
      summary: 'SYNs dropped because the SYN queue was full and SYN cookies were off or unusable.',
      handshakes: 'A direct cause of unanswered SYNs; the kernel logs "Possible SYN flooding … Dropping request". Turn on tcp_syncookies or raise the backlogs.',
    },
    TCPReqQFullDoCookies: {
      summary: 'SYNs answered with a SYN cookie because the SYN queue was full.',
      handshakes: 'The SYN queue overflowed, but cookies kept the handshakes going.',
    },
    TCPTimeWaitOverflow: {
      summary: 'Sockets that skipped TIME-WAIT because net.ipv4.tcp_max_tw_buckets was reached ("TCP: time wait bucket table overflow").',
      handshakes: 'Not a handshake failure; a sign of many short connections, where the safe tuning is tcp_tw_reuse on the clients, not tcp_tw_recycle.',
    },
    IPReversePathFilter: {
      summary: 'Packets dropped by reverse-path filtering (net.ipv4.conf.*.rp_filter).',
      handshakes: 'With asymmetric routing or several interfaces, SYNs or SYN-ACKs are dropped here without any socket counter growing.',
    },
    OutRsts: {
      summary: 'TCP segments sent with the RST flag (Tcp: "resets sent"): tcp_v4_send_reset, for a segment no socket takes, and tcp_send_active_reset, for connections the host aborts.',
      handshakes: 'A SYN to a port nothing listens on is answered from tcp_v4_send_reset and counted here: a refused connection the server itself refused. Resets a firewall sends in its name are not.',
    },
    TCPACKSkippedTimeWait: {
      summary: 'ACKs a TIME-WAIT socket did not send because of the out-of-window rate limit (tcp_timewait_state_process, net.ipv4.tcp_invalid_ratelimit).',
      handshakes: 'A new SYN that meets a TIME-WAIT socket of the same four-tuple and is not accepted gets an ACK instead of a SYN-ACK; when many do, some of those ACKs are skipped and counted here.',
    },
    TCPSynRetrans: {
      summary: 'SYNs and SYN-ACKs sent again (tcp_retransmit_skb for a SYN this host sent; tcp_rtx_synack for a SYN-ACK, from the request timer or for a retransmitted SYN).',
      handshakes: 'On a server, growing while clients fail means its SYN-ACKs went unacknowledged: the answers were lost on the way back, or the clients never saw them.',
    },
    TCPChallengeACK: {
      summary: 'Challenge ACKs sent (tcp_send_challenge_ack, RFC 5961): answers to a SYN or RST that arrives for a connection in an unexpected state.',
      handshakes: 'A SYN that meets an established connection or a TIME-WAIT socket it cannot reuse is answered with an ACK, not a SYN-ACK; the client then resets and retries.',
    },
  },
  spanNote: {
    'since-boot': 'netstat -s counts since boot: compare two readings taken while connections fail to see what grows now.',
    'nstat': 'nstat shows the increase since its previous run (since boot with -a).',
  },
  captureContext: ({ captureName, unansweredSyns, pawsPredictedDrops }) => {
    const capture = `open capture${captureName ? ` ${captureName}` : ''}`;
    const predicted = pawsPredictedDrops === undefined ? '' : plural(pawsPredictedDrops, 'dropped SYN', 'dropped SYNs');
    if (unansweredSyns === undefined) return predicted ? `The PAWS replay of the ${capture} predicts ${predicted}.` : null;
    const shows = unansweredSyns === 0 ? 'no SYN left unanswered' : `${plural(unansweredSyns, 'SYN', 'SYNs')} answered by nothing`;
    const replay = pawsPredictedDrops === undefined ? ''
      : unansweredSyns === 0 ? `; the PAWS replay predicts ${predicted}`
        : `; the PAWS replay predicts ${grouped(pawsPredictedDrops)} of them`;
    return `The ${capture} shows ${shows}${replay}.`;
  },
  handshakesLabel: 'In failed handshakes',
};
