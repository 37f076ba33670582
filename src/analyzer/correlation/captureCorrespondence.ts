/**
 * Are the two captures of the same traffic? A client attempt whose handshake completed reached the
 * server, so a server capture recording at that moment, on a port it shows, must hold its SYN. When
 * it holds none of them, the pairing is wrong (or a device rewrites ISNs and nothing else identifies the
 * SYNs), and a SYN missing from it proves nothing about where a failure happened.
 */
import type { Confidence, HandshakeAttempt } from '../model.js';
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson } from '../report.js';
import { withinCoverage, type ServerCoverage } from './failureLocation.js';

export interface CorrespondenceEvidence {
  /** Client attempts that passed while the server capture was recording, to a port it shows. */
  passedInSpan: HandshakeAttempt[];
  /** Those of them the server capture does not hold. */
  unfound: HandshakeAttempt[];
  coverage: ServerCoverage;
}

export type Correspondence =
  | { verdict: 'corresponds' }
  /** No passed client attempt inside the server capture's span: nothing to check the pairing with. */
  | { verdict: 'cannot-judge' }
  | { verdict: 'does-not-correspond'; confidence: Confidence };

/** Below this many passed attempts, all of them missing could still be the server capture's own packet loss. */
const SURE_PASSED = 3;

export function findCorrespondenceEvidence(clientAttempts: readonly HandshakeAttempt[], matched: ReadonlySet<HandshakeAttempt>, coverage: ServerCoverage): CorrespondenceEvidence {
  const passedInSpan = clientAttempts.filter((a) => a.verdict === 'pass' && withinCoverage(coverage, a));
  return { passedInSpan, unfound: passedInSpan.filter((a) => !matched.has(a)), coverage };
}

export function decideCorrespondence(evidence: CorrespondenceEvidence): Correspondence {
  if (evidence.passedInSpan.length === 0) return { verdict: 'cannot-judge' };
  if (evidence.unfound.length < evidence.passedInSpan.length) return { verdict: 'corresponds' };
  return { verdict: 'does-not-correspond', confidence: evidence.passedInSpan.length >= SURE_PASSED ? 'high' : 'medium' };
}

/**
 * A warning, not an error: nothing is known to be wrong with the traffic, only the pairing is unusable;
 * like `not-covered`, it says what the captures cannot show.
 */
export function correspondenceDiagnosis(texts: Texts, evidence: CorrespondenceEvidence, confidence: Confidence): DiagnosisJson {
  const t = texts.pairChecks;
  const facts = {
    passed: evidence.passedInSpan.length,
    found: evidence.passedInSpan.length - evidence.unfound.length,
    coveredFrom: evidence.coverage.start!,
    coveredTo: evidence.coverage.end!,
  };
  const handshakeIds = evidence.unfound.map((a) => a.id);
  return {
    code: 'captures-do-not-correspond',
    severity: 'warning',
    confidence,
    title: t.notCorrespondingTitle(facts),
    explanation: t.notCorrespondingExplanation,
    evidence: [{
      text: t.notCorrespondingEvidence(facts),
      values: { passedInSpan: facts.passed, found: facts.found, serverCaptureStart: facts.coveredFrom, serverCaptureEnd: facts.coveredTo },
      handshakeIds,
    }],
    fix: { text: t.notCorrespondingFix, commands: [] },
    handshakeIds,
  };
}
