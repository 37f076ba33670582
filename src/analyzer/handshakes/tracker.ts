/**
 * The handshake tracker: fed every TCP segment of a capture in file order, it returns one record per
 * connection attempt (client endpoint, server endpoint, client ISN). The per-packet path does one
 * integer-keyed map lookup for IPv4 and allocates nothing unless a handshake segment arrives.
 *
 * Memory stays bounded whatever the number of attempts: the first `rowLimit` attempts (in file order)
 * become records; later ones are tracked only until their four-tuple has been idle for
 * IDLE_FLOW_SECONDS of capture time, then counted (AttemptTally) and forgotten.
 */
import { ipv4Text, TcpFlag, type TcpPacket } from '../layers/tcpPacket.js';
import { endpointText, type HandshakeAttempt } from '../model.js';
import { ConnectionAttempt } from './connectionAttempt.js';
import { FlowTable, isFromA, type FlowEndpoints, type FlowEntry } from './flowTable.js';
import { handshakeRecord, RecordSharing } from './handshakeRecord.js';
import { pendingCopy, type PendingSegment, type SegmentView, type TimedTcpPacket } from './segment.js';
import { isSequenceAfter, nextSequence } from './sequence.js';
import { AttemptTally } from './summary.js';
import { outcomeOf, verdictOf } from './verdict.js';

interface TrackedFlow extends FlowEntry {
  /**
   * The newest attempt on this four-tuple; older ones (the port was reused) follow through `previous`.
   * A chain rather than an array: almost every flow has one attempt, and an array would cost more than it.
   */
  latest: ConnectionAttempt<TrackedFlow> | null;
  /** Segments that arrived before the SYN they belong to (merged interfaces), replayed when it comes. */
  pending: PendingSegment[] | null;
  /**
   * For a flow whose attempts all came past the row limit, the latest capture time of its segments;
   * NaN for every other flow, which is never forgotten (NaN also makes the per-packet update a no-op).
   */
  lastTime: number;
}

/** How many early segments a flow keeps while it has no attempt: enough for SYN-ACK, ACK and RST. */
const PENDING_LIMIT = 4;

function newFlow(packet: TcpPacket): TrackedFlow {
  return {
    ipVersion: packet.ipVersion, v4a: packet.srcV4, v4b: packet.dstV4, v6a: packet.srcV6, v6b: packet.dstV6,
    portA: packet.srcPort, portB: packet.dstPort, nextInBucket: null, latest: null, pending: null, lastTime: NaN,
  };
}

/**
 * Attempts kept as records by default: about 0.55 GB of records once analysed, and about 0.7 GB of
 * tracker state live at the peak of the analysis (docs/limits.md).
 */
export const DEFAULT_ROW_LIMIT = 1_000_000;

/**
 * Capture time after which a four-tuple past the row limit is counted and forgotten. Linux sends its
 * last SYN retransmission 63 s after the first and gives up at 127 s (tcp_syn_retries = 6); a SYN-ACK,
 * an ACK or a reset comes well before that, so an attempt idle that long no longer changes its verdict.
 */
export const IDLE_FLOW_SECONDS = 130;

/**
 * Four-tuples past the row limit tracked at once. Beyond it (more than about 1,900 new attempts a second
 * sustained over IDLE_FLOW_SECONDS, a heavy flood), the longest-tracked are counted before they are idle.
 */
export const MAX_OPEN_UNLISTED_FLOWS = 250_000;

/** New attempts past the row limit between two looks for idle four-tuples. */
const SWEEP_EVERY = 4096;

export interface TrackerOptions {
  /** Attempts kept as records (default DEFAULT_ROW_LIMIT); later ones are only counted. */
  rowLimit?: number;
  /** Tracked four-tuples past the row limit before the oldest are counted early (tests lower it). */
  maxOpenUnlistedFlows?: number;
}

/** The attempts past the row limit: counted in the summary, not kept as records. */
export interface UnlistedAttempts {
  /** The row limit that was reached. */
  rowLimit: number;
  /** Counts of the attempts past the limit (`tally.attempts` of them). */
  tally: AttemptTally;
  /** Capture time and record index of the first SYN past the limit. */
  firstSynTime: number;
  firstSynFrame: number;
  /** Attempts counted before their four-tuple had been idle for IDLE_FLOW_SECONDS (too many open at once). */
  countedEarly: number;
}

