/**
 * The SYNs the tcp_tw_recycle check never sees, and those whose timestamp the capture cannot tell.
 * tcp_input.c `tcp_conn_request` (3.x–4.11) runs the peer check only in
 *
 *     if (!want_cookie && !isn) { ... if (tcp_death_row.sysctl_tw_recycle) { ... tcp_peer_is_proven ... } }
 *
 * so it is skipped for a SYN that met a live TIME-WAIT socket of the same four-tuple
 * (tcp_minisocks.c `tcp_timewait_state_process` returns TCP_TW_SYN and sets `tcp_tw_isn`, never 0; the
 * TIME-WAIT socket makes its own checks) and for a SYN answered with a SYN cookie (`want_cookie`).
 */
import type { HandshakeAttempt } from '../model.js';
import { recycledTimeWaitSeconds } from './pawsRule.js';
import { tsvalEncodesSynOptions } from './synCookieSigns.js';
import type { SynFate } from './synFate.js';

export type SkipPath =
  /** The SYN met a TIME-WAIT socket of the same four-tuple: `isn != 0`, no peer check. */
  | 'time-wait'
  /** The SYN was answered with a SYN cookie: `want_cookie`, no peer check. */
  | 'syn-cookie'
  /** The snapshot length cut the SYN's options: whether it carried a timestamp is unknown. */
  | 'tsval-cut';

/** include/net/tcp.h TCP_TIMEWAIT_LEN: a TIME-WAIT socket of a peer not recorded lives 60 s. */
const TCP_TIMEWAIT_LEN_SECONDS = 60;
/**
 * The RTO behind 3.5 RTO is estimated from one round trip, and rttvar may be well above its minimum:
 * a SYN this many lifetimes after the close is still taken as meeting the TIME-WAIT socket.
 */
const RECYCLED_LIFETIME_MARGIN = 2;

/** A TIME-WAIT socket of the server, and the stamp its entry offered tcp_remember_stamp. */
export interface TimeWaitSocket {
  /** When the server entered TIME-WAIT (capture time). */
  since: number;
  /** How long it lasts with tw_recycle on (seconds, margin included). */
  lifetimeSeconds: number;
  /** The last TSval accepted from the peer and when; null when the connection ran without timestamps. */
  stampTs: number | null;
  stampAcceptedAt: number | null;
}

/**
 * The server enters TIME-WAIT only when it closed first (tcp_minisocks.c `tcp_time_wait` runs for the
 * active closer) and remembers a stamp only if timestamps were in use (`tp->rx_opt.ts_recent_stamp`).
 * With the peer recorded the socket lives 3.5 RTO, otherwise TCP_TIMEWAIT_LEN.
 */
export function timeWaitOf(attempt: HandshakeAttempt): TimeWaitSocket | null {
  // The outcome first: a stored record makes the teardown anew at each read.
  if (attempt.outcome !== 'established') return null;
  const { teardown } = attempt;
  if (teardown.firstFin !== 'server') return null;
  const timestamps = teardown.lastClientTsval !== null && teardown.lastClientTsvalTime !== null &&
    attempt.synOptions.tsval !== null && attempt.synAck?.options.tsval != null;
  const closeTime = Math.max(teardown.secondFinTime ?? teardown.firstFinTime ?? 0, teardown.lastClientTsvalTime ?? 0);
  const roundTripSeconds = ((attempt.rttMs ?? 0) + (attempt.ackDelayMs ?? 0)) / 1000;
  return {
    since: closeTime,
    lifetimeSeconds: timestamps ? RECYCLED_LIFETIME_MARGIN * recycledTimeWaitSeconds(roundTripSeconds) : TCP_TIMEWAIT_LEN_SECONDS,
    stampTs: timestamps ? teardown.lastClientTsval : null,
    stampAcceptedAt: timestamps ? teardown.lastClientTsvalTime : null,
  };
}

/**
 * A SYN-ACK that carries `cookie_init_timestamp`'s encoding of the SYN's options in its TSval
 * (synCookieSigns.ts), and was never retransmitted (a cookie leaves no request socket to retransmit from),
 * answering a SYN that carried a TSval (`synHasTsval`).
 */
export function answeredWithCookie(attempt: HandshakeAttempt, synHasTsval: boolean, fate: SynFate): boolean {
  return fate === 'answered' && attempt.synAck?.count === 1 && synHasTsval && tsvalEncodesSynOptions(attempt);
}

/**
 * The path of a checked SYN sent at `synTime`: `tsvalCut`, the snapshot cut its options; `timeWait`, the
 * server's TIME-WAIT socket of its four-tuple, if any; `withCookie`, answered with a SYN cookie
 * (`answeredWithCookie`).
 */
export function skipPathOf(synTime: number, tsvalCut: boolean, timeWait: TimeWaitSocket | null, withCookie: boolean): SkipPath | null {
  if (tsvalCut) return 'tsval-cut';
  if (timeWait && timeWait.since <= synTime && synTime - timeWait.since <= timeWait.lifetimeSeconds) return 'time-wait';
  if (withCookie) return 'syn-cookie';
  return null;
}
