/**
 * `time-wait-collision`: a SYN on a four-tuple whose previous connection a socket still holds, most
 * often the server's TIME-WAIT socket behind a NAT that gave two clients' connections the same source
 * address and port. Linux's tcp_timewait_state_process (net/ipv4/tcp_minisocks.c) takes such a SYN as
 * a new connection (TCP_TW_SYN) only when its sequence number is after the old tw_rcv_nxt, or its TSval
 * newer than tw_ts_recent; otherwise, or when tcp_paws_reject rejects it (LINUX_MIB_PAWSESTABREJECTED),
 * it answers with a bare ACK of the old connection (TCP_TW_ACK → tcp_v4_timewait_ack, rate-limited by
 * tcp_timewait_check_oow_rate_limit: TCPACKSkippedTimeWait). An ESTABLISHED socket answers with a
 * challenge ACK (tcp_send_challenge_ack, RFC 5961). The client in SYN-SENT resets an ACK that does not
 * acknowledge its ISN + 1, with that acknowledgement as its sequence number
 * (tcp_rcv_synsent_state_process: "reset_and_undo"); the reset kills the TIME-WAIT socket unless
 * net.ipv4.tcp_rfc1337 = 1, and the SYN's retransmission then opens the connection.
 *
 * What separates it from the other causes: the SYN was answered (not `dropped-at-server` or
 * `lost-before-server`), by an ACK without SYN (not a SYN-ACK whose reply was lost) that acknowledges
 * something this attempt never sent (not ISN + 1), and not by a reset (not `refused`).
 */
import { endpointText, type Confidence, type HandshakeAttempt } from '../model.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import type { Texts } from '../explain/texts.js';
import type { CollisionFacts, PreviousConnection, TimeWaitHolder } from '../explain/timeWaitTexts.js';
import type { Attribution } from './attribution.js';
import { commandsFor } from './nextSteps.js';

/** TCP_TIMEWAIT_LEN (include/net/tcp.h): how long Linux keeps a connection in TIME-WAIT, 60 s. */
export const TCP_TIMEWAIT_LEN_SECONDS = 60;

/** Attempts described one by one in the evidence; the others are counted. */
const LISTED = 5;

/** What one capture's attempts on the same four-tuple say about who held the previous connection. */
export interface FourTupleHistory {
  /** The attempt before `attempt` on its four-tuple in the capture that holds it, or null. */
  previous(attempt: HandshakeAttempt): HandshakeAttempt | null;
}

/**
 * Each collided attempt's previous connection on its four-tuple, in one pass over the capture's
 * attempts in order of their first SYN. Built only for a capture with a foreign ACK at all: the key of
 * every attempt costs a string, and a capture holds millions.
 */
export function fourTupleHistory(attempts: readonly HandshakeAttempt[]): FourTupleHistory {
  if (!attempts.some((attempt) => attempt.foreignAck)) return { previous: () => null };
  const latestOn = new Map<string, HandshakeAttempt>();
  const previousOf = new Map<HandshakeAttempt, HandshakeAttempt>();
  const ordered = [...attempts].sort((x, y) => x.synTime - y.synTime || x.id - y.id);
  for (const attempt of ordered) {
    const key = `${endpointText(attempt.client)} ${endpointText(attempt.server)}`;
    const previous = latestOn.get(key);
    if (previous !== undefined && attempt.foreignAck) previousOf.set(attempt, previous);
    // Only a connection the server answered can leave a socket behind: a SYN it never took (another
    // collision, a drop) holds nothing.
    if (attempt.synAck !== null) latestOn.set(key, attempt);
  }
  return { previous: (attempt) => previousOf.get(attempt) ?? null };
}

// --- Find evidence

/**
 * The previous connection on the four-tuple and who was left holding it: the side that sent the first
 * FIN enters TIME-WAIT (tcp_time_wait from tcp_fin / tcp_rcv_state_process), a reset leaves nothing, a
 * connection with neither is still open at the server (its answer is a challenge ACK).
 */