/** Does a non-SYN segment belong to this attempt? Sequence numbers tell a reused port's connections apart. */
function belongsTo(attempt: ConnectionAttempt<TrackedFlow>, segment: SegmentView, fromA: boolean): boolean {
  if (fromA === attempt.clientIsA) return isSequenceAfter(segment.seq, attempt.isn);
  if (segment.flags & TcpFlag.ACK) return isSequenceAfter(segment.ack, attempt.isn);
  return !attempt.hasSynAck || isSequenceAfter(segment.seq, attempt.synAckIsn);
}

export interface TrackerResult {
  handshakes: HandshakeAttempt[];
  /** Connections with TCP segments but no SYN in the capture. */
  midstream: number;
  /** Null when every attempt is listed. */
  unlisted: UnlistedAttempts | null;
}

export class HandshakeTracker {
  private readonly flows = new FlowTable<TrackedFlow>(newFlow);
  /** The listed attempts, at most rowLimit. */
  private created: ConnectionAttempt<TrackedFlow>[] = [];
  private readonly rowLimit: number;
  private readonly maxOpenUnlistedFlows: number;
  /** Flows whose attempts all came past the row limit, in the order of their first attempt, from `queueHead`. */
  private unlistedFlows: TrackedFlow[] = [];
  private queueHead = 0;
  /** Attempts past the row limit on flows that also hold listed attempts (port reuse): counted at the end. */
  private readonly unlistedOnListedFlows: ConnectionAttempt<TrackedFlow>[] = [];
  private unlisted: UnlistedAttempts | null = null;
  private sinceSweep = 0;
  /** The latest capture time seen. */
  private now = -Infinity;

  constructor(options: TrackerOptions = {}) {
    this.rowLimit = Math.max(0, options.rowLimit ?? DEFAULT_ROW_LIMIT);
    this.maxOpenUnlistedFlows = Math.max(1, options.maxOpenUnlistedFlows ?? MAX_OPEN_UNLISTED_FLOWS);
  }

  /** Whether an attempt came past the row limit. */
  get limitReached(): boolean {
    return this.unlisted !== null;
  }

  /** One decoded TCP segment with its record index and capture time (epoch seconds). */
  add(packet: TimedTcpPacket): void {
    const flow = this.flows.lookup(packet);
    const time = packet.time;
    if (time > flow.lastTime) flow.lastTime = time;
    if (time > this.now) this.now = time;
    this.apply(flow, packet, isFromA(flow, packet));
  }

