/**
 * `syn-cookies` (warning): a server answered SYNs with SYN cookies, a sign that its SYN queue overflowed
 * (tcp_input.c `tcp_conn_request` → `tcp_syn_flood_action`; syncookies.c `cookie_v4_init_sequence`).
 * Nothing need have failed, but the connections lost what a cookie cannot keep, and the queue is too
 * small for the load. A cookie leaves no request socket, so the evidence is what it could not keep
 * (synCookieSigns.ts), per server endpoint, and only signs that chance or another setting cannot give:
 * - TSvals whose low bits carry the SYN's options (`cookie_init_timestamp`) in more SYN-ACKs than the
 *   1 in 32 of chance explains (binomial tail below DECISIVE_P);
 * - window scale and SACK lost for SYNs without timestamps, beside SYN-ACKs of the same server that
 *   carry them (so the server has them on);
 * - from a capture at the server: SYN-ACKs never resent although the client stayed silent past the
 *   request timer's expiry (reqsk_timer_handler).
 * The MSS is no sign: the SYN-ACK carries the server's own MSS (tcp_output.c `tcp_make_synack`:
 * `tcp_mss_clamp(tp, dst_metric_advmss(dst))`), not the cookie's rounded one (`msstab`).
 *
 * The attempts keep their verdict and cause (a cookie explains no failure by itself): the diagnosis lists
 * them in its `handshakeIds`.
 */
import type { CookieTimerFacts, CookieTsvalFacts } from '../explain/synCookieTexts.js';
import type { Texts } from '../explain/texts.js';
import { endpointText, type Confidence, type Endpoint, type HandshakeAttempt } from '../model.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import { binomialUpperTail } from './binomialTail.js';
import { commandsFor, portsOf } from './nextSteps.js';
import { DECISIVE_P } from './pawsBaseRate.js';
import { strongest } from './pawsDiagnosis.js';
import { longestSilenceSeconds, optionsLostWithoutTimestamps, synAckKeepsOptions, synAckTimerSign, tsvalEncodesSynOptions } from './synCookieSigns.js';

/** A random TSval's low five bits match the SYN's encoding this often. */
const CHANCE_MATCH = 1 / 32;
/** One or two attempts are a coincidence of any sign; a queue that overflowed answers many. */
const MIN_ATTEMPTS = 3;

export interface SynCookieContext {
  /** The capture the attempts come from was taken at the server: its SYN-ACK timer shows. */
  atServer: boolean;
  /** The end of that capture (the silence after a last SYN-ACK runs to it); null for an empty capture. */
  captureEnd: number | null;
  /** The id the diagnosis names for an attempt (in a pair: the client capture's; null: not in it). */
  idOf: (attempt: HandshakeAttempt) => number | null;
}

/** What one server endpoint's attempts show. */
interface EndpointSigns {
  server: string;
  tsvalEncoded: HandshakeAttempt[];
  /** Distinct SYN-ACK TSvals judged and carrying the encoding: SYN-ACKs within one clock tick share one, and are one trial of chance. */
  tsvalJudged: number;
  tsvalMatched: number;
  pChance: number;
  optionsLost: HandshakeAttempt[];
  optionsKept: number;
  notRetransmitted: HandshakeAttempt[];
  retransmitted: number;
}

interface EndpointCookies {
  signs: EndpointSigns;
  attempts: HandshakeAttempt[];
  confidence: Confidence;
  tsvalDecisive: boolean;
  optionsSeparate: boolean;
}

// --- Find evidence

/**
 * The attempts of each server endpoint (its text), in the order of each one's first attempt, each group
 * holding those `keep` accepts (every server has its group, in that order, even an empty one). Looked up
 * by address and port, so that no endpoint text is made per attempt, and not at all while the server is
 * the last one's (records share one endpoint object per address and port: a flood has one server).
 */
