/**
 * What became of each SYN transmission of an attempt, as the capture shows it: the PAWS replay compares
 * these with its predictions, one SYN at a time.
 */
import type { HandshakeAttempt, SynTransmission } from '../model.js';

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

/** When the server answered (its SYN-ACK, else its reset); null when it did not. */
function answerTimeOf(attempt: HandshakeAttempt): number | null {
  return attempt.synAck?.time ?? (attempt.rst?.from === 'server' ? attempt.rst.time : null);
}

/** The fate of an attempt's last SYN when nothing answered it: too young to judge, or unanswered. */
function lastUnanswered(attempt: HandshakeAttempt): SynFate {
  return attempt.verdict === 'unknown' ? 'unknown' : 'unanswered';
}

/** `syns`: the attempt's, when the caller has them already (a stored record makes them anew at each read). */
export function synFates(attempt: HandshakeAttempt, syns: readonly SynTransmission[] = attempt.syns): SynFate[] {
  const answerTime = answerTimeOf(attempt);
  const fates: SynFate[] = [];
  if (answerTime === null) {
    for (let index = 0; index < syns.length; index++) fates.push(index === syns.length - 1 ? lastUnanswered(attempt) : 'unanswered');
    return fates;
  }
  let lastBeforeAnswer = -1;
  for (let index = 0; index < syns.length; index++) if (syns[index].time <= answerTime) lastBeforeAnswer = index;
  // An answer stamped before every SYN (clock steps, merged interfaces) still answers the first.
  if (lastBeforeAnswer < 0) lastBeforeAnswer = 0;
  const answeredBy: SynFate = attempt.synAck ? 'answered' : 'refused';
  for (let index = 0; index < syns.length; index++) fates.push(index === lastBeforeAnswer ? answeredBy : index > lastBeforeAnswer ? 'after-answer' : 'unanswered');
  return fates;
}

/** synFates of an attempt that sent a single SYN, read without its `syns`: an answer, at any time, is that SYN's. */
export function onlySynFate(attempt: HandshakeAttempt): SynFate {
  if (answerTimeOf(attempt) === null) return lastUnanswered(attempt);
  return attempt.synAck ? 'answered' : 'refused';
}
