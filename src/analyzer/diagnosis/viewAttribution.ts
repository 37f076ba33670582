/**
 * Causes from one capture alone. From the server's side an unanswered SYN is certainly dropped at the
 * server, and the PAWS replay says whether the rule explains it. From the client's side the place is
 * unknown; PAWS is only suspected, and only for an address that several TSval clocks share (or whose
 * connections each start at a random TSval) when the replay does not rule it out.
 */
import type { HandshakeAttempt } from '../model.js';
import { verdictOf } from '../handshakes/verdict.js';
import { pawsFactsOf, type Attribution } from './attribution.js';
import { pawsRuledOut, type PawsAssessment } from './pawsAssessment.js';
import type { ResetOrigin } from './resetOrigin.js';
import { NO_LISTEN_OVERFLOW, type ListenOverflowEvidence } from './listenOverflow.js';
import { addressKey, clientAddressKeys, type AddressClocks } from './timestampClocks.js';

/** A cause with nothing beside it; every field written out, one shape, as a flood makes millions. */
function located(attempt: HandshakeAttempt, cause: Attribution['cause'], confidence: Attribution['confidence']): Attribution {
  return { attempt, cause, confidence, serverSees: null, paws: null, sharedAddress: null };
}

// The outcome and the reset are read once: a flood's attempts are rows, whose fields are made at each read.

export function serverViewAttribution(attempt: HandshakeAttempt, assessment: PawsAssessment, rateHz: number, overflow: ListenOverflowEvidence = NO_LISTEN_OVERFLOW): Attribution | null {
  const outcome = attempt.outcome;
  if (verdictOf(outcome) !== 'fail') return null;
  if (attempt.rst?.from === 'server') return located(attempt, 'refused', 'high');
  if (outcome === 'no-ack') return located(attempt, 'reply-lost', 'medium');
  const overflowed = overflow.explained.get(attempt.id);
  // A handshake never accepted is named only with the drops beside it; alone, the application or the
  // kernel's queue cannot be told apart (an application that never calls accept() leaves the same).
  if (outcome === 'not-accepted') return overflowed ? located(attempt, 'listen-overflow', overflowed) : null;
  if (outcome !== 'no-reply') return null;
  if (assessment.confidence !== null && assessment.explainedAttemptIds.has(attempt.id)) {
    const paws = pawsFactsOf(assessment, attempt.id, attempt, rateHz);
    return { attempt, cause: 'paws-tw-recycle', confidence: assessment.confidence, serverSees: null, paws, sharedAddress: null };
  }
  if (overflowed) return located(attempt, 'listen-overflow', overflowed);
  return located(attempt, 'dropped-at-server', 'high');
}

/** What the client capture says about PAWS for each address, addresses given as addressKey's keys. */
export interface ClientPawsContext {
  assessment: PawsAssessment;
  /** An attempt's client address as its key (clientAddressKeys: read from the store's columns when it can). */
  clientKey: (attempt: HandshakeAttempt) => number | string;
  /** By client address; an address with one connection is not listed (timestampClocks.ts) and never suspected. */
  clocks: ReadonlyMap<number | string, AddressClocks>;
  /** Addresses with at least one close (FIN) in the capture: the replay knows their stamps. */
  closesSeen: ReadonlySet<number | string>;
}

export function clientPawsContext(attempts: readonly HandshakeAttempt[], assessment: PawsAssessment, clocks: readonly AddressClocks[]): ClientPawsContext {
  const clientKey = clientAddressKeys(attempts);
  const closesSeen = new Set<number | string>();
  for (const attempt of attempts) if (attempt.teardown.firstFin !== null) closesSeen.add(clientKey(attempt));
  return { assessment, clientKey, clocks: new Map(clocks.map((c) => [addressKey(c.address), c])), closesSeen };
}

export function suspectsPaws(attempt: HandshakeAttempt, context: ClientPawsContext): boolean {
  // Without a clock behind any address, or with PAWS ruled out, the attempt's address need not be read.
  if (context.clocks.size === 0 || pawsRuledOut(context.assessment)) return false;
  const key = context.clientKey(attempt);
  const clocks = context.clocks.get(key);
  if (!clocks || (clocks.pattern !== 'several-clocks' && clocks.pattern !== 'per-connection')) return false;
  return context.assessment.explainedAttemptIds.has(attempt.id) || !context.closesSeen.has(key);
}

export function clientViewAttribution(attempt: HandshakeAttempt, context: ClientPawsContext, rateHz: number, resetFrom: ResetOrigin = 'unknown'): Attribution | null {
  const outcome = attempt.outcome;
  if (verdictOf(outcome) !== 'fail') return null;
  const resetByServer = attempt.rst?.from === 'server';
  // A reset whose TTL none of the server's SYN-ACKs had: another device sent it (resetOrigin.ts). Without
  // the server capture that stays a medium-confidence reading of one number.
  if (resetByServer && resetFrom === 'elsewhere') return located(attempt, 'reset-by-middlebox', 'medium');
  if (resetByServer) return located(attempt, 'refused', 'high');
  // A SYN-ACK long after the last SYN is the server's retransmission of one sent before: the replies
  // that came in time were lost on the way back (where, one capture cannot tell).
  if (outcome === 'syn-ack-after-give-up') return located(attempt, 'reply-lost', 'medium');
  if (outcome !== 'no-reply' || attempt.synAck !== null) return null;
  if (suspectsPaws(attempt, context)) {
    const paws = pawsFactsOf(context.assessment, attempt.id, attempt, rateHz);
    return { attempt, cause: 'paws-tw-recycle', confidence: 'low', serverSees: null, paws, sharedAddress: attempt.client.address };
  }
  return located(attempt, 'unlocated', 'medium');
}

