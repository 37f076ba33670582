/**
 * The pass/fail verdict and outcome of an attempt, decided once the whole capture is read.
 *
 * Outcomes and their nearest Zeek `conn_state`:
 *   established      S1, SF, S2, S3, RSTO, RSTR  (the three-way handshake completed)
 *   refused          REJ     (the server answered the SYN with RST)
 *   no-reply         S0      (SYN, perhaps retransmitted, and nothing back)
 *   no-ack           SH/SHR, or S1 without the final ACK (SYN-ACK seen, the handshake never completed)
 *   reset-by-client  RSTOS0  (the client reset the attempt before it completed)
 *   syn-ack-after-give-up    history ShR (the only SYN-ACKs came after the client had given up; it reset them)
 *   capture-ended    S0 too young to judge (one SYN, less than 3 s before the capture ended)
 */
import type { Outcome, Vantage, Verdict } from '../model.js';
import type { ConnectionAttempt } from './connectionAttempt.js';
import { gapsAlike } from './synSchedule.js';

/** Linux retransmits an unanswered SYN after 1 s and others after up to 3 s: before that silence means nothing. */
export const UNANSWERED_GRACE_SECONDS = 3;

/** Timers fire a little late: a SYN up to this many seconds past due still counts as due. */
const DUE_SLACK_SECONDS = 0.25;

/**
 * Whether the attempt's only SYN-ACKs came after the client had given up: the client reset the earliest
 * SYN-ACK, and that SYN-ACK came after a silence in which a client still trying would have sent its SYN
 * again. A socket still in SYN-SENT answers an acceptable SYN-ACK with its ACK
 * (tcp_rcv_synsent_state_process); a reset whose sequence number is the SYN-ACK's ack comes from no
 * socket at all (tcp_v4_send_reset from tcp_v4_rcv), so the client had closed it.
 *
 * When the next SYN was due follows the schedule the capture shows: Linux doubles a SYN's
 * retransmission timeout from 1 s (TCP_TIMEOUT_INIT, tcp_retransmit_timer()), except for its first
 * tcp_syn_linear_timeouts retries (kernel 6.x: 1 s steps; synSchedule.ts). Two last gaps alike: a linear step, the next
 * SYN due one gap later; otherwise within twice the last gap. After a single SYN, within
 * UNANSWERED_GRACE_SECONDS (stacks with a 3 s initial timeout included).
 */
export function synAckAfterGiveUp(attempt: ConnectionAttempt): boolean {
  if (attempt.completed || !attempt.clientResetSynAck) return false;
  const [latest, previous, beforePrevious] = attempt.synsBefore(attempt.synAckTime);
  if (Number.isNaN(latest)) return false;
  if (Number.isNaN(previous)) return attempt.synAckTime - latest > UNANSWERED_GRACE_SECONDS;
  const gap = latest - previous;
  const gapBefore = previous - beforePrevious;
  const linear = !Number.isNaN(beforePrevious) && gapsAlike(gap, gapBefore);
  const nextSynDue = (linear ? gap : 2 * gap) + DUE_SLACK_SECONDS;
  return attempt.synAckTime - latest > nextSynDue;
}

export function outcomeOf(attempt: ConnectionAttempt, captureEnd: number): Outcome {
  if (attempt.completed) return 'established';
  if (synAckAfterGiveUp(attempt)) return 'syn-ack-after-give-up';
  if (attempt.hasRst) {
    if (attempt.rstFromClient) return 'reset-by-client';
    return attempt.hasSynAck ? 'no-ack' : 'refused';
  }
  if (attempt.hasSynAck) return 'no-ack';
  if (attempt.synCount === 1 && captureEnd - attempt.synTime < UNANSWERED_GRACE_SECONDS) return 'capture-ended';
  return 'no-reply';
}

export function verdictOf(outcome: Outcome): Verdict {
  if (outcome === 'established') return 'pass';
  return outcome === 'capture-ended' ? 'unknown' : 'fail';
}

/**
 * Near the client, SYN → SYN-ACK spans the whole path and SYN-ACK → ACK only the client's own stack;
 * near the server it is the other way round. A factor of 4 keeps symmetric middle points `unknown`.
 */
const VANTAGE_RATIO = 4;

export function vantageOf(rttMs: number | null, ackDelayMs: number | null): Vantage {
  if (rttMs === null || ackDelayMs === null || rttMs < 0 || ackDelayMs < 0) return 'unknown';
  if (rttMs > ackDelayMs * VANTAGE_RATIO) return 'client';
  if (ackDelayMs > rttMs * VANTAGE_RATIO) return 'server';
  return 'unknown';
}
