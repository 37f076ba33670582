/**
 * Which counters and settings confirm or rule out each cause: one table, keyed by diagnosis code, read by
 * weighEvidence.ts. A row applies when its conditions hold on one host's evidence (`grew`: every counter
 * named grew; `anyGrew`: at least one did; `zero`: every one is known and did not move); `shown` counters
 * are quoted beside it. Where the kernel increments each counter:
 *
 * - `ListenOverflows` (LINUX_MIB_LISTENOVERFLOWS): `tcp_conn_request` when `sk_acceptq_is_full(sk)` drops
 *   a SYN, and `tcp_v4_syn_recv_sock` (`exit_overflow`) when the final ACK finds the accept queue full;
 *   both then `tcp_listendrop` → `ListenDrops` (LINUX_MIB_LISTENDROPS), which every drop at a listener
 *   counts, whatever its reason.
 * - `TCPReqQFullDrop` / `TCPReqQFullDoCookies`: `tcp_syn_flood_action`, called from `tcp_conn_request`
 *   when `inet_csk_reqsk_queue_is_full` (or `tcp_syncookies=2`): a drop without SYN cookies, or a cookie.
 * - `PAWSPassive` (LINUX_MIB_PAWSPASSIVEREJECTED): `tcp_conn_request` in 3.x–4.11, when tcp_tw_recycle is
 *   on and `tcp_peer_is_proven` finds the SYN's TSval behind the peer's remembered stamp; then
 *   `drop_and_release` → `tcp_listendrop`. Linux 4.12 removed tcp_tw_recycle and this path.
 * - `SyncookiesSent`: `cookie_init_sequence` (include/net/tcp.h) for each SYN-ACK carrying a cookie;
 *   `SyncookiesRecv` / `SyncookiesFailed`: `cookie_v4_check` for an ACK whose cookie checks or does not.
 * - `TCPSynRetrans`: `tcp_rtx_synack` for each SYN-ACK sent again (the request's timer, `inet_rtx_syn_ack`
 *   for a retransmitted SYN from `tcp_check_req`), and `tcp_retransmit_skb` for a SYN the host itself sent
 *   again (so a server that also connects out counts those too).
 * - `TCPBacklogDrop`: `tcp_add_backlog`, a segment for a socket the application holds locked, with its
 *   backlog full. `IPReversePathFilter` (LINUX_MIB_IPRPFILTER): `ip_rcv_finish_core` when the route lookup
 *   fails with -EXDEV (rp_filter).
 * - `OutRsts` (TCP_MIB_OUTRSTS): `tcp_v4_send_reset` (a segment no socket takes: a SYN to a closed port)
 *   and `tcp_send_active_reset` (the host aborts a connection). A RST a firewall sends in the server's
 *   name (`REJECT --reject-with tcp-reset`, nf_send_reset) is not counted.
 * - `PAWSEstab` (LINUX_MIB_PAWSESTABREJECTED): `tcp_validate_incoming` → `tcp_paws_discard`, and
 *   `tcp_timewait_state_process` when a segment to a TIME-WAIT socket fails the timestamp check;
 *   `TCPACKSkippedTimeWait`: `tcp_timewait_state_process` → `tcp_oow_rate_limited`; `TCPChallengeACK`:
 *   `tcp_send_challenge_ack`.
 * - conntrack -S `insert_failed`: `__nf_conntrack_confirm`, an entry for the same tuple was confirmed
 *   first (two connections SNATed to one source port at once); `drop`: `__nf_conntrack_alloc` with the
 *   table full (nf_conntrack_max) and nothing `early_drop` could evict, and since 5.x
 *   `nf_ct_resolve_clash` for a clash it cannot resolve. Both drop the packet: a SYN lost before it left
 *   the node.
 *
 * Settings: `net.ipv4.tcp_tw_recycle` as sysctl prints it; absent from a `sysctl -a` of a kernel 4.12 or
 * later because the key no longer exists. Listeners (`ss -lnt`): Recv-Q over Send-Q is a full accept
 * queue (`sk_acceptq_is_full`: `sk_ack_backlog > sk_max_ack_backlog`) at the moment `ss` ran.
 */
