/** Turns the tracker's working state of one attempt into the HandshakeAttempt record everyone reads. */
import { endpointText, type Endpoint, type Outcome, type ForeignAckSeen, type HandshakeAttempt, type NatView, type ResetSeen, type SynAckSeen, type SynTransmission, type Teardown } from '../model.js';
import type { ConnectionAttempt } from './connectionAttempt.js';
import type { FlowEndpoints } from './flowTable.js';
import { elapsedMs } from './elapsed.js';
import { tsvalOrNull } from './segment.js';
import { outcomeOf, vantageOf, verdictOf } from './verdict.js';

/** Endpoints recently built, reused while the cache holds them. */
const ENDPOINT_CACHE_SIZE = 65_536;

/**
 * One address's text and the Endpoint objects made for it: the first inline, the others by port. Most
 * addresses of a flood or a scan have one port, for which a Map each was the costliest part of reading
 * an endpoint.
 */
interface AddressEndpoints {
  address: string;
  first: Endpoint;
  byPort: Map<number, Endpoint> | null;
}

/**
 * What the records of one capture share rather than each holding a copy: one Endpoint object per
 * address and port (a server appears in thousands of records, a NAT address in hundreds) and one text
 * per address. Records are never modified once built (diagnoses are values beside them), so sharing
 * is invisible to their readers.
 */
export class RecordSharing {
  /**
   * By address, then port. IPv4 addresses are keyed by their signed 32-bit bits, which V8 keeps as
   * small integers: an address × 65,536 + port key was a heap number per look-up, and a client's every
   * port made the address text again.
   */
  private readonly ipv4 = new Map<number, AddressEndpoints>();
  private readonly ipv6 = new Map<string, AddressEndpoints>();
  private size = 0;

  endpoint(ipVersion: 4 | 6, v4: number, v6: string, port: number): Endpoint {
    const address = ipVersion === 4 ? this.ipv4.get(v4 | 0) : this.ipv6.get(v6);
    if (address === undefined) {
      this.makeRoom();
      const endpoint = { address: ipVersion === 4 ? addressText(v4) : v6, port };
      this.keep(ipVersion, v4, v6, { address: endpoint.address, first: endpoint, byPort: null });
      return endpoint;
    }
    if (address.first.port === port) return address.first;
    let endpoint = address.byPort?.get(port);
    if (endpoint === undefined) {
      if (this.makeRoom()) {
        // The address was let go with the others: it comes back with this port as its first.
        endpoint = { address: address.address, port };
        this.keep(ipVersion, v4, v6, { address: address.address, first: endpoint, byPort: null });
        return endpoint;
      }
      endpoint = { address: address.address, port };
      (address.byPort ??= new Map()).set(port, endpoint);
    }
    return endpoint;
  }

  /** Counts an endpoint about to be made; when the cache is full, lets every kept one go first (true). */
  private makeRoom(): boolean {
    const full = this.size >= ENDPOINT_CACHE_SIZE;
    if (full) {
      this.size = 0;
      this.ipv4.clear();
      this.ipv6.clear();
    }
    this.size++;
    return full;
  }

  private keep(ipVersion: 4 | 6, v4: number, v6: string, address: AddressEndpoints): void {
    if (ipVersion === 4) this.ipv4.set(v4 | 0, address);
    else this.ipv6.set(v6, address);
  }
}

/**
 * ipv4Text's dotted quad, built by join: V8 keeps a concatenation 13 characters or longer
 * ("192.168.11.250") as a tree of string pieces, about 150 bytes, where join writes one flat string.
 */
function addressText(v4: number): string {
  return [v4 >>> 24, (v4 >>> 16) & 0xff, (v4 >>> 8) & 0xff, v4 & 0xff].join('.');
}

function endpointA(flow: FlowEndpoints, sharing: RecordSharing): Endpoint {
  return sharing.endpoint(flow.ipVersion, flow.v4a, flow.v6a, flow.portA);
}

function endpointB(flow: FlowEndpoints, sharing: RecordSharing): Endpoint {
  return sharing.endpoint(flow.ipVersion, flow.v4b, flow.v6b, flow.portB);
}

export function clientEndpoint(attempt: ConnectionAttempt, sharing: RecordSharing, flow = attempt.flow): Endpoint {
  return attempt.clientIsA ? endpointA(flow, sharing) : endpointB(flow, sharing);
}

