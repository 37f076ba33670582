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
 *   not-accepted     S1/S2 whose server side never moved (the handshake completed at the client; the
 *                    server never took the connection)
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
  return attempt.synAckTime - latest > nextSynDue(latest, previous, beforePrevious);
}

/**
 * Seconds after the `latest` SYN by which a client still trying sends the next one, from the SYNs
 * before it (NaN when there are none): the schedule of synAckAfterGiveUp.
 */
export function nextSynDue(latest: number, previous: number, beforePrevious: number): number {
  if (Number.isNaN(previous)) return UNANSWERED_GRACE_SECONDS;
  const gap = latest - previous;
  const linear = !Number.isNaN(beforePrevious) && gapsAlike(gap, previous - beforePrevious);
  return (linear ? gap : 2 * gap) + DUE_SLACK_SECONDS;
}

/**
 * How long the server's silence must last before a completed handshake is said never accepted. A
 * listener whose accept queue is full drops the client's final ACK (tcp_v4_syn_recv_sock →
 * LINUX_MIB_LISTENOVERFLOWS) and everything after it (each reaches tcp_check_req, which fails the same
 * way), and resends its SYN-ACK from the request's timer (inet_rtx_syn_ack) after 1 s, then 2 s, 4 s…
 * (TCP_TIMEOUT_INIT doubling, tcp_synack_retries times): 3 s of silence holds the first two resends,
 * and the same bound as an unanswered SYN's. An application that greets does so within milliseconds of
 * accept().
 */
export const NOT_ACCEPTED_SILENCE_SECONDS = 3;

/**
 * Ports of protocols whose server speaks first (FTP 21, SSH 22, SMTP 25 and 587, POP3 110, IMAP 143,
 * MySQL 3306): a client there waits for the greeting, so a connection the server never accepted shows
 * as a greeting that never comes, even when the client sends nothing.
 */
export const SERVER_SPEAKS_FIRST: ReadonlySet<number> = new Set([21, 22, 25, 110, 143, 587, 3306]);

/**
 * Whether a handshake that completed at the client was never taken by the server. The server sent no
 * data, no FIN and no reset, and, with the capture running NOT_ACCEPTED_SILENCE_SECONDS or longer:
 * - the client's first data or FIN was never acknowledged (a connection the server has acknowledges
 *   both at once, tcp_rcv_established / tcp_fin); or
 * - the SYN-ACK came again after the client's ACK, and the server acknowledged nothing: the kernel
 *   still held only the request, its final ACK dropped (tcp_check_req); or
 * - the server speaks first, and the client, having sent nothing, closed (FIN or reset) after waiting
 *   that long for the greeting. The kernel may have queued the connection (and acknowledges the FIN)
 *   while the application never accept()ed it; a capture that ends while the client still waits says
 *   nothing.
 * A client and a server that both stay silent (an idle keep-alive) say nothing: still established.
 */
export function notAccepted(attempt: ConnectionAttempt, captureEnd: number, serverPort: number): boolean {
  if (attempt.serverSentData || (attempt.hasRst && !attempt.rstFromClient)) return false;
  const silentSince = attempt.ackTime;
  // A client that reset the connection stopped waiting for an answer there.
  const watchedUntil = attempt.hasRst ? Math.min(captureEnd, attempt.rstTime) : captureEnd;
  if (!attempt.serverAcknowledgedClientData) {
    if (watchedUntil - attempt.clientDataTime >= NOT_ACCEPTED_SILENCE_SECONDS) return true;
    if (attempt.latestSynAckTime > silentSince && watchedUntil - silentSince >= NOT_ACCEPTED_SILENCE_SECONDS) return true;
  }
  // The client waited for the greeting, sending nothing, and closed after NOT_ACCEPTED_SILENCE_SECONDS.
  if (!SERVER_SPEAKS_FIRST.has(serverPort) || attempt.clientDataTime < attempt.clientFinTime) return false;
  const gaveUp = Math.min(attempt.clientFinTime, attempt.hasRst ? attempt.rstTime : Infinity);
  return gaveUp <= captureEnd && gaveUp - silentSince >= NOT_ACCEPTED_SILENCE_SECONDS;
}

export function outcomeOf(attempt: ConnectionAttempt, captureEnd: number, serverPort: number): Outcome {
  if (attempt.completed) return notAccepted(attempt, captureEnd, serverPort) ? 'not-accepted' : 'established';
  if (synAckAfterGiveUp(attempt)) return 'syn-ack-after-give-up';
  if (attempt.hasRst) {
    if (attempt.rstFromClient) return 'reset-by-client';
    return attempt.hasSynAck ? 'no-ack' : 'refused';
  }
  // The client reset the ACK a socket of an earlier connection sent in answer to its SYN (RSTOS0).
  if (!attempt.hasSynAck && attempt.resetForeignAnswer) return 'reset-by-client';
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