import type { CounterName } from './counterObservations.js';
import type { EvidenceHost } from './evidenceFile.js';

export type EvidenceVerdict = 'confirms' | 'contradicts' | 'informs';

/** The conclusion a row draws; each has a sentence per language (explain/evidenceTexts.ts). */
export type EvidenceSaying =
  | 'listen-queue-not-paws'
  | 'listen-queue-and-paws'
  | 'listen-queue-idle'
  | 'paws-rejected'
  | 'paws-idle'
  | 'listener-drops-other'
  | 'no-tcp-drop'
  | 'points-at-paws'
  | 'points-at-queue'
  | 'backlog-drop'
  | 'rp-filter-drop'
  | 'conntrack-drops'
  | 'conntrack-idle'
  | 'synack-resent'
  | 'synack-not-resent'
  | 'server-resets'
  | 'server-no-resets'
  | 'syn-cookies-sent'
  | 'syn-cookies-idle'
  | 'syn-cookies-failed'
  | 'time-wait-answers'
  | 'time-wait-idle'
  | 'tw-recycle-on'
  | 'tw-recycle-off'
  | 'tw-recycle-gone'
  | 'queue-full'
  | 'queue-room'
  | 'no-listener';

export interface CounterRule {
  host: EvidenceHost;
  grew?: readonly CounterName[];
  anyGrew?: readonly CounterName[];
  zero?: readonly CounterName[];
  shown?: readonly CounterName[];
  verdict: EvidenceVerdict;
  says: EvidenceSaying;
}

export interface SettingRule {
  host: EvidenceHost;
  key: string;
  /** The value that makes the row apply; null: the key is absent from a `sysctl -a` of a kernel at least `sinceKernel`. */
  value: string | null;
  sinceKernel?: readonly [number, number];
  verdict: EvidenceVerdict;
  says: EvidenceSaying;
}

export interface ListenerRule {
  host: EvidenceHost;
  /** On the diagnosis's server ports: a LISTEN socket whose queue is full, one with room, or none. */
  when: 'queue-full' | 'queue-room' | 'no-listener';
  verdict: EvidenceVerdict;
  says: EvidenceSaying;
}

export interface CauseEvidence {
  counters: readonly CounterRule[];
  settings?: readonly SettingRule[];
  listeners?: readonly ListenerRule[];
}

const QUEUE: readonly CounterName[] = ['ListenOverflows', 'TCPReqQFullDrop'];

/**
 * A SYN lost on the node: conntrack's insert clash (the SNAT race, __nf_conntrack_confirm) or a full
 * table (nf_conntrack_alloc). No drop counted rules nothing out: iptables DROP counts elsewhere.
 */
const CONNTRACK_ON_NODE: readonly CounterRule[] = [
  { host: 'node', anyGrew: ['conntrack.insert_failed', 'conntrack.drop'], shown: ['conntrack.early_drop'], verdict: 'confirms', says: 'conntrack-drops' },
  { host: 'node', zero: ['conntrack.insert_failed', 'conntrack.drop'], verdict: 'informs', says: 'conntrack-idle' },
];

/**
 * Rows for causes whose diagnosis code does not exist yet; they weigh nothing until it does (a test keeps
 * every other key a known diagnosis code).
 */
export const PENDING_CAUSES: readonly string[] = [];

