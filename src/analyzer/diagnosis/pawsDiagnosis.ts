/**
 * The `paws-tw-recycle` diagnosis: the replay's counts, the dropped SYNs one by one (TSval, stamp, age,
 * the connection that set the stamp), and the fix.
 */
import type { Texts } from '../explain/texts.js';
import { endpointText, type Confidence } from '../model.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import type { Attribution } from './attribution.js';
import { commandsFor } from './nextSteps.js';
import type { PawsAssessment } from './pawsAssessment.js';
import { pawsRuleEvidence } from './pawsEvidence.js';

/** Dropped SYNs listed one by one; the rest are counted. */
const SYN_LINES = 12;

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

export function strongest(confidences: readonly Confidence[]): Confidence {
  return confidences.reduce<Confidence>((best, c) => (RANK[c] > RANK[best] ? c : best), 'low');
}

export function pawsDiagnosis(texts: Texts, attributions: readonly Attribution[], assessment: PawsAssessment | null, suspicionLines: EvidenceJson[]): DiagnosisJson | null {
  const blamed = attributions.filter((a) => a.cause === 'paws-tw-recycle');
  if (blamed.length === 0) return null;
  const confidence = strongest(blamed.map((a) => a.confidence));
  const suspected = confidence === 'low' && blamed.every((a) => a.sharedAddress !== null || a.paws === null);
  const servers = [...new Set(blamed.map((a) => endpointText(a.attempt.server)))];
  const handshakeIds = blamed.map((a) => a.attempt.id);
  const evidence: EvidenceJson[] = [];

  if (assessment && assessment.counts.predictedDrops > 0) {
    evidence.push({ text: texts.pawsCounts(assessment.counts), values: { ...assessment.counts }, handshakeIds });
    evidence.push(...pawsRuleEvidence(texts, assessment));
  }
  const withFacts = blamed.filter((a) => a.paws !== null);
  for (const { attempt, paws } of withFacts.slice(0, SYN_LINES)) {
    evidence.push({
      text: texts.pawsSyn(paws!),
      values: {
        client: paws!.client, serverSees: paws!.serverSees, synTime: paws!.time, synTsval: paws!.synTsval,
        stampTsval: paws!.stampTsval, behindTicks: paws!.behindTicks, behindMs: paws!.behindMs,
        stampAgeSeconds: paws!.ageSeconds, stampClient: paws!.stampFrom, stampCloseTime: paws!.stampCloseTime,
        nearBoundary: paws!.nearBoundary,
      },
      handshakeIds: [attempt.id],
    });
  }
  if (withFacts.length > SYN_LINES) {
    evidence.push({ text: texts.pawsMore(withFacts.length - SYN_LINES), values: { more: withFacts.length - SYN_LINES }, handshakeIds: [] });
  }
  if (assessment && assessment.counts.boundaryDecisions > 0) {
    evidence.push({ text: texts.pawsBoundary(assessment.counts.boundaryDecisions), values: { boundaryDecisions: assessment.counts.boundaryDecisions }, handshakeIds: [] });
  }
  if (assessment && assessment.counts.unexplainedBeforeFirstStamp > 0) {
    const n = assessment.counts.unexplainedBeforeFirstStamp;
    evidence.push({ text: texts.pawsBeforeFirstStamp(n), values: { unexplainedBeforeFirstStamp: n }, handshakeIds: [] });
  }
  evidence.push(...suspicionLines);

  const first = blamed[0].attempt;
  return {
    code: 'paws-tw-recycle',
    // A suspicion from the client side alone is a lead to follow, not an established error.
    severity: suspected ? 'warning' : 'error',
    confidence,
    title: texts.pawsTitle(blamed.length, servers.join(', '), suspected),
    explanation: texts.pawsExplanation(suspected),
    evidence,
    fix: { text: texts.pawsFix(clientTimestampsHelp(assessment)), commands: commandsFor('paws-tw-recycle', { clientAddress: first.client.address, serverPorts: [first.server.port] }, suspected) },
    handshakeIds,
  };
}

/**
 * Turning off tcp_timestamps on the clients stops the drops unless the server is 3.17+ and dropped
 * SYNs without timestamps here: those clients would then be dropped for exactly that.
 */
function clientTimestampsHelp(assessment: PawsAssessment | null): boolean {
  if (!assessment) return true;
  return assessment.kernel.rule === 'pre-3.17' || assessment.kernel.disagreeingUnanswered === 0;
}
