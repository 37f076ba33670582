/**
 * The entry point for a client capture and a server capture of the same traffic: match the attempts
 * through NAT, check that the captures correspond (pairChecks.ts; when they evidently do not, nothing is
 * located), locate each client failure, replay the server capture through the tcp_tw_recycle rule, and
 * explain. The attempts are only read: what was found about each is returned as `findings` (the
 * client capture's, the rows of the report) and `serverFindings` (the server's own view of its attempts).
 */
import { withRuledOut } from '../diagnosis/ruledOut.js';
import { attemptExplanations } from '../explain/attemptExplanation.js';
import { textsFor } from '../explain/catalog.js';
import type { Lang } from '../explain/language.js';
import type { HandshakeAttempt } from '../model.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import { findingsOf, type AttemptFindings } from '../diagnosis/attemptFindings.js';
import { pawsFactsOf, type Attribution } from '../diagnosis/attribution.js';
import { captureSide, type CaptureInput } from '../diagnosis/captureSide.js';
import { diagnosisSet } from '../diagnosis/diagnosisSet.js';
import { assessPaws, type PawsAssessment } from '../diagnosis/pawsAssessment.js';
import { replayPaws } from '../diagnosis/pawsReplay.js';
import { inferClocks, ratesByAttempt } from '../diagnosis/timestampClocks.js';
import { serverViewAttribution } from '../diagnosis/viewAttribution.js';
import { listenOverflowEvidence, type ListenOverflowEvidence } from '../diagnosis/listenOverflow.js';
import type { AttemptMatch } from './attemptMatching.js';
import type { ClockOffset } from './clockOffset.js';
import { resetOrigin, synAckTtlsByServer, type ServerTtls } from '../diagnosis/resetOrigin.js';
import { locateFailure, serverView, type ServerCoverage } from './failureLocation.js';
import { translateAddresses, translateAttempt, type AddressTranslation, type AttemptTranslation } from './natTranslation.js';
import { checkPair } from './pairChecks.js';
import { slowConnectDiagnosis } from '../diagnosis/slowConnect.js';
import type { LocatedHop, PathLocator } from './pathLocation.js';
import { synCookieDiagnosis } from '../diagnosis/synCookies.js';
import { allSteps, type DiagnosisSteps } from '../diagnosis/diagnosisSteps.js';
import { collisionAttribution, pairCollisions, singleCaptureCollisions, timeWaitCollisionDiagnosis } from '../diagnosis/timeWaitCollision.js';

export interface CorrelationResult {
  diagnoses: DiagnosisJson[];
  /** Server capture clock minus client capture clock; null when no attempt could be matched. */
  offset: ClockOffset | null;
  translations: { perAttempt: AttemptTranslation[]; perAddress: AddressTranslation[] };
  /** Client attempt ids matched in the server capture, with the server attempt's id. */
  serverIdOf: Map<number, number>;
  /** The PAWS replay of the server capture and how it compares with what happened. */
  paws: PawsAssessment;
  /** One line per attributed client attempt id, for hovers. */
  attemptExplanations: ReadonlyMap<number, string>;
  /** Cause, confidence and server view per client attempt id. */
  findings: AttemptFindings;
  /** The server capture's own view of its attempts (as if diagnosed alone from the server side), per server attempt id. */
  serverFindings: AttemptFindings;
  /** With capture points between the client and the server (`locator`): between which two each located failure happened. */
  hops: LocatedHop[];
}

/**
 * `absenceProves`: a SYN missing from the server capture means it never got there; false when the clock
 * offset rests on too few pairs, when no passed attempt of its span confirms the pairing, or when the
 * server capture misses passed attempts of its span too.
 */
function clientAttribution(client: HandshakeAttempt, match: AttemptMatch | undefined, coverage: ServerCoverage, assessment: PawsAssessment, serverRateOf: (serverId: number) => number, absenceProves: boolean, resetTtls: ServerTtls, overflow: ListenOverflowEvidence): Attribution | null {
  const serverSees = match ? serverView(match).client : null;
  const base = { attempt: client, serverSees, paws: null, sharedAddress: null };
  // What the server capture shows of a full listen queue (listenOverflow.ts), for a SYN it dropped or a
  // handshake it never accepted.
  const overflowed = match ? overflow.explained.get(match.server.id) : undefined;
  if (client.outcome === 'not-accepted') return overflowed ? { ...base, cause: 'listen-overflow', confidence: overflowed } : null;
  const located = locateFailure(client, match, coverage, resetOrigin(client, resetTtls));
  if (located === null) return null;
  if (located.location === 'dropped-at-server' && match && assessment.confidence !== null && assessment.explainedAttemptIds.has(match.server.id)) {
    const paws = pawsFactsOf(assessment, match.server.id, client, serverRateOf(match.server.id));
    return { ...base, cause: 'paws-tw-recycle', confidence: assessment.confidence, paws };
  }
  if (located.location === 'dropped-at-server' && overflowed) return { ...base, cause: 'listen-overflow', confidence: overflowed };
  // "Never reached the server" rests on the clock offset and on the server capture running at the time:
  // so does a reset blamed on a middlebox because the SYN is missing from the server capture.
  const restsOnAbsence = located.location === 'lost-before-server' || (located.location === 'reset-by-middlebox' && !match);
  const sure = located.certain && (!restsOnAbsence || absenceProves);
  return { ...base, cause: located.location, confidence: sure ? 'high' : 'medium' };
}