export const CAUSE_EVIDENCE: Readonly<Record<string, CauseEvidence>> = {
  'listen-overflow': {
    counters: [
      { host: 'server', anyGrew: QUEUE, zero: ['PAWSPassive'], shown: ['ListenDrops'], verdict: 'confirms', says: 'listen-queue-not-paws' },
      { host: 'server', anyGrew: QUEUE, grew: ['PAWSPassive'], shown: ['ListenDrops'], verdict: 'confirms', says: 'listen-queue-and-paws' },
      { host: 'server', zero: QUEUE, shown: ['ListenDrops'], verdict: 'contradicts', says: 'listen-queue-idle' },
    ],
    listeners: [
      { host: 'server', when: 'queue-full', verdict: 'confirms', says: 'queue-full' },
      { host: 'server', when: 'queue-room', verdict: 'informs', says: 'queue-room' },
    ],
  },
  'paws-tw-recycle': {
    counters: [
      { host: 'server', grew: ['PAWSPassive'], shown: ['ListenDrops'], verdict: 'confirms', says: 'paws-rejected' },
      { host: 'server', zero: ['PAWSPassive'], shown: ['ListenDrops', 'ListenOverflows'], verdict: 'contradicts', says: 'paws-idle' },
    ],
    settings: [
      { host: 'server', key: 'net.ipv4.tcp_tw_recycle', value: '1', verdict: 'confirms', says: 'tw-recycle-on' },
      { host: 'server', key: 'net.ipv4.tcp_tw_recycle', value: '0', verdict: 'contradicts', says: 'tw-recycle-off' },
      { host: 'server', key: 'net.ipv4.tcp_tw_recycle', value: null, sinceKernel: [4, 12], verdict: 'contradicts', says: 'tw-recycle-gone' },
    ],
  },
  'dropped-at-server': {
    counters: [
      { host: 'server', grew: ['ListenDrops'], zero: [...QUEUE, 'PAWSPassive'], verdict: 'informs', says: 'listener-drops-other' },
      { host: 'server', zero: ['ListenDrops', 'TCPBacklogDrop'], shown: ['IPReversePathFilter'], verdict: 'informs', says: 'no-tcp-drop' },
      { host: 'server', grew: ['PAWSPassive'], verdict: 'informs', says: 'points-at-paws' },
      { host: 'server', anyGrew: QUEUE, verdict: 'informs', says: 'points-at-queue' },
      { host: 'server', grew: ['TCPBacklogDrop'], verdict: 'informs', says: 'backlog-drop' },
      { host: 'server', grew: ['IPReversePathFilter'], verdict: 'informs', says: 'rp-filter-drop' },
    ],
  },
  'lost-before-server': {
    counters: CONNTRACK_ON_NODE,
  },
  'dropped-at-node': {
    counters: CONNTRACK_ON_NODE,
  },
  'reply-lost': {
    counters: [
      { host: 'server', grew: ['TCPSynRetrans'], verdict: 'confirms', says: 'synack-resent' },
      // A client that gives up within the first SYN-ACK timeout (1 s) leaves nothing resent: zero rules nothing out.
      { host: 'server', zero: ['TCPSynRetrans'], verdict: 'informs', says: 'synack-not-resent' },
    ],
  },
  'refused': {
    counters: [
      { host: 'server', grew: ['OutRsts'], verdict: 'confirms', says: 'server-resets' },
      { host: 'server', zero: ['OutRsts'], verdict: 'contradicts', says: 'server-no-resets' },
    ],
    listeners: [{ host: 'server', when: 'no-listener', verdict: 'confirms', says: 'no-listener' }],
  },
  'reset-by-middlebox': {
    counters: [
      { host: 'server', zero: ['OutRsts'], verdict: 'confirms', says: 'server-no-resets' },
      { host: 'server', grew: ['OutRsts'], verdict: 'informs', says: 'server-resets' },
    ],
  },
  'syn-cookies': {
    counters: [
      { host: 'server', anyGrew: ['SyncookiesSent', 'TCPReqQFullDoCookies'], shown: ['SyncookiesRecv'], verdict: 'confirms', says: 'syn-cookies-sent' },
      { host: 'server', zero: ['SyncookiesSent', 'TCPReqQFullDoCookies'], verdict: 'contradicts', says: 'syn-cookies-idle' },
      { host: 'server', grew: ['SyncookiesFailed'], verdict: 'informs', says: 'syn-cookies-failed' },
    ],
  },
  'time-wait-collision': {
    counters: [
      { host: 'server', anyGrew: ['PAWSEstab', 'TCPACKSkippedTimeWait', 'TCPChallengeACK'], verdict: 'confirms', says: 'time-wait-answers' },
      // A SYN below the TIME-WAIT socket's rcv_nxt, with timestamps in order, is answered with an ACK that no
      // counter records (unless rate-limited): zero rules nothing out.
      { host: 'server', zero: ['PAWSEstab', 'TCPACKSkippedTimeWait', 'TCPChallengeACK'], verdict: 'informs', says: 'time-wait-idle' },
    ],
  },
};