export function attemptsByServer(attempts: readonly HandshakeAttempt[], keep: (attempt: HandshakeAttempt) => boolean = () => true): Array<[string, HandshakeAttempt[]]> {
  const groups: Array<[string, HandshakeAttempt[]]> = [];
  const byAddress = new Map<string, Map<number, HandshakeAttempt[]>>();
  let lastServer: Endpoint | null = null;
  let lastGroup: HandshakeAttempt[] = [];
  for (const attempt of attempts) {
    const server = attempt.server;
    if (server !== lastServer) {
      let ports = byAddress.get(server.address);
      if (ports === undefined) byAddress.set(server.address, (ports = new Map()));
      let group = ports.get(server.port);
      if (group === undefined) {
        ports.set(server.port, (group = []));
        groups.push([endpointText(server), group]);
      }
      lastServer = server;
      lastGroup = group;
    }
    if (keep(attempt)) lastGroup.push(attempt);
  }
  return groups;
}

/** One pass over a server's attempts (a busy server has thousands), each sign's attempts in their order. */
function signsOf(server: string, attempts: readonly HandshakeAttempt[], context: SynCookieContext): EndpointSigns {
  const answered: HandshakeAttempt[] = [];
  const tsvalEncoded: HandshakeAttempt[] = [];
  const optionsLost: HandshakeAttempt[] = [];
  let optionsKept = 0;
  // SYN-ACKs within one clock tick share a TSval, and are one trial of chance.
  const judgedTsvals = new Set<number>();
  const encodedTsvals = new Set<number>();
  for (const attempt of attempts) {
    const synAck = attempt.synAck;
    if (synAck === null || attempt.rst?.from === 'server') continue;
    answered.push(attempt);
    // As tsvalEncodesSynOptions judges them: both TSvals, and the SYN's options whole.
    const synAckTsval = synAck.options.tsval;
    if (attempt.synOptions.tsval !== null && synAckTsval !== null && attempt.synOptions.cut === undefined) {
      judgedTsvals.add(synAckTsval);
      if (tsvalEncodesSynOptions(attempt)) {
        tsvalEncoded.push(attempt);
        encodedTsvals.add(synAckTsval);
      }
    }
    if (optionsLostWithoutTimestamps(attempt)) optionsLost.push(attempt);
    if (synAckKeepsOptions(attempt)) optionsKept++;
  }
  const trials = judgedTsvals.size;
  const hits = encodedTsvals.size;
  const timer = context.atServer && context.captureEnd !== null
    ? answered.map((a) => ({ attempt: a, sign: synAckTimerSign(a, context.captureEnd!) }))
    : [];
  return {
    server,
    tsvalEncoded,
    tsvalJudged: trials,
    tsvalMatched: hits,
    pChance: binomialUpperTail(trials, hits, CHANCE_MATCH),
    optionsLost,
    optionsKept,
    // An attempt that shows the handshake completed at the server some other way is no sign either way.
    notRetransmitted: timer.filter((t) => t.sign === 'not-retransmitted' && (t.attempt.ack !== null || t.attempt.teardown.firstFin === null)).map((t) => t.attempt),
    retransmitted: timer.filter((t) => t.sign === 'retransmitted').length,
  };
}

// --- Decide

/**
 * Named only on a sign that separates, from at least MIN_ATTEMPTS attempts. `high` when the TSval test
 * is decisive, the options were lost by a server shown to have them, the timer is shown on at the same
 * server, or two kinds of signs agree; `medium` for unresent SYN-ACKs alone (tcp_synack_retries=0 would
 * leave the same).
 */
function decide(signs: EndpointSigns): EndpointCookies | null {
  const tsvalDecisive = signs.tsvalMatched >= MIN_ATTEMPTS && signs.pChance < DECISIVE_P;
  const optionsSeparate = signs.optionsLost.length > 0 && signs.optionsKept > 0;
  const timerSeparates = signs.notRetransmitted.length > 0;
  if (!tsvalDecisive && !optionsSeparate && !timerSeparates) return null;
  const named = new Set<HandshakeAttempt>([
    ...(tsvalDecisive ? signs.tsvalEncoded : []),
    ...(optionsSeparate ? signs.optionsLost : []),
    ...signs.notRetransmitted,
  ]);
  if (named.size < MIN_ATTEMPTS) return null;
  const kinds = [tsvalDecisive, optionsSeparate, timerSeparates].filter(Boolean).length;
  const sure = tsvalDecisive || optionsSeparate || signs.retransmitted > 0 || kinds >= 2;
  const attempts = [...named].sort((x, y) => x.id - y.id);
  return { signs, attempts, confidence: sure ? 'high' : 'medium', tsvalDecisive, optionsSeparate };
}

