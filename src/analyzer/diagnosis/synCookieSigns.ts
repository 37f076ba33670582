/**
 * What one attempt shows of a SYN answered with a SYN cookie (tcp_input.c `tcp_conn_request`:
 * `want_cookie` when the SYN queue is full, `tcp_syn_flood_action`, or always with tcp_syncookies=2;
 * syncookies.c `cookie_v4_init_sequence`). The cookie server keeps no request socket, so its traces are
 * what it could not keep. One detector for every lane that needs it: the PAWS replay (which skips the
 * peer check for a cookie, pawsSkipPaths.ts) and the syn-cookies diagnosis (synCookies.ts).
 */
import type { HandshakeAttempt } from '../model.js';

/**
 * syncookies.c `cookie_init_timestamp` (TSBITS = 6): the SYN-ACK's TSval is the clock with its low six
 * bits replaced by the SYN's options, the window scale or TS_OPT_WSCALE_MASK (0xf) when absent,
 * TS_OPT_SACK (bit 4), TS_OPT_ECN (bit 5). ECN is not recorded here, so bit 5 is left out of the
 * comparison (`COOKIE_OPTION_MASK`). Since 4.10 `tcp_make_synack` adds the request's random
 * `tcp_rsk(req)->ts_off` after the encoding, unless net.ipv4.tcp_timestamps is 2 (`tcp_v4_init_ts_off`
 * returns 0 then): only without that offset do the bits show.
 */
export const COOKIE_OPTION_MASK = 0x1f;
export function cookieTimestampOptions(windowScale: number | null, sackPermitted: boolean): number {
  return (windowScale === null ? 0xf : windowScale & 0xf) | (sackPermitted ? 0x10 : 0);
}

/**
 * The SYN-ACK's TSval carries the encoding of the SYN's window scale and SACK (1 in 32 by chance). Not
 * judged when the snapshot length cut the SYN's options: a Linux SYN's window scale follows its
 * timestamps, so a cut that keeps the TSval may have lost it.
 */
export function tsvalEncodesSynOptions(attempt: HandshakeAttempt): boolean {
  const tsval = attempt.synAck?.options.tsval ?? null;
  if (tsval === null || attempt.synOptions.tsval === null || attempt.synOptions.cut !== undefined) return false;
  return (tsval & COOKIE_OPTION_MASK) === cookieTimestampOptions(attempt.synOptions.windowScale, attempt.synOptions.sackPermitted);
}

/** Both options the SYN can offer that a cookie without timestamps loses. */
function offersWindowScaleOrSack(attempt: HandshakeAttempt): boolean {
  return attempt.synOptions.windowScale !== null || attempt.synOptions.sackPermitted;
}

/**
 * A SYN without timestamps that offered window scale or SACK, answered by a SYN-ACK with neither (and no
 * timestamps): `tcp_conn_request` runs `tcp_clear_options` for `want_cookie && !tmp_opt.saw_tstamp`, as
 * an ISN has no room for them. A server with tcp_window_scaling=0 and tcp_sack=0 answers the same, so
 * this separates only beside SYN-ACKs of the same server that do carry them (`synAckKeepsOptions`).
 * Options the snapshot length cut say nothing either way.
 */
export function optionsLostWithoutTimestamps(attempt: HandshakeAttempt): boolean {
  const synAck = attempt.synAck;
  if (synAck === null || attempt.synOptions.cut !== undefined || synAck.options.cut !== undefined) return false;
  if (attempt.synOptions.tsval !== null || attempt.syns.some((syn) => syn.tsvalCut === true)) return false;
  if (!offersWindowScaleOrSack(attempt)) return false;
  return synAck.options.windowScale === null && !synAck.options.sackPermitted && synAck.options.tsval === null;
}

/** The server answered with window scale or SACK: it has them on, so a SYN-ACK without them lost them. */
export function synAckKeepsOptions(attempt: HandshakeAttempt): boolean {
  const options = attempt.synAck?.options;
  return options !== undefined && options.cut === undefined && (options.windowScale !== null || options.sackPermitted);
}

/**
 * include/net/tcp.h TCP_TIMEOUT_INIT: a request socket resends its SYN-ACK 1 s after it was sent
 * (reqsk_timer_handler → inet_rtx_syn_ack), or after a retransmitted SYN re-armed the timer
 * (tcp_check_req: mod_timer_pending). A client's own 1 s retransmission races that timer, so only a
 * longer silence proves the timer was due: half a timeout of margin.
 */
const SYNACK_TIMER_DUE_SECONDS = 1.5;

/** The SYNs that came after the first SYN-ACK: each is answered again, a cookie or a request's resend. */
function laterSynTimes(attempt: HandshakeAttempt, synAckTime: number): number[] {
  return attempt.syns.filter((syn) => syn.time > synAckTime).map((syn) => syn.time);
}

/** How a server capture's attempt bears on the request socket's SYN-ACK timer. */
export type SynAckTimerSign =
  /** A silence of the client past the timer's first expiry, and no SYN-ACK but those answering SYNs: no request socket. */
  | 'not-retransmitted'
  /** More SYN-ACKs than SYNs to answer: the server's timer resent one, so a request socket existed. */
  | 'retransmitted'
  /** Nothing to judge: the client's ACK, reset or next SYN always came before the timer was due. */
  | 'not-due';

/**
 * The longest silence of the client from the first SYN-ACK on (the request's timer is armed then), until
 * its ACK, reset, next SYN or the capture's end; 0 without a SYN-ACK.
 */
export function longestSilenceSeconds(attempt: HandshakeAttempt, captureEnd: number): number {
  if (attempt.synAck === null) return 0;
  const synAckTime = attempt.synAck.time;
  const ends = [attempt.ack?.time, attempt.rst?.time].filter((t): t is number => t !== undefined && t >= synAckTime);
  const end = Math.min(captureEnd, ...ends);
  const times = [synAckTime, ...laterSynTimes(attempt, synAckTime).filter((t) => t < end), end];
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}

/** Only from a capture taken at the server: a client-side capture does not see SYN-ACKs lost on the way. */
export function synAckTimerSign(attempt: HandshakeAttempt, captureEnd: number): SynAckTimerSign | null {
  const synAck = attempt.synAck;
  if (synAck === null || attempt.rst?.from === 'server') return null;
  // The SYN the first SYN-ACK answered (in the capture or not), and each SYN after it.
  const answered = 1 + laterSynTimes(attempt, synAck.time).length;
  if (synAck.count > answered) return 'retransmitted';
  return longestSilenceSeconds(attempt, captureEnd) > SYNACK_TIMER_DUE_SECONDS ? 'not-retransmitted' : 'not-due';
}
