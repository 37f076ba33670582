/**
 * `slow-connect` (warning): handshakes that passed only after the client sent its SYN again. Nothing
 * failed, but connect() waited a whole retransmission timeout (1 s, 3 s or more): the "intermittent
 * timeout" users report. The first SYNs were lost for the reasons that make other handshakes fail, so
 * they are grouped by the same evidence: with the server capture, whether the first SYN reached the
 * server and what the server did with it; from one capture at the client, nothing locates them.
 *
 * The attempts keep verdict `pass` and get no `cause` (a cause names why a handshake failed): the
 * diagnosis lists them in its `handshakeIds`.
 */
import type { AttemptMatch } from '../correlation/attemptMatching.js';
import type { LatencyFacts, LatencyVantage, SlowConnectGroup, SlowGroupFacts } from '../explain/slowConnectTexts.js';
import type { Texts } from '../explain/texts.js';
import { elapsedMs } from '../handshakes/elapsed.js';
import { synScheduleOf, type SynSchedule } from '../handshakes/synSchedule.js';
import { endpointText, type HandshakeAttempt } from '../model.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import { commandContextOf, commandsFor } from './nextSteps.js';
import type { PawsAssessment } from './pawsAssessment.js';
import { predictedDrop } from './pawsVariant.js';

export interface SlowConnectContext {
  /** Where the attempts were captured: at the client the handshake ends with the SYN-ACK, at the server with the client's ACK. */
  vantage: LatencyVantage;
  /** With a server capture that corresponds: the server capture's view of a client attempt (undefined: not in it). Null without one. */
  matchOf: ((attempt: HandshakeAttempt) => AttemptMatch | undefined) | null;
  /** The PAWS replay of the capture taken at the server; null when there is none. */
  assessment: PawsAssessment | null;
  /** With capture points between the client and the server: the attempt's first SYN died between two of them. */
  firstSynDroppedAtNode?: (attempt: HandshakeAttempt) => boolean;
}

/** One passed attempt's connect latency, and the SYN times up to the end of its handshake. */
interface ConnectLatency {
  attempt: HandshakeAttempt;
  latencyMs: number;
  synTimes: number[];
}

interface SlowConnect extends ConnectLatency {
  group: SlowConnectGroup;
  schedule: SynSchedule | null;
}

// --- Find evidence

/**
 * When the handshake completed as this capture shows it: at the client, when the SYN-ACK arrived (connect()
 * returns then); at the server, when the client's ACK arrived (the server saw no earlier sign of success).
 */
function handshakeEnd(attempt: HandshakeAttempt, vantage: LatencyVantage): number | null {
  if (attempt.verdict !== 'pass' || attempt.synAck === null) return null;
  return vantage === 'client' ? attempt.synAck.time : (attempt.ack?.time ?? attempt.synAck.time);
}


/**
 * First SYN → end of the handshake, for a passed attempt. The tracker already folds a frame captured twice
 * (`-i any`: the veth and the bridge) into one transmission, so `syns` counts what the client sent.
 */
function connectLatency(attempt: HandshakeAttempt, vantage: LatencyVantage): ConnectLatency | null {
  const end = handshakeEnd(attempt, vantage);
  if (end === null) return null;
  const synTimes: number[] = [];
  for (const syn of attempt.syns) if (syn.time <= end) synTimes.push(syn.time);
  if (synTimes.length === 0) return null;
  return { attempt, latencyMs: elapsedMs(synTimes[0], end), synTimes };
}

// --- Decide

/**
 * What became of the first SYN this server-side attempt shows (`index`): answered before the next SYN
 * arrived (the SYN-ACK was lost on its way back), dropped by the tcp_tw_recycle check as the replay
 * predicts it (only where the replay blames PAWS at all: the same evidence as for failures), or dropped
 * at the server for another reason (listen queue, firewall).
 */
function firstSynAtServer(server: HandshakeAttempt, index: number, assessment: PawsAssessment | null): SlowConnectGroup {
  const nextSyn = server.syns[index + 1]?.time ?? Infinity;
  if (server.synAck !== null && server.synAck.time < nextSyn) return 'reply-lost';
  if (assessment !== null && assessment.confidence !== null) {
    const prediction = assessment.byAttempt.get(server.id)?.find((p) => p.synIndex === index);
    if (prediction && predictedDrop(prediction, assessment.kernel.rule) === true) return 'paws-tw-recycle';
  }
  return 'dropped-at-server';
}

/**
 * Whether an ACK of the previous connection on the four-tuple (timeWaitCollision.ts) answered this view's
 * first SYN: it came before the second.
 */
function firstSynMetForeignAck(attempt: HandshakeAttempt): boolean {
  const ack = attempt.foreignAck;
  return !!ack && attempt.syns.length > 1 && ack.time < attempt.syns[1].time;
}

function groupOf(attempt: HandshakeAttempt, context: SlowConnectContext): SlowConnectGroup {
  // Any capture that holds the ACK shows it: the client's own, the NAT's uplink, the server's.
  if (firstSynMetForeignAck(attempt)) return 'time-wait-collision';
  if (context.vantage === 'server') return firstSynAtServer(attempt, 0, context.assessment);
  if (context.matchOf === null) return 'unlocated';
  const match = context.matchOf(attempt);
  if (match !== undefined && firstSynMetForeignAck(match.server)) return 'time-wait-collision';
  // A passed attempt the server capture lacks: that capture misses traffic, so it locates nothing here.
  if (match === undefined) return 'unlocated';
  const first = match.synPairs.find((p) => p.clientIndex === 0);
  if (first !== undefined) return firstSynAtServer(match.server, first.serverIndex, context.assessment);
  return context.firstSynDroppedAtNode?.(attempt) ? 'dropped-at-node' : 'lost-before-server';
}

