/**
 * The cause given to one failed attempt of the first capture, with the facts its explanation needs.
 * Correlation (two captures) and single-capture diagnosis both produce these; the diagnoses and the
 * per-attempt hovers are built from them.
 */
import type { Confidence, DiagnosisCode, HandshakeAttempt } from '../model.js';
import type { PairCheckCode, PawsSynFacts } from '../explain/texts.js';
import type { PawsAssessment } from './pawsAssessment.js';
import { endpointText } from '../model.js';

/**
 * The codes that explain one failed attempt; the pair checks are about the captures, never about an
 * attempt, a slow connect passed, and a SYN cookie explains no failure by itself (their attempts are
 * listed by the diagnosis, not given a cause).
 */
export type AttemptCause = Exclude<DiagnosisCode, PairCheckCode | 'slow-connect' | 'syn-cookies'>;

export interface Attribution {
  attempt: HandshakeAttempt;
  cause: AttemptCause;
  confidence: Confidence;
  /** The client as the server saw it, when a server capture shows it. */
  serverSees: string | null;
  /** For paws-tw-recycle with a replay: the first SYN the rule dropped. */
  paws: PawsSynFacts | null;
  /** For a client-only PAWS suspicion: the shared address. */
  sharedAddress: string | null;
}

/**
 * The facts of the first SYN of an attempt that the rule drops. `replayedId` is the attempt's id in the
 * capture that was replayed; `client` is the attempt as the first capture shows it.
 */
export function pawsFactsOf(assessment: PawsAssessment, replayedId: number, client: HandshakeAttempt, rateHz: number): PawsSynFacts | null {
  const predictions = assessment.byAttempt.get(replayedId) ?? [];
  const dropped = predictions.find((p) => p.check?.drop && p.fate === 'unanswered' && p.stamp !== null);
  if (!dropped || !dropped.stamp || !dropped.check) return null;
  const behindTicks = dropped.check.behindTicks;
  return {
    client: endpointText(client.client),
    serverSees: endpointText(dropped.client),
    time: dropped.time,
    synTsval: dropped.tsval,
    stampTsval: dropped.stamp.ts,
    behindTicks,
    behindMs: behindTicks === null ? null : (behindTicks * 1000) / rateHz,
    ageSeconds: dropped.exactAgeSeconds ?? dropped.check.ageSeconds,
    stampFrom: endpointText(dropped.stamp.origin.client),
    stampCloseTime: dropped.stamp.origin.closeTime,
    nearBoundary: dropped.nearBoundary,
  };
}