export function serverEndpoint(attempt: ConnectionAttempt, sharing: RecordSharing, flow = attempt.flow): Endpoint {
  return attempt.clientIsA ? endpointB(flow, sharing) : endpointA(flow, sharing);
}

/**
 * The client's (or the server's) endpoint read from the flow's row, with no object made for the
 * four-tuple unless it is IPv6: what a stored record's getters give, which every pass of a diagnosis
 * reads for each of a flood's millions of attempts.
 */
export function sideEndpoint(attempt: ConnectionAttempt, client: boolean, sharing: RecordSharing): Endpoint {
  const endpoint = attempt.flows.ipv4Endpoint(attempt.flowNumber, attempt.clientIsA === client);
  if (endpoint < 0) return client ? clientEndpoint(attempt, sharing) : serverEndpoint(attempt, sharing);
  return sharing.endpoint(4, Math.floor(endpoint / 65_536), '', endpoint % 65_536);
}

/** The record's outcome, judged at `captureEnd`. */
export function recordOutcome(attempt: ConnectionAttempt, captureEnd: number): Outcome {
  return outcomeOf(attempt, captureEnd, attempt.serverPort);
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

export function teardownOf(attempt: ConnectionAttempt): Teardown {
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

export function synAckOf(attempt: ConnectionAttempt): SynAckSeen | null {
  if (!attempt.hasSynAck) return null;
  return { frame: attempt.synAckFrame, time: attempt.synAckTime, isn: attempt.synAckIsn, options: attempt.synAckOptions(), count: attempt.synAckCount, ttl: attempt.synAckTtl };
}

/**
 * The attempt's first RST; for an attempt that never completed and had none other, the client's reset of
 * a foreign ACK (its outcome is then `reset-by-client`, verdict.ts).
 */
export function resetOf(attempt: ConnectionAttempt, foreignAck: ForeignAckSeen | null = attempt.foreignAnswer()): ResetSeen | null {
  if (attempt.hasRst) return { frame: attempt.rstFrame, time: attempt.rstTime, from: attempt.rstFromClient ? 'client' : 'server', ttl: attempt.rstTtl };
  const reset = foreignAck?.reset;
  if (attempt.completed || !reset) return null;
  return { frame: reset.frame, time: reset.time, from: 'client', ttl: reset.ttl };
}

/** How another view of the attempt's SYN (natViews.ts) appears in its record. */
export function natViewOf(view: ConnectionAttempt, sharing: RecordSharing): NatView {
  const flow = view.flow;
  const earliest = view.syns[0];
  return { client: endpointText(view.clientIsA ? endpointA(flow, sharing) : endpointB(flow, sharing)), frame: earliest.frame, time: earliest.time };
}

/** The client's third ACK or first data segment. */
export function ackOf(attempt: ConnectionAttempt): HandshakeAttempt['ack'] {
  return attempt.hasAck ? { frame: attempt.ackFrame, time: attempt.ackTime, withData: attempt.ackWithData } : null;
}

export function handshakeRecord(
  id: number, attempt: ConnectionAttempt, captureEnd: number, sharing = new RecordSharing(), natViews: NatView[] = [],
): HandshakeAttempt {
  const syns = attempt.syns;
  const synAck = synAckOf(attempt);
  const ack = ackOf(attempt);
  const rttMs = synAck === null ? null : elapsedMs(answeredSyn(syns, synAck.time, synAck.options.tsecr).time, synAck.time);
  const ackDelayMs = synAck === null || ack === null ? null : elapsedMs(synAck.time, ack.time);
  const flow = attempt.flow;
  const outcome = recordOutcome(attempt, captureEnd);
  const foreignAck = attempt.foreignAnswer();
  const record: HandshakeAttempt = {
    id,
    client: clientEndpoint(attempt, sharing, flow),
    server: serverEndpoint(attempt, sharing, flow),
    ipVersion: flow.ipVersion,
    isn: attempt.isn,
    synTime: attempt.synTime,
    syns,
    synOptions: attempt.synOptions(),
    ttl: attempt.ttl,
    synAck,
    ack,
    rst: resetOf(attempt, foreignAck),
    teardown: teardownOf(attempt),
    rttMs,
    ackDelayMs,
    vantage: vantageOf(rttMs, ackDelayMs),
    verdict: verdictOf(outcome),
    outcome,
    tunnel: attempt.tunnel,
  };
  // Only the rare record with NAT views gets the field: the others keep the common shape.
  if (natViews.length > 0) record.natViews = natViews;
  if (foreignAck !== null) record.foreignAck = foreignAck;
  return record;
}
