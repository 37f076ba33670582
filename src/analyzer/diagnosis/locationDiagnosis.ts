/**
 * One diagnosis per place where failures happened (`dropped-at-server` without a PAWS signature,
 * `dropped-at-node`, `lost-before-server`, `reply-lost`, `refused`, `not-covered`, `unlocated`), with the next step.
 */
import type { ClockOffset } from '../correlation/clockOffset.js';
import type { LocationCode, LocationFacts, Texts } from '../explain/texts.js';
import { endpointText, type Endpoint } from '../model.js';
import type { DiagnosisJson, EvidenceJson, Severity } from '../report.js';
import type { Attribution } from './attribution.js';
import { commandsFor, distinctServers, portsOf } from './nextSteps.js';
import type { PawsAssessment } from './pawsAssessment.js';
import { strongest } from './pawsDiagnosis.js';
import { pawsNotBlamedEvidence } from './pawsEvidence.js';
import type { ListenOverflowFacts } from './listenOverflow.js';
import type { LocatedHop } from '../correlation/pathLocation.js';

/** One evidence line per pair of points the failures of `code` vanished between, most failures first. */
export function hopEvidence(texts: Texts, code: LocationCode, hops: readonly LocatedHop[]): EvidenceJson[] {
  const byHop = new Map<string, LocatedHop[]>();
  for (const hop of hops) {
    if (hop.code !== code) continue;
    const key = JSON.stringify([hop.lastSeen, hop.missing]);
    // Pushed, not copied: a copy per hop made a flood along a path quadratic (20,000 attempts 2.8 s here).
    const group = byHop.get(key);
    if (group === undefined) byHop.set(key, [hop]);
    else group.push(hop);
  }
  return [...byHop.values()].sort((a, b) => b.length - a.length).map((group) => {
    const { code: hopCode, lastSeen, missing } = group[0];
    return {
      text: texts.hopEvidence(hopCode, lastSeen, missing, group.length),
      values: { lastSeenCapture: lastSeen.capture, lastSeenSide: lastSeen.side, missingCapture: missing.capture, missingSide: missing.side, attempts: group.length },
      handshakeIds: group.map((hop) => hop.attemptId),
    };
  });
}

const LOCATION_CODES: LocationCode[] = ['listen-overflow', 'dropped-at-server', 'dropped-at-node', 'lost-before-server', 'reply-lost', 'refused', 'reset-by-middlebox', 'not-covered', 'unlocated'];
const SEVERITY: Record<LocationCode, Severity> = {
  'dropped-at-server': 'error', 'dropped-at-node': 'error', 'lost-before-server': 'error', 'reply-lost': 'error', 'refused': 'error', 'reset-by-middlebox': 'error',
  'listen-overflow': 'error', 'not-covered': 'warning', 'unlocated': 'warning',
};

export interface PairContext {
  offset: ClockOffset | null;
  serverStart: number | null;
  serverEnd: number | null;
  /** Passed client attempts inside the server capture's span, and how many of them it misses. */
  passedInSpan: number;
  passedMissing: number;
  /** Packets the server capture says it dropped (pcapng interface statistics); null when it does not say. */
  serverDropped?: number | null;
}

/** The attributions of each cause, in their order: one pass, where a filter per cause read a flood's attempts eight times. */
function attributionsByCause(attributions: readonly Attribution[]): Map<Attribution['cause'], Attribution[]> {
  const byCause = new Map<Attribution['cause'], Attribution[]>();
  for (const attribution of attributions) {
    const group = byCause.get(attribution.cause);
    if (group === undefined) byCause.set(attribution.cause, [attribution]);
    else group.push(attribution);
  }
  return byCause;
}

/**
 * The servers of a group as texts, each once, in order of first appearance. Records share their endpoint
 * objects, so the few distinct ones are found before any text is made.
 */
function serverTexts(servers: ReadonlySet<Endpoint>): string[] {
  return [...new Set([...servers].map(endpointText))];
}

/** Servers the `servers` value lists, space-separated (`serverCount` counts them all): a scan's millions made one value of megabytes. */
const VALUE_SERVERS = 1_000;

export function locationDiagnoses(
  texts: Texts, attributions: readonly Attribution[], assessment: PawsAssessment | null, pair: PairContext | null, overflows: readonly ListenOverflowFacts[] = [],
  hops: readonly LocatedHop[] = [],
): DiagnosisJson[] {
  const diagnoses: DiagnosisJson[] = [];
  const byCause = attributionsByCause(attributions);
  for (const code of LOCATION_CODES) {
    const group = byCause.get(code);
    if (group === undefined) continue;
    const servers = distinctServers(group.map((a) => a.attempt));
    const facts: LocationFacts = {
      count: group.length,
      servers: serverTexts(servers),
      coveredFrom: pair?.serverStart ?? null,
      coveredTo: pair?.serverEnd ?? null,
    };
    const handshakeIds = group.map((a) => a.attempt.id);
    const evidence: EvidenceJson[] = [{
      text: texts.locationEvidence(code, facts),
      values: {
        failed: facts.count, servers: facts.servers.slice(0, VALUE_SERVERS).join(' '), serverCount: facts.servers.length,
        serverCaptureStart: facts.coveredFrom, serverCaptureEnd: facts.coveredTo,
      },
      handshakeIds,
    }];
    if (code === 'dropped-at-server' && assessment) evidence.push(...pawsNotBlamedEvidence(texts, assessment));
    if (code === 'listen-overflow') {
      for (const { server, drops, notAccepted, mostPending } of overflows) {
        evidence.push({ text: texts.listenOverflowEvidence(server, drops, notAccepted, mostPending), values: { server, drops, notAccepted, mostPending }, handshakeIds: [] });
      }
    }
    if (pair?.offset && (code === 'lost-before-server' || code === 'not-covered')) {
      const { medianMs, spreadMs, pairs } = pair.offset;
      evidence.push({ text: texts.clockOffset(medianMs, spreadMs, pairs), values: { offsetMs: medianMs, spreadMs, pairs }, handshakeIds: [] });
    }
    if (pair && code === 'lost-before-server' && (pair.passedMissing > 0 || pair.passedInSpan === 0)) {
      const { passedInSpan, passedMissing } = pair;
      const text = passedInSpan === 0 ? texts.pairChecks.correspondenceUnverified : texts.pairChecks.passedMissing(passedMissing, passedInSpan);
      evidence.push({ text, values: { passedInSpan, passedMissing }, handshakeIds: [] });
    }
    const serverDropped = pair?.serverDropped ?? 0;
    if (serverDropped > 0 && (code === 'lost-before-server' || code === 'reset-by-middlebox')) {
      evidence.push({ text: texts.pairChecks.serverCaptureDropped(serverDropped), values: { serverCaptureDropped: serverDropped }, handshakeIds: [] });
    }
    evidence.push(...hopEvidence(texts, code, hops));
    const fixText = texts.locationFix(code);
    const first = group[0].attempt;
    diagnoses.push({
      code,
      severity: SEVERITY[code],
      confidence: strongest(group.map((a) => a.confidence)),
      title: texts.locationTitle(code, facts),
      explanation: texts.locationExplanation(code),
      evidence,
      fix: fixText === null ? null : { text: fixText, commands: commandsFor(code, { clientAddress: first.client.address, serverPorts: portsOf(servers) }) },
      handshakeIds,
    });
  }
  return diagnoses;
}