/**
 * `locator`: when the client side holds several capture points (correlatePath.ts), it places each failure
 * between two of them (`dropped-at-node` where a point before the server capture misses the SYN).
 */
/** A diagnosis with more evidence after its own. */
function withEvidence(diagnosis: DiagnosisJson | null, more: readonly EvidenceJson[]): DiagnosisJson | null {
  return diagnosis && more.length > 0 ? { ...diagnosis, evidence: [...diagnosis.evidence, ...more] } : diagnosis;
}

export function correlateCaptures(clientInput: CaptureInput, serverInput: CaptureInput, lang: Lang, locator: PathLocator | null = null): CorrelationResult {
  return allSteps(correlationSteps(clientInput, serverInput, lang, locator));
}

/** correlateCaptures's passes (diagnosisSteps.ts): the language server turns its event loop between them. */
export function* correlationSteps(clientInput: CaptureInput, serverInput: CaptureInput, lang: Lang, locator: PathLocator | null = null): DiagnosisSteps<CorrelationResult> {
  const client = captureSide(clientInput);
  const server = captureSide(serverInput);
  const texts = textsFor(lang);
  const pair = checkPair(client, server, texts);
  const { matches, offset, coverage } = pair;
  const matchOf = new Map(matches.map((m) => [m.client, m]));
  const clientIdOfServer = new Map(matches.map((m) => [m.server.id, m.client.id]));
  yield;

  const serverClocks = inferClocks(server.handshakes);
  const serverRateOf = ratesByAttempt(serverClocks);
  yield;
  const assessment = assessPaws(replayPaws(server.handshakes, server.summary.start), 'server');
  yield;
  const overflow = listenOverflowEvidence(server.handshakes, server.summary.end);
  const serverCollisions = singleCaptureCollisions(server.handshakes);
  const serverAttributions = server.handshakes.flatMap((attempt) =>
    collisionAttribution(attempt, serverCollisions.get(attempt.id)) ?? serverViewAttribution(attempt, assessment, serverRateOf(attempt.id), overflow) ?? []);
  yield;

  // Absence proves loss only in a server capture shown to hold the client's traffic of its span, and
  // that does not say it dropped packets itself.
  const absenceProves = offset !== null && offset.pairs >= 3 && pair.passedInSpan > 0 && pair.passedMissing === 0 && !(coverage.dropped! > 0);
  const resetTtls = synAckTtlsByServer(client.handshakes);
  const collisions = pairCollisions(client.handshakes, server.handshakes, (attempt) => matchOf.get(attempt)?.server);
  const pathLocated = (pair.unrelated ? [] : client.handshakes.flatMap((attempt) => {
    const match = matchOf.get(attempt);
    return collisionAttribution(attempt, collisions.get(attempt.id), match ? serverView(match).client : null)
      ?? clientAttribution(attempt, match, coverage, assessment, serverRateOf, absenceProves, resetTtls, overflow) ?? [];
  })).map((attribution) => (locator ? locator.locate(attribution, matchOf.get(attribution.attempt)?.server ?? null) : { attribution, hop: null }));
  const attributions = pathLocated.map((l) => l.attribution);
  const hops = pathLocated.flatMap((l) => (l.hop ? [l.hop] : []));
  yield;

  const perAddress = translateAddresses(matches);
  const located = pair.unrelated ? [] : diagnosisSet({
    texts, attributions, assessment, clocks: serverClocks,
    firstCaptureIds: (id) => clientIdOfServer.get(id) ?? null,
    translations: perAddress,
    listenOverflows: overflow.facts,
    timeWaitCollision: timeWaitCollisionDiagnosis(texts, [...collisions.values()]),
    hops,
    pair: { offset, serverStart: server.summary.start, serverEnd: server.summary.end, passedInSpan: pair.passedInSpan, passedMissing: pair.passedMissing, serverDropped: coverage.dropped },
    slowConnect: withEvidence(slowConnectDiagnosis(texts, client.handshakes, {
      vantage: 'client', matchOf: (attempt) => matchOf.get(attempt), assessment,
      ...(locator ? { firstSynDroppedAtNode: (attempt: HandshakeAttempt) => locator.firstSynDroppedAtNode(attempt.id) } : {}),
    }), locator?.slowConnectEvidence(texts) ?? []),
    // The server capture shows the cookies and the server's own SYN-ACK timer; the ids named are the client capture's.
    synCookies: synCookieDiagnosis(texts, server.handshakes, { atServer: true, captureEnd: server.summary.end, idOf: (attempt) => clientIdOfServer.get(attempt.id) ?? null }),
  });
  yield;
  return {
    diagnoses: withRuledOut(texts, [...(pair.lead ? [pair.lead] : []), ...located, ...pair.notes]),
    offset,
    translations: { perAttempt: matches.map(translateAttempt), perAddress },
    serverIdOf: new Map(matches.map((m) => [m.client.id, m.server.id])),
    paws: assessment,
    attemptExplanations: attemptExplanations(texts, attributions),
    findings: findingsOf(attributions, new Map(matches.map((m) => [m.client.id, serverView(m)]))),
    serverFindings: findingsOf(serverAttributions),
    hops,
  };
}