// --- Explain

function endpointEvidence(texts: Texts, found: EndpointCookies, context: SynCookieContext): EvidenceJson[] {
  const { signs } = found;
  const ids = (attempts: readonly HandshakeAttempt[]) => attempts.flatMap((a) => context.idOf(a) ?? []);
  const evidence: EvidenceJson[] = [];
  if (found.tsvalDecisive) {
    const example = signs.tsvalEncoded[0];
    const facts: CookieTsvalFacts = {
      server: signs.server, encoded: signs.tsvalMatched, judged: signs.tsvalJudged, pChance: signs.pChance,
      synAckTsval: example.synAck!.options.tsval!, windowScale: example.synOptions.windowScale, sackPermitted: example.synOptions.sackPermitted,
    };
    evidence.push({
      text: texts.synCookies.tsval(facts),
      values: {
        server: signs.server, sign: 'tsval-options', attempts: signs.tsvalEncoded.length, tsvalsMatched: facts.encoded, tsvalsJudged: facts.judged, pChance: Number(facts.pChance.toPrecision(3)),
        synAckTsval: facts.synAckTsval, lowBits: facts.synAckTsval & 0x3f, windowScale: facts.windowScale, sackPermitted: facts.sackPermitted,
      },
      handshakeIds: ids(signs.tsvalEncoded),
    });
  }
  if (found.optionsSeparate) {
    const facts = { server: signs.server, lost: signs.optionsLost.length, kept: signs.optionsKept };
    evidence.push({
      text: texts.synCookies.optionsLost(facts),
      values: { server: signs.server, sign: 'options-lost', attempts: facts.lost, synAcksWithOptions: facts.kept },
      handshakeIds: ids(signs.optionsLost),
    });
  }
  if (signs.notRetransmitted.length > 0) {
    const facts: CookieTimerFacts = {
      server: signs.server, notRetransmitted: signs.notRetransmitted.length, retransmitted: signs.retransmitted,
      // A loop, not a spread: a flood answered with cookies leaves millions of them, past Math.max's arguments.
      longestSilenceSeconds: signs.notRetransmitted.reduce((longest, a) => Math.max(longest, longestSilenceSeconds(a, context.captureEnd!)), -Infinity),
    };
    evidence.push({
      text: texts.synCookies.notRetransmitted(facts),
      values: {
        server: signs.server, sign: 'no-synack-retransmission', attempts: facts.notRetransmitted,
        timerRetransmitted: facts.retransmitted, longestSilenceSeconds: Math.round(facts.longestSilenceSeconds * 1000) / 1000,
      },
      handshakeIds: ids(signs.notRetransmitted),
    });
  }
  return evidence;
}

/** The syn-cookies diagnosis of one capture's attempts, or null when no server shows cookies beyond chance. */
export function synCookieDiagnosis(texts: Texts, attempts: readonly HandshakeAttempt[], context: SynCookieContext): DiagnosisJson | null {
  // signsOf passes over the attempts without a SYN-ACK (a flood's millions): they are not gathered.
  const found = attemptsByServer(attempts, (attempt) => attempt.synAck !== null).flatMap(([server, group]) => decide(signsOf(server, group, context)) ?? []);
  if (found.length === 0) return null;
  const named = found.flatMap((f) => f.attempts);
  const evidence = found.flatMap((f) => endpointEvidence(texts, f, context));
  if (!context.atServer) evidence.push({ text: texts.synCookies.timerNotJudged, values: { sign: 'no-synack-retransmission', judged: false }, handshakeIds: [] });
  const first = named[0];
  return {
    code: 'syn-cookies',
    severity: 'warning',
    confidence: strongest(found.map((f) => f.confidence)),
    title: texts.synCookies.title(named.length, found.map((f) => f.signs.server)),
    explanation: texts.synCookies.explanation(context.atServer),
    evidence,
    fix: { text: texts.synCookies.fix, commands: commandsFor('syn-cookies', { clientAddress: first.client.address, serverPorts: portsOf(found.map((f) => f.attempts[0].server)) }) },
    handshakeIds: named.flatMap((a) => context.idOf(a) ?? []),
  };
}
