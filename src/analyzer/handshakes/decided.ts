/**
 * When an attempt's verdict is final while the capture is still being written (`--follow`): no packet
 * that can still come changes its outcome (verdict.ts outcomeOf), so it can be shown at once. The
 * batch result never depends on this; it only says when a row may be shown before the end.
 */
import type { ConnectionAttempt } from './connectionAttempt.js';
import { nextSynDue, SERVER_SPEAKS_FIRST } from './verdict.js';

/**
 * - Established, once the server sent data or a FIN, or reset the connection (notAccepted then says no
 *   whatever follows), or acknowledged the client's data on a port where the client speaks first.
 *   Other completed handshakes wait for the end: later client data the server never acknowledges, or
 *   a client that closes while waiting for a greeting, would make them not-accepted.
 * - Refused, at once: a reset in SYN-SENT closes the client's socket (tcp_rcv_synsent_state_process →
 *   tcp_reset), so it sends nothing more for this attempt.
 * - Anything else still in the handshake, once the client gave up: no SYN came within the schedule's
 *   bound after its latest (nextSynDue), nor anything else of the attempt since.
 */
export function decidedAt(attempt: ConnectionAttempt, now: number, serverPort: number): boolean {
  if (attempt.completed) {
    return attempt.serverSentData || (attempt.hasRst && !attempt.rstFromClient)
      || (attempt.serverAcknowledgedClientData && !SERVER_SPEAKS_FIRST.has(serverPort));
  }
  if (attempt.hasRst && !attempt.rstFromClient && !attempt.hasSynAck) return true;
  const [latest, previous, beforePrevious] = attempt.synsBefore(Infinity);
  const quietSince = Math.max(latest, attempt.latestSynAckTime, attempt.hasRst ? attempt.rstTime : -Infinity);
  return now - quietSince > nextSynDue(latest, previous, beforePrevious);
}
