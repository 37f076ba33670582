/** Turns the tracker's working state of one attempt into the HandshakeAttempt record everyone reads. */
import { ipv4Text } from '../layers/tcpPacket.js';
import type { Endpoint, HandshakeAttempt, SynAckSeen, SynTransmission, Teardown } from '../model.js';
import type { ConnectionAttempt } from './connectionAttempt.js';
import type { FlowEndpoints } from './flowTable.js';
import { tsvalOrNull } from './segment.js';
import { outcomeOf, vantageOf, verdictOf } from './verdict.js';

function endpointA(flow: FlowEndpoints): Endpoint {
  return { address: flow.ipVersion === 4 ? ipv4Text(flow.v4a) : flow.v6a, port: flow.portA };
}

function endpointB(flow: FlowEndpoints): Endpoint {
  return { address: flow.ipVersion === 4 ? ipv4Text(flow.v4b) : flow.v6b, port: flow.portB };
}

/** The SYN a SYN-ACK answers: the one whose TSval it echoes, else the last one sent before it. */
function answeredSyn(syns: SynTransmission[], synAckTime: number, tsecr: number | null): SynTransmission {
  if (tsecr !== null) {
    const echoed = syns.find((syn) => syn.tsval === tsecr);
    if (echoed !== undefined) return echoed;
  }
  let answered = syns[0];
  for (const syn of syns) if (syn.time <= synAckTime) answered = syn;
  return answered;
}

/** The tracker's "none" sentinels (±Infinity, NO_TSVAL) as the record's nulls. */
function timeOrNull(time: number): number | null {
  return Number.isFinite(time) ? time : null;
}

function teardownOf(attempt: ConnectionAttempt): Teardown {
  const clientFinTime = timeOrNull(attempt.clientFinTime);
  const serverFinTime = timeOrNull(attempt.serverFinTime);
  const firstFin = attempt.firstFin;
  return {
    firstFin,
    firstFinTime: firstFin === 'client' ? clientFinTime : serverFinTime,
    secondFinTime: firstFin === 'client' ? serverFinTime : firstFin === 'server' ? clientFinTime : null,
    lastClientTsval: tsvalOrNull(attempt.lastClientTsval),
    lastClientTsvalTime: timeOrNull(attempt.lastClientTsvalTime),
  };
}

const MS = 1000;

/**
 * Epoch-second doubles carry about a quarter of a microsecond of precision, so a difference of two is
 * rounded to whole microseconds rather than showing digits that mean nothing.
 */
function elapsedMs(from: number, to: number): number {
  return Math.round((to - from) * MS * 1000) / 1000;
}

function synAckOf(attempt: ConnectionAttempt): SynAckSeen | null {
  if (!attempt.hasSynAck) return null;
  return { frame: attempt.synAckFrame, time: attempt.synAckTime, isn: attempt.synAckIsn, options: attempt.synAckOptions(), count: attempt.synAckCount };
}

export function handshakeRecord(id: number, attempt: ConnectionAttempt<FlowEndpoints>, captureEnd: number): HandshakeAttempt {
  const syns = attempt.syns;
  const synAck = synAckOf(attempt);
  const ack = attempt.hasAck ? { frame: attempt.ackFrame, time: attempt.ackTime, withData: attempt.ackWithData } : null;
  const rttMs = synAck === null ? null : elapsedMs(answeredSyn(syns, synAck.time, synAck.options.tsecr).time, synAck.time);
  const ackDelayMs = synAck === null || ack === null ? null : elapsedMs(synAck.time, ack.time);
  const outcome = outcomeOf(attempt, captureEnd);
  const flow = attempt.flow;
  return {
    id,
    client: attempt.clientIsA ? endpointA(flow) : endpointB(flow),
    server: attempt.clientIsA ? endpointB(flow) : endpointA(flow),
    ipVersion: flow.ipVersion,
    isn: attempt.isn,
    synTime: attempt.synTime,
    syns,
    synOptions: attempt.synOptions(),
    ttl: attempt.ttl,
    synAck,
    ack,
    rst: attempt.hasRst ? { frame: attempt.rstFrame, time: attempt.rstTime, from: attempt.rstFromClient ? 'client' : 'server' } : null,
    teardown: teardownOf(attempt),
    rttMs,
    ackDelayMs,
    vantage: vantageOf(rttMs, ackDelayMs),
    verdict: verdictOf(outcome),
    outcome,
    cause: null,
    confidence: null,
    atServer: null,
  };
}