  private apply(flow: TrackedFlow, segment: SegmentView, fromA: boolean): void {
    const flags = segment.flags;
    if (flags & TcpFlag.SYN) {
      if (flags & TcpFlag.ACK) this.addSynAck(flow, segment, fromA);
      else this.addSyn(flow, segment, fromA);
      return;
    }
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (belongsTo(attempt, segment, fromA)) {
        attempt.addSegment(segment, fromA === attempt.clientIsA);
        return;
      }
    }
    this.keepPending(flow, segment, fromA);
  }

  private addSyn(flow: TrackedFlow, syn: SegmentView, fromA: boolean): void {
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (attempt.clientIsA === fromA && attempt.isn === syn.seq) {
        attempt.addSyn(syn);
        return;
      }
    }
    // A new ISN on a known four-tuple is a new attempt: the port was reused.
    const attempt = new ConnectionAttempt(flow, fromA, syn.seq, syn);
    const firstOnFlow = flow.latest === null;
    attempt.previous = flow.latest;
    flow.latest = attempt;
    if (this.created.length < this.rowLimit) this.created.push(attempt);
    else this.addUnlisted(flow, attempt, firstOnFlow, syn);
    this.replayPending(flow);
  }

  private addUnlisted(flow: TrackedFlow, attempt: ConnectionAttempt<TrackedFlow>, firstOnFlow: boolean, syn: SegmentView): void {
    this.unlisted ??= { rowLimit: this.rowLimit, tally: new AttemptTally(this.rowLimit), firstSynTime: syn.time, firstSynFrame: syn.frame, countedEarly: 0 };
    if (!firstOnFlow && Number.isNaN(flow.lastTime)) {
      this.unlistedOnListedFlows.push(attempt);
      return;
    }
    if (firstOnFlow) {
      flow.lastTime = syn.time;
      this.unlistedFlows.push(flow);
    }
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
  }

  /**
   * Counts and forgets the flows past the row limit that have been idle for IDLE_FLOW_SECONDS, and the
   * longest-tracked ones while more than maxOpenUnlistedFlows are open. A flow still active after that
   * long (a long-lived connection) goes to the back of the queue.
   */
  private sweep(): void {
    this.sinceSweep = 0;
    const queue = this.unlistedFlows;
    const horizon = this.now - IDLE_FLOW_SECONDS;
    let open = queue.length - this.queueHead;
    for (let examined = open; examined > 0 && this.queueHead < queue.length; examined--) {
      const flow = queue[this.queueHead];
      const idle = flow.lastTime < horizon;
      if (idle || open > this.maxOpenUnlistedFlows) {
        this.queueHead++;
        open--;
        if (!idle) this.unlisted!.countedEarly += this.forget(flow, this.now);
        else this.forget(flow, this.now);
      } else if (oldestSynTime(flow) < horizon) {
        this.queueHead++;
        queue.push(flow);
      } else {
        break;
      }
    }
    if (this.queueHead > SWEEP_EVERY && this.queueHead * 2 > queue.length) {
      this.unlistedFlows = queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  /** Counts a flow's attempts (all past the row limit) as of `captureEnd` and drops the flow; returns how many. */
  private forget(flow: TrackedFlow, captureEnd: number): number {
    this.flows.remove(flow);
    let attempts = 0;
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      this.count(attempt, captureEnd);
      attempts++;
    }
    return attempts;
  }

  private count(attempt: ConnectionAttempt<TrackedFlow>, captureEnd: number): void {
    const flow = attempt.flow;
    const server = attempt.clientIsA ? endpointTextOf(flow, false) : endpointTextOf(flow, true);
    this.unlisted!.tally.add(server, verdictOf(outcomeOf(attempt, captureEnd)), attempt.synCount);
  }

  private addSynAck(flow: TrackedFlow, synAck: SegmentView, fromA: boolean): void {
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (attempt.clientIsA !== fromA && nextSequence(attempt.isn) === synAck.ack) {
        attempt.addSynAck(synAck);
        return;
      }
    }
    this.keepPending(flow, synAck, fromA);
  }

  private keepPending(flow: TrackedFlow, segment: SegmentView, fromA: boolean): void {
    const pending = flow.pending ?? (flow.pending = []);
    if (pending.length < PENDING_LIMIT) pending.push(pendingCopy(segment, fromA));
  }

  private replayPending(flow: TrackedFlow): void {
    const pending = flow.pending;
    if (pending === null) return;
    flow.pending = null;
    for (const segment of pending) this.apply(flow, segment, segment.fromA);
  }

  /**
   * The records, numbered by first SYN time. `captureEnd` (epoch seconds of the last record) decides
   * whether a lone unanswered SYN is a failure or too young to judge.
   */
  finish(captureEnd: number): TrackerResult {
    const queue = this.unlistedFlows;
    for (let at = this.queueHead; at < queue.length; at++) this.forget(queue[at], captureEnd);
    for (const attempt of this.unlistedOnListedFlows) this.count(attempt, captureEnd);
    this.unlistedFlows = [];
    this.queueHead = 0;
    this.unlistedOnListedFlows.length = 0;
    let midstream = 0;
    for (const flow of this.flows.entries()) if (flow.latest === null) midstream++;
    // From here on only `created` holds the attempts, and each goes as its record is made: the
    // working state and the records are never all in memory at once.
    this.flows.clear();
    const created: (ConnectionAttempt<TrackedFlow> | null)[] = this.created;
    this.created = [];
    created.sort((x, y) => x!.synTime - y!.synTime || x!.firstSynFrame - y!.firstSynFrame);
    const sharing = new RecordSharing();
    const handshakes: HandshakeAttempt[] = new Array(created.length);
    for (let index = 0; index < created.length; index++) {
      handshakes[index] = handshakeRecord(index + 1, created[index]!, captureEnd, sharing);
      created[index] = null;
    }
    return { handshakes, midstream, unlisted: this.unlisted };
  }
}

/** The first SYN time of a flow's oldest attempt. */
function oldestSynTime(flow: TrackedFlow): number {
  let oldest = flow.latest;
  while (oldest !== null && oldest.previous !== null) oldest = oldest.previous;
  return oldest === null ? flow.lastTime : oldest.firstSynTime;
}

/** `ip:port` (IPv6 in brackets) of endpoint a or b, as endpointText() writes it. */
function endpointTextOf(flow: FlowEndpoints, a: boolean): string {
  return endpointText({
    address: flow.ipVersion === 4 ? ipv4Text(a ? flow.v4a : flow.v4b) : a ? flow.v6a : flow.v6b,
    port: a ? flow.portA : flow.portB,
  });
}
