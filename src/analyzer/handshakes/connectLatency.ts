/**
 * How long the whole three-way handshake took as this capture saw it: from the first SYN to the client's
 * ACK of the SYN-ACK. Unlike `rttMs` (the SYN the SYN-ACK answered → the SYN-ACK, one round trip), it
 * counts the retransmission timeouts a lost SYN cost: the wait connect() made the application feel. One
 * function, so the JSON row, the table's sort and the filter field name the same value.
 */
import type { HandshakeAttempt } from '../model.js';
import { elapsedMs } from './elapsed.js';

/** null when the capture holds no ACK completing the handshake. */
export function connectLatencyMs(attempt: Pick<HandshakeAttempt, 'syns' | 'ack'>): number | null {
  const first = attempt.syns[0];
  return first === undefined || attempt.ack === null ? null : elapsedMs(first.time, attempt.ack.time);
}