/** More than one SYN before the handshake completed: connect() waited for a retransmission. */
function slowConnects(latencies: readonly ConnectLatency[], context: SlowConnectContext): SlowConnect[] {
  return latencies.filter((l) => l.synTimes.length > 1).map((l) => ({ ...l, group: groupOf(l.attempt, context), schedule: synScheduleOf(l.synTimes) }));
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** The schedule most of the group followed (the first seen among equals). */
function commonSchedule(group: readonly SlowConnect[]): SynSchedule | null {
  const counts = new Map<SynSchedule, number>();
  for (const { schedule } of group) if (schedule !== null) counts.set(schedule, (counts.get(schedule) ?? 0) + 1);
  let best: SynSchedule | null = null;
  for (const [schedule, count] of counts) if (best === null || count > counts.get(best)!) best = schedule;
  return best;
}

const GROUP_ORDER: SlowConnectGroup[] = ['time-wait-collision', 'paws-tw-recycle', 'dropped-at-server', 'reply-lost', 'dropped-at-node', 'lost-before-server', 'unlocated'];

// --- Explain

function groupEvidence(texts: Texts, slow: readonly SlowConnect[]): EvidenceJson[] {
  return GROUP_ORDER.flatMap((group) => {
    const members = slow.filter((s) => s.group === group);
    if (members.length === 0) return [];
    const facts: SlowGroupFacts = { group, count: members.length, schedule: commonSchedule(members) };
    return [{ text: texts.slowConnect.group(facts), values: { group, slowConnects: facts.count, schedule: facts.schedule }, handshakeIds: members.map((s) => s.attempt.id) }];
  });
}

function latencyEvidence(texts: Texts, latencies: readonly ConnectLatency[], slow: readonly SlowConnect[], vantage: LatencyVantage): EvidenceJson[] {
  const servers = [...new Set(slow.map((s) => endpointText(s.attempt.server)))];
  // One pass over the passed attempts, not one per server: a capture holds thousands. They are found by
  // address and port, so that no endpoint text is made for each.
  const latenciesOf = new Map<string, number[]>(servers.map((server) => [server, []]));
  const byAddress = new Map<string, Map<number, number[]>>();
  for (const { attempt: { server } } of slow) {
    const ports = byAddress.get(server.address) ?? new Map<number, number[]>();
    byAddress.set(server.address, ports.set(server.port, latenciesOf.get(endpointText(server))!));
  }
  for (const latency of latencies) {
    const { address, port } = latency.attempt.server;
    byAddress.get(address)?.get(port)?.push(latency.latencyMs);
  }
  return servers.map((server) => {
    const sorted = latenciesOf.get(server)!.sort((a, b) => a - b);
    const slowHere = slow.filter((s) => endpointText(s.attempt.server) === server);
    const facts: LatencyFacts = {
      server, passed: sorted.length, slow: slowHere.length,
      p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted[sorted.length - 1],
    };
    return {
      text: texts.slowConnect.latency(facts, vantage),
      values: { server, passed: facts.passed, slowConnects: facts.slow, p50Ms: facts.p50Ms, p99Ms: facts.p99Ms, maxMs: facts.maxMs, latencyFrom: vantage === 'client' ? 'syn-ack' : 'ack' },
      handshakeIds: slowHere.map((s) => s.attempt.id),
    };
  });
}

/** The slow-connect diagnosis of one capture's attempts, or null when every passed attempt needed one SYN. */
export function slowConnectDiagnosis(texts: Texts, attempts: readonly HandshakeAttempt[], context: SlowConnectContext): DiagnosisJson | null {
  const latencies: ConnectLatency[] = [];
  for (const attempt of attempts) {
    const latency = connectLatency(attempt, context.vantage);
    if (latency !== null) latencies.push(latency);
  }
  const slow = slowConnects(latencies, context);
  if (slow.length === 0) return null;
  const groups = GROUP_ORDER.filter((g) => slow.some((s) => s.group === g));
  const first = slow[0].attempt;
  const commandContext = commandContextOf(slow.map((s) => s.attempt));
  return {
    code: 'slow-connect',
    severity: 'warning',
    // The symptom is measured, not inferred: SYNs before the answer are in the capture.
    confidence: 'high',
    // A loop, not a spread: a busy capture's slow connects can outnumber Math.max's arguments.
    title: texts.slowConnect.title(slow.length, slow.reduce((longest, s) => Math.max(longest, s.latencyMs), -Infinity)),
    explanation: texts.slowConnect.explanation(context.vantage),
    evidence: [...groupEvidence(texts, slow), ...latencyEvidence(texts, latencies, slow, context.vantage)],
    fix: { text: groups.map((g) => texts.slowConnect.fix(g)).join(' '), commands: [...new Set(groups.flatMap((g) => commandsFor(g, commandContext)))] },
    handshakeIds: slow.map((s) => s.attempt.id),
  };
}
