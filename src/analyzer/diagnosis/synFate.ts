/**
 * What became of each SYN transmission of an attempt, as the capture shows it: the PAWS replay compares
 * these with its predictions, one SYN at a time.
 */
import type { HandshakeAttempt } from '../model.js';

export type SynFate =
  /** The last SYN before the SYN-ACK: the one the server accepted. */
  | 'answered'
  /** The last SYN before the server's RST: no listener or a reject, not a silent drop. */
  | 'refused'
  /** Nothing answered it before the next SYN or the end of the attempt. */
  | 'unanswered'
  /** Sent after the answer (the SYN-ACK was lost on the way): meets the pending request, no new check. */
  | 'after-answer'
  /** The last SYN of an attempt too young to judge when the capture ended. */
  | 'unknown';

export function synFates(attempt: HandshakeAttempt): SynFate[] {
  const answerTime = attempt.synAck?.time ?? (attempt.rst?.from === 'server' ? attempt.rst.time : null);
  const answeredBy: SynFate = attempt.synAck ? 'answered' : 'refused';
  let lastBeforeAnswer = -1;
  if (answerTime !== null) {
    attempt.syns.forEach((syn, index) => {
      if (syn.time <= answerTime) lastBeforeAnswer = index;
    });
    // An answer stamped before every SYN (clock steps, merged interfaces) still answers the first.
    if (lastBeforeAnswer < 0) lastBeforeAnswer = 0;
  }
  return attempt.syns.map((syn, index) => {
    if (answerTime !== null) {
      if (index === lastBeforeAnswer) return answeredBy;
      if (index > lastBeforeAnswer) return 'after-answer';
      return 'unanswered';
    }
    if (index === attempt.syns.length - 1 && attempt.verdict === 'unknown') return 'unknown';
    return 'unanswered';
  });
}