function previousConnection(previous: HandshakeAttempt | null, answeredAt: number): PreviousConnection | null {
  if (previous === null) return null;
  const { firstFin, secondFinTime, firstFinTime } = previous.teardown;
  const closeTime = secondFinTime ?? firstFinTime;
  // A reset ends the connection whatever FINs came before it (a TIME-WAIT socket too, tcp_rfc1337 = 0).
  const holder: TimeWaitHolder = previous.rst !== null ? 'reset' : firstFin === 'server' ? 'server-time-wait' : firstFin === 'client' ? 'client-time-wait' : 'open';
  const secondsSinceClose = closeTime === null ? null : answeredAt - closeTime;
  return {
    id: previous.id, client: endpointText(previous.client), closeTime, firstFin, holder, secondsSinceClose, lastClientTsval: previous.teardown.lastClientTsval,
    withinTimeWait: secondsSinceClose !== null && secondsSinceClose >= 0 && secondsSinceClose < TCP_TIMEWAIT_LEN_SECONDS,
  };
}

/** The latest SYN sent at or before the foreign ACK: the one it answered. */
function answeredSyn(attempt: HandshakeAttempt, ackTime: number): HandshakeAttempt['syns'][number] | undefined {
  return attempt.syns.filter((syn) => syn.time <= ackTime).at(-1) ?? attempt.syns[0];
}

/** The first SYN sent after the foreign ACK: the retransmission that tried again. */
function retransmissionAfter(attempt: HandshakeAttempt, ackTime: number): number | null {
  return attempt.syns.find((syn) => syn.time > ackTime)?.time ?? null;
}

/**
 * What a capture shows of one collided attempt. `seen` is the attempt whose packets show the foreign ACK
 * (the first capture's, or its match in the server capture); `history` is that capture's four-tuples.
 */
export function collisionFacts(attempt: HandshakeAttempt, seen: HandshakeAttempt, history: FourTupleHistory): CollisionFacts | null {
  const foreign = seen.foreignAck;
  if (!foreign) return null;
  const retransmission = retransmissionAfter(seen, foreign.time);
  const end = attempt.verdict === 'pass' && attempt.synAck !== null ? attempt.synAck.time : null;
  return {
    id: attempt.id,
    client: endpointText(attempt.client),
    clientAddress: attempt.client.address,
    serverPort: attempt.server.port,
    serverSees: endpointText(seen.client),
    server: endpointText(attempt.server),
    isn: seen.isn,
    synTsval: answeredSyn(seen, foreign.time)?.tsval ?? null,
    expectedAck: (seen.isn + 1) >>> 0,
    ack: foreign.ack,
    ackTime: foreign.time,
    acks: foreign.count,
    resetTime: foreign.reset?.time ?? null,
    resets: foreign.reset?.count ?? 0,
    retransmissionAfterMs: retransmission === null ? null : Math.round((retransmission - foreign.time) * 1_000_000) / 1000,
    passed: attempt.verdict === 'pass',
    connectMs: end === null ? null : Math.round((end - attempt.syns[0].time) * 1_000_000) / 1000,
    previous: previousConnection(history.previous(seen), foreign.time),
  };
}

/** Each attempt of one capture that met a foreign ACK, by id (in the order of the attempts). */
export function singleCaptureCollisions(attempts: readonly HandshakeAttempt[]): Map<number, CollisionFacts> {
  const history = fourTupleHistory(attempts);
  const found = new Map<number, CollisionFacts>();
  for (const attempt of attempts) {
    const facts = collisionFacts(attempt, attempt, history);
    if (facts) found.set(attempt.id, facts);
  }
  return found;
}

/**
 * Each client attempt that met a foreign ACK, seen in the server capture where it was matched there
 * (which shows the four-tuple after NAT, and so the previous connection on it), else in its own capture.
 */
