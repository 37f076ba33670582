/**
 * Diagnosis of one capture on its own: the entry point when there is no second capture to correlate.
 * Returns the diagnoses and each attempt's cause and confidence; the attempts are only read.
 */
import { attemptExplanations } from '../explain/attemptExplanation.js';
import { textsFor } from '../explain/catalog.js';
import type { Lang } from '../explain/language.js';
import type { HandshakeAttempt } from '../model.js';
import type { DiagnosisJson } from '../report.js';
import { vantageCounts } from '../correlation/captureRoles.js';
import { findingsOf, NO_FINDINGS, type AttemptFindings } from './attemptFindings.js';
import type { Attribution } from './attribution.js';
import { allSteps, type DiagnosisSteps } from './diagnosisSteps.js';
import { captureSide, type CaptureInput } from './captureSide.js';
import { diagnosisSet } from './diagnosisSet.js';
import { assessPaws } from './pawsAssessment.js';
import { replayPaws } from './pawsReplay.js';
import { inferClocks, ratesByAttempt } from './timestampClocks.js';
import { clientPawsContext, clientViewAttribution, serverViewAttribution } from './viewAttribution.js';
import { resetOrigin, synAckTtlsByServer } from './resetOrigin.js';
import { withRuledOut } from './ruledOut.js';
import { slowConnectDiagnosis } from './slowConnect.js';
import { synCookieDiagnosis } from './synCookies.js';
import { listenOverflowEvidence, NO_LISTEN_OVERFLOW } from './listenOverflow.js';
import { collisionAttribution, singleCaptureCollisions, timeWaitCollisionDiagnosis } from './timeWaitCollision.js';

export type CaptureRoleInput = 'single' | 'client' | 'server';

export interface DiagnosisResult {
  diagnoses: DiagnosisJson[];
  /** One line per attributed attempt id, for hovers. */
  attemptExplanations: ReadonlyMap<number, string>;
  /** Where the capture was taken, as the diagnosis took it. */
  vantage: 'client' | 'server';
  /** Cause and confidence per attempt id (`atServer` is always null: there is no server capture). */
  findings: AttemptFindings;
}

/** A `single` capture is taken where most attempts say it was; when unclear, the client (claims less). */
function vantageOf(role: CaptureRoleInput, attempts: readonly HandshakeAttempt[]): 'client' | 'server' {
  if (role !== 'single') return role;
  const { atClient, atServer } = vantageCounts(attempts);
  return atServer > atClient ? 'server' : 'client';
}

export function diagnoseSingle(input: CaptureInput, role: CaptureRoleInput, lang: Lang): DiagnosisResult {
  return allSteps(singleDiagnosisSteps(input, role, lang));
}

/** diagnoseSingle's passes (diagnosisSteps.ts): a flood's attempts take seconds in each. */
export function* singleDiagnosisSteps(input: CaptureInput, role: CaptureRoleInput, lang: Lang): DiagnosisSteps<DiagnosisResult> {
  const capture = captureSide(input);
  const attempts = capture.handshakes;
  const vantage = vantageOf(role, attempts);
  yield;
  const clocks = inferClocks(attempts);
  const rateOf = ratesByAttempt(clocks);
  yield;
  const assessment = assessPaws(replayPaws(attempts, capture.summary.start), vantage);
  yield;
  const clientContext = clientPawsContext(attempts, assessment, clocks);
  const resetTtls = synAckTtlsByServer(attempts);
  // Only a server capture shows which SYNs the server itself left unanswered.
  const overflow = vantage === 'server' ? listenOverflowEvidence(attempts, capture.summary.end) : NO_LISTEN_OVERFLOW;
  const collisions = singleCaptureCollisions(attempts);
  yield;
  // A loop rather than flatMap, whose generic path cost a flood's ten million attempts a third more.
  const attributions: Attribution[] = [];
  for (const attempt of attempts) {
    const rate = rateOf(attempt.id);
    const attribution = collisionAttribution(attempt, collisions.get(attempt.id))
      ?? (vantage === 'server' ? serverViewAttribution(attempt, assessment, rate, overflow) : clientViewAttribution(attempt, clientContext, rate, resetOrigin(attempt, resetTtls)));
    if (attribution) attributions.push(attribution);
  }
  yield;
  const texts = textsFor(lang);
  const slowConnect = slowConnectDiagnosis(texts, attempts, { vantage, matchOf: null, assessment: vantage === 'server' ? assessment : null });
  yield;
  const synCookies = synCookieDiagnosis(texts, attempts, { atServer: vantage === 'server', captureEnd: capture.summary.end, idOf: (attempt) => attempt.id });
  yield;
  const diagnoses = diagnosisSet({
    texts, attributions, assessment, clocks, firstCaptureIds: (id) => id, translations: [], pair: null, listenOverflows: overflow.facts,
    timeWaitCollision: timeWaitCollisionDiagnosis(texts, [...collisions.values()]), slowConnect, synCookies,
  });
  yield;
  const explanations = attemptExplanations(texts, attributions);
  yield;
  return { diagnoses: withRuledOut(texts, diagnoses), attemptExplanations: explanations, vantage, findings: findingsOf(attributions) };
}

/**
 * The result of a diagnosis stopped before its end (the user cancelled it): no diagnoses and no causes,
 * rather than those of the passes that ran, which the passes left would have weighed.
 */
export function undiagnosed(input: CaptureInput, role: CaptureRoleInput): DiagnosisResult {
  return { diagnoses: [], attemptExplanations: new Map(), vantage: vantageOf(role, captureSide(input).handshakes), findings: NO_FINDINGS };
}
