/**
 * Before anything is located: match the attempts of the two captures, and check that the captures are
 * of the same traffic. ISN matching first; when passed client attempts are missing from the server
 * capture, the leftovers are matched on port, TSval and time (a device rewriting ISNs); when none of the
 * passed attempts is found either way, the captures do not correspond and nothing is located.
 */
import type { Texts } from '../explain/texts.js';
import type { HandshakeAttempt } from '../model.js';
import type { DiagnosisJson } from '../report.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import { matchAttempts, offsetOfMatches, type AttemptMatch } from './attemptMatching.js';
import { correspondenceDiagnosis, decideCorrespondence, findCorrespondenceEvidence } from './captureCorrespondence.js';
import { findOverlapGap, overlapDiagnosis } from './captureOverlap.js';
import { rolesDiagnosis, rolesReversed, vantageCounts } from './captureRoles.js';
import type { ClockOffset } from './clockOffset.js';
import type { ServerCoverage } from './failureLocation.js';
import { decideIsnRewriting, findIsnRewriting, isnRewrittenDiagnosis } from './isnRewriting.js';
import { serverCoverage } from './serverCoverage.js';

export interface PairCheck {
  /** Client attempts found in the server capture, by ISN or (through an ISN-rewriting device) by port, TSval and time; by client id. */
  matches: AttemptMatch[];
  offset: ClockOffset | null;
  coverage: ServerCoverage;
  /** The captures are evidently not of the same traffic: no attempt may be located with this pair. */
  unrelated: boolean;
  /**
   * Passed client attempts inside the server capture's span, and how many of them it misses although the
   * captures correspond: a server capture that misses answered traffic does not prove a SYN was lost.
   */
  passedInSpan: number;
  passedMissing: number;
  /** `captures-do-not-correspond`, shown first (null when the captures correspond or cannot be judged). */
  lead: DiagnosisJson | null;
  /** Informational findings about the pairing (`isn-rewritten`, `captures-do-not-overlap`, `capture-roles-reversed`), shown last. */
  notes: DiagnosisJson[];
}

function matchedClients(matches: readonly AttemptMatch[]): Set<HandshakeAttempt> {
  return new Set(matches.map((m) => m.client));
}

export function checkPair(client: CaptureSide, server: CaptureSide, texts: Texts): PairCheck {
  const gap = findOverlapGap(client, server);
  const byIsn = matchAttempts(client.handshakes, server.handshakes);
  const coverageOf = (matches: readonly AttemptMatch[], offset: ClockOffset | null) =>
    serverCoverage(server, offset, gap === null || offset !== null);

  let { matches, offset } = byIsn;
  let coverage = coverageOf(matches, offset);
  let evidence = findCorrespondenceEvidence(client.handshakes, matchedClients(matches), coverage);
  let rewritten: AttemptMatch[] = [];
  if (evidence.unfound.length > 0) {
    const matchedServers = new Set(matches.map((m) => m.server));
    const clientsMatched = matchedClients(matches);
    rewritten = findIsnRewriting(client.handshakes.filter((a) => !clientsMatched.has(a)), server.handshakes.filter((a) => !matchedServers.has(a)), offset);
    if (rewritten.length > 0) {
      matches = [...matches, ...rewritten].sort((a, b) => a.client.id - b.client.id);
      offset = offsetOfMatches(matches);
      coverage = coverageOf(matches, offset);
      evidence = findCorrespondenceEvidence(client.handshakes, matchedClients(matches), coverage);
    }
  }

  const correspondence = decideCorrespondence(evidence);
  const unrelated = correspondence.verdict === 'does-not-correspond';
  const rewriting = unrelated ? null : decideIsnRewriting(rewritten);
  const clientVantage = vantageCounts(client.handshakes);
  const serverVantage = vantageCounts(server.handshakes);
  const notes = [
    ...(rewriting ? [isnRewrittenDiagnosis(texts, rewritten, byIsn.matches.length, rewriting)] : []),
    ...(gap ? [overlapDiagnosis(texts, gap, unrelated ? null : offset)] : []),
    ...(rolesReversed(clientVantage, serverVantage) ? [rolesDiagnosis(texts, clientVantage, serverVantage)] : []),
  ];
  return {
    matches: unrelated ? [] : matches,
    offset: unrelated ? null : offset,
    coverage,
    unrelated,
    passedInSpan: evidence.passedInSpan.length,
    passedMissing: unrelated ? 0 : evidence.unfound.length,
    lead: correspondence.verdict === 'does-not-correspond' ? correspondenceDiagnosis(texts, evidence, correspondence.confidence) : null,
    notes,
  };
}