export function pairCollisions(
  clients: readonly HandshakeAttempt[], servers: readonly HandshakeAttempt[], serverOf: (client: HandshakeAttempt) => HandshakeAttempt | undefined,
): Map<number, CollisionFacts> {
  const clientHistory = fourTupleHistory(clients);
  const serverHistory = fourTupleHistory(servers);
  const found = new Map<number, CollisionFacts>();
  for (const attempt of clients) {
    const server = serverOf(attempt);
    const facts = (server && collisionFacts(attempt, server, serverHistory)) || collisionFacts(attempt, attempt, clientHistory);
    if (facts) found.set(attempt.id, facts);
  }
  return found;
}

// --- Decide

/**
 * `high` when the client's reset of the ACK is in the capture: the client itself said the ACK was not
 * for its connection. Without it (the capture missed it, or the client's kernel did not answer) the ACK
 * alone is `medium`.
 */
export function collisionConfidence(facts: CollisionFacts): Confidence {
  return facts.resets > 0 ? 'high' : 'medium';
}

/** The cause of a failed collided attempt; passed ones get none (slow-connect lists them). */
export function collisionAttribution(attempt: HandshakeAttempt, facts: CollisionFacts | undefined, serverSees: string | null = null): Attribution | null {
  if (facts === undefined || attempt.verdict !== 'fail') return null;
  return { attempt, cause: 'time-wait-collision', confidence: collisionConfidence(facts), serverSees, paws: null, sharedAddress: null };
}

// --- Explain

function sightingValues(f: CollisionFacts): EvidenceJson['values'] {
  return {
    client: f.client, serverSees: f.serverSees, server: f.server, synIsn: f.isn, synTsval: f.synTsval, previousLastTsval: f.previous?.lastClientTsval ?? null, expectedAck: f.expectedAck, ackNumber: f.ack, ackTime: f.ackTime,
    acks: f.acks, resetTime: f.resetTime, resets: f.resets, retransmissionAfterMs: f.retransmissionAfterMs, passed: f.passed, connectMs: f.connectMs,
    previousConnection: f.previous?.id ?? null, previousClient: f.previous?.client ?? null, previousFirstFin: f.previous?.firstFin ?? null,
    previousCloseTime: f.previous?.closeTime ?? null, secondsSinceClose: f.previous?.secondsSinceClose ?? null, holder: f.previous?.holder ?? null,
    timeWaitSeconds: TCP_TIMEWAIT_LEN_SECONDS,
  };
}

/** The diagnosis of a capture's (or pair's) collided attempts; null when none met a foreign ACK. */
export function timeWaitCollisionDiagnosis(texts: Texts, collisions: readonly CollisionFacts[]): DiagnosisJson | null {
  if (collisions.length === 0) return null;
  const failed = collisions.filter((c) => !c.passed);
  const t = texts.timeWait;
  const fourTuples = new Set(collisions.map((c) => `${c.serverSees} ${c.server}`)).size;
  const evidence: EvidenceJson[] = [
    {
      text: t.summary(collisions.length, failed.length, fourTuples),
      values: { collisions: collisions.length, failed: failed.length, passed: collisions.length - failed.length, fourTuples },
      handshakeIds: collisions.map((c) => c.id),
    },
    ...collisions.slice(0, LISTED).map((c) => ({ text: t.sighting(c), values: sightingValues(c), handshakeIds: [c.id] })),
  ];
  if (collisions.length > LISTED) evidence.push({ text: t.more(collisions.length - LISTED), values: { more: collisions.length - LISTED }, handshakeIds: collisions.slice(LISTED).map((c) => c.id) });
  const first = collisions[0];
  const confidences = collisions.map(collisionConfidence);
  return {
    code: 'time-wait-collision',
    severity: failed.length > 0 ? 'error' : 'warning',
    confidence: confidences.includes('high') ? 'high' : 'medium',
    title: t.title(failed.length, collisions.length - failed.length),
    explanation: t.explanation,
    evidence,
    fix: { text: t.fix, commands: commandsFor('time-wait-collision', { clientAddress: first.clientAddress, serverPorts: [first.serverPort] }) },
    handshakeIds: collisions.map((c) => c.id),
  };
}
