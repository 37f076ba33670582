/**
 * A device between the captures that rewrites initial sequence numbers (Cisco ASA's sequence-number
 * randomisation, pf `modulate state`) hides every attempt from ISN matching. Such devices pass the TCP
 * timestamp option on, so an attempt is still recognised by its destination port and the TSvals of its
 * SYNs, at the moment the clock offset puts it: the same transmission, with another ISN.
 */
import { endpointText, type Confidence, type HandshakeAttempt } from '../model.js';
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import { matchAttempts, TSVAL_IDENTITY, type AttemptMatch } from './attemptMatching.js';
import type { ClockOffset } from './clockOffset.js';

/** Pairs shown one by one in the evidence; the rest are counted. */
const SHOWN_PAIRS = 5;
/** With fewer pairs, one TSval shared by two hosts of one kernel clock could be a coincidence. */
const SURE_PAIRS = 3;

/** server ISN − client ISN, mod 2³². */
export function isnDelta(match: AttemptMatch): number {
  return (match.server.isn - match.client.isn) >>> 0;
}

/**
 * Matches on port, TSval and time among the attempts ISN matching left over; `offset` is the one the
 * ISN matches established, if any (the window is drawn around it), else estimated from these.
 */
export function findIsnRewriting(clientLeft: readonly HandshakeAttempt[], serverLeft: readonly HandshakeAttempt[], offset: ClockOffset | null): AttemptMatch[] {
  return matchAttempts(clientLeft, serverLeft, TSVAL_IDENTITY, offset).matches.filter((m) => isnDelta(m) !== 0);
}

export function decideIsnRewriting(rewritten: readonly AttemptMatch[]): Confidence | null {
  if (rewritten.length === 0) return null;
  return rewritten.length >= SURE_PAIRS ? 'high' : 'medium';
}

function pairEvidence(texts: Texts, match: AttemptMatch): EvidenceJson {
  const { client, server } = match;
  const synPair = match.synPairs[0];
  const facts = {
    client: endpointText(client.client),
    serverSees: endpointText(server.client),
    clientIsn: client.isn,
    serverIsn: server.isn,
    delta: isnDelta(match),
    tsval: client.syns[synPair.clientIndex].tsval!,
    offsetMs: match.offsetMs,
  };
  return {
    text: texts.pairChecks.isnRewrittenPair(facts),
    values: { client: facts.client, serverSees: facts.serverSees, clientIsn: facts.clientIsn, serverIsn: facts.serverIsn, isnDelta: facts.delta, synTsval: facts.tsval, offsetMs: facts.offsetMs },
    handshakeIds: [client.id],
  };
}

export function isnRewrittenDiagnosis(texts: Texts, rewritten: readonly AttemptMatch[], unchangedPairs: number, confidence: Confidence): DiagnosisJson {
  const t = texts.pairChecks;
  const facts = { pairs: rewritten.length, distinctDeltas: new Set(rewritten.map(isnDelta)).size, unchangedPairs };
  const handshakeIds = rewritten.map((m) => m.client.id);
  return {
    code: 'isn-rewritten',
    severity: 'info',
    confidence,
    title: t.isnRewrittenTitle(facts),
    explanation: t.isnRewrittenExplanation,
    evidence: [
      { text: t.isnRewrittenEvidence(facts), values: { pairs: facts.pairs, distinctDeltas: facts.distinctDeltas, unchangedPairs }, handshakeIds },
      ...rewritten.slice(0, SHOWN_PAIRS).map((m) => pairEvidence(texts, m)),
    ],
    fix: null,
    handshakeIds,
  };
}
