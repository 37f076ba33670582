/**
 * The handshake tracker: fed every TCP segment of a capture in file order, it returns one record per
 * connection attempt (client endpoint, server endpoint, client ISN). The per-packet path does one
 * integer-keyed map lookup for IPv4 and allocates nothing unless a handshake segment arrives.
 *
 * Memory stays bounded whatever the number of attempts: the first `rowLimit` attempts (in file order)
 * become records; later ones are tracked only until their four-tuple has been idle for
 * IDLE_FLOW_SECONDS of capture time, then counted (AttemptTally) and forgotten. Flows seen without
 * their SYN (midstream) are forgotten, and counted, once idle for as long.
 *
 * Work per packet stays bounded too: a four-tuple's attempts are a chain walked newest first, and once a
 * SYN flood on one four-tuple makes the chain long, its attempts are also found by ISN (AttemptIndex)
 * and the walk stops after the newest MATCH_WINDOW.
 */
import { ipv4Text, TcpFlag } from '../layers/tcpPacket.js';
import { endpointText, type HandshakeAttempt, type NatView } from '../model.js';
import { AttemptStore, type ConnectionAttempt } from './connectionAttempt.js';
import { FlowTable, type FlowEndpoints } from './flowTable.js';
import { handshakeRecord, natViewOf, RecordSharing } from './handshakeRecord.js';
import { natViewPrimaries } from './natViews.js';
import { STORED_RECORDS_FROM, storedRecords } from './storedRecords.js';
import { DEFAULT_ROW_LIMIT } from '../rowLimit.js';
import { IntList } from './rowChunks.js';
import { pendingCopy, type PendingSegment, type SegmentView, type TimedTcpPacket } from './segment.js';
import { NOT_IN_SPACE } from './sequence.js';
import { AttemptTally } from './summary.js';
import { outcomeOf, verdictOf } from './verdict.js';
import { decidedAt } from './decided.js';

/**
 * A flow is a number in the FlowTable, whose row holds the tracker's per-flow numbers: the number of the
 * newest attempt on the four-tuple (NO_ATTEMPT while none; older ones, where the port was reused, follow
 * through `previous`: a chain rather than an array, as almost every flow has one attempt) and, for a flow
 * without attempts (midstream) or whose attempts all came past the row limit, the latest capture time of
 * its segments; NaN for every other flow, which is never forgotten (NaN also makes the per-packet update
 * a no-op). The rare parts are maps by flow number here: `pending` and `indexes`.
 */
type Flow = number;

/** A long chain's attempts by client ISN, one map per client side, so that a SYN flood on one four-tuple stays linear. */
interface AttemptIndex {
  clientA: Map<number, number>;
  clientB: Map<number, number>;
  /** The end of the chain, which the sweep reads for the flow's first SYN time. */
  oldest: number;
}

/** No attempt: the chain's end, a flow without attempts. */
const NO_ATTEMPT = -1;

/**
 * Attempts of a four-tuple walked newest first when matching a segment. Port reuse in real traffic
 * gives a handful per four-tuple, so below this the walk is the whole chain; past it, the segments a
 * handshake is made of are found by ISN (a SYN by its own, a SYN-ACK, RST or ACK by its
 * acknowledgement, the third ACK by its sequence number).
 */
const MATCH_WINDOW = 16;

/**
 * `pending` of a midstream flow seen for IDLE_FLOW_SECONDS without its SYN. The early segments wait
 * for a SYN that merging two interfaces wrote later in the file, which is a matter of milliseconds;
 * after that long the SYN is not coming, and a flood of live midstream flows must not keep four
 * segments each. Never written to.
 */
const PENDING_RELEASED: PendingSegment[] = Object.freeze([]) as unknown as PendingSegment[];

/** How many early segments a flow keeps while it has no attempt: enough for SYN-ACK, ACK and RST. */
const PENDING_LIMIT = 4;

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

/** New attempts past the row limit, or new midstream flows, between two looks for idle four-tuples. */
const SWEEP_EVERY = 4096;

export interface TrackerOptions {
  /** Attempts kept as records (default DEFAULT_ROW_LIMIT); later ones are only counted. */
  rowLimit?: number;
  /** Tracked four-tuples past the row limit before the oldest are counted early (tests lower it). */
  maxOpenUnlistedFlows?: number;
  /** Keep the listed attempts whose verdict is not final yet, for `takeDecided` (following a capture being written). */
  reportDecided?: boolean;
  /** Listed attempts from which `finish` keeps the records as the tracker's rows (default STORED_RECORDS_FROM; tests lower it). */
  storedRecordsFrom?: number;
}

/** What takeDecided hands out: records of the first decided attempts, and the count of all of them. */
export interface DecidedTaken {
  records: HandshakeAttempt[];
  /** Attempts whose verdict became final, records or not. */
  decided: number;
  /** Of them, those that failed. */
  failed: number;
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

/** `ack - 1` modulo 2^32: the ISN of the SYN that `ack` acknowledges. */
function previousSequence(ack: number): number {
  return (ack - 1) >>> 0;
}

/** Indexes a chain of attempts (newest first) by client ISN; `attempt` is a cursor to walk it with. */
function indexOf(latest: number, attempt: ConnectionAttempt): AttemptIndex {
  const index: AttemptIndex = { clientA: new Map(), clientB: new Map(), oldest: latest };
  for (let id = latest; id !== NO_ATTEMPT; id = attempt.previous) {
    attempt.at(id);
    (attempt.clientIsA ? index.clientA : index.clientB).set(attempt.isn, id);
    index.oldest = id;
  }
  return index;
}

/**
 * An attempt older than the newest MATCH_WINDOW that a segment opens or answers: the client's third ACK
 * (sequence ISN + 1), or the server's SYN-ACK, RST or ACK acknowledging the SYN (ISN + 1). Other
 * segments of such old attempts go unmatched.
 */
function indexedMatch(index: AttemptIndex, segment: SegmentView, fromA: boolean): number | undefined {
  const byClientSide = fromA ? index.clientA : index.clientB;
  const client = byClientSide.get(previousSequence(segment.seq));
  if (client !== undefined) return client;
  if (!(segment.flags & TcpFlag.ACK)) return undefined;
  return (fromA ? index.clientB : index.clientA).get(previousSequence(segment.ack));
}

export interface TrackerResult {
  handshakes: HandshakeAttempt[];
  /** Connections with TCP segments but no SYN in the capture. */
  midstream: number;
  /** Null when every attempt is listed. */
  unlisted: UnlistedAttempts | null;
}

export class HandshakeTracker {
  private readonly flows = new FlowTable();
  /**
   * Segments that arrived before the SYN they belong to (merged interfaces), by flow, replayed when it
   * comes; PENDING_RELEASED once a flow has gone IDLE_FLOW_SECONDS without its SYN.
   */
  private readonly pending = new Map<Flow, PendingSegment[]>();
  /** Flows holding more than MATCH_WINDOW attempts: almost every flow has a single one. */
  private readonly indexes = new Map<Flow, AttemptIndex>();
  /** Every tracked attempt's state, by attempt number. */
  private readonly attempts = new AttemptStore(this.flows);
  /** Placed on the attempt being matched or updated, then on the next: never kept on one across calls. */
  private readonly attempt = this.attempts.cursor();
  /** The numbers of the listed attempts, at most rowLimit. */
  private created = new IntList();
  private readonly rowLimit: number;
  private readonly maxOpenUnlistedFlows: number;
  private readonly storedRecordsFrom: number;
  /** Flows whose attempts all came past the row limit, in the order of their first attempt, from `queueHead`. */
  private unlistedFlows: Flow[] = [];
  private queueHead = 0;
  /** Attempts past the row limit on flows that also hold listed attempts (port reuse): counted at the end. */
  private readonly unlistedOnListedFlows: number[] = [];
  private unlisted: UnlistedAttempts | null = null;
  private sinceSweep = 0;
  /** The latest capture time seen. */
  private now = -Infinity;
  /**
   * Flows that started without a SYN, in the order they were first seen (from `midstreamHead`), and
   * the latest capture time seen when each was queued.
   */
  private midstreamFlows: Flow[] = [];
  private midstreamQueuedAt: number[] = [];
  /** The flow's serial number (FlowTable.serial) when each was queued. */
  private midstreamSerials: number[] = [];
  private midstreamHead = 0;
  private sinceMidstreamSweep = 0;
  /** Midstream flows forgotten after IDLE_FLOW_SECONDS without a packet, each counted here once. */
  private midstreamForgotten = 0;
  /** Attempts looked at while matching segments: stays linear in the packets whatever the port reuse. */
  private steps = 0;
  /**
   * With `reportDecided`: the listed attempts whose verdict may still change, in creation order, as
   * their row ids (creation order as the capture stands) and their attempt numbers. Lists of integers,
   * not an object each: a SYN flood's attempts all wait here until the capture is old enough to judge them.
   */
  private undecided: { ids: IntList; attempts: IntList } | null;
  private readonly liveSharing = new RecordSharing();

  constructor(options: TrackerOptions = {}) {
    this.rowLimit = Math.max(0, options.rowLimit ?? DEFAULT_ROW_LIMIT);
    this.maxOpenUnlistedFlows = Math.max(1, options.maxOpenUnlistedFlows ?? MAX_OPEN_UNLISTED_FLOWS);
    this.undecided = options.reportDecided === true ? { ids: new IntList(), attempts: new IntList() } : null;
    this.storedRecordsFrom = Math.max(0, options.storedRecordsFrom ?? STORED_RECORDS_FROM);
  }

  /** Attempts listed so far whose verdict is not final yet (only with `reportDecided`). */
  get undecidedCount(): number {
    return this.undecided?.ids.length ?? 0;
  }

  /**
   * The listed attempts whose verdict became final by capture time `now` (decided.ts), each handed out
   * once: the first `keep` of them as records, with the outcome as of `now`, and all of them counted.
   * The attempts stay tracked, and `finish` judges them again over the whole capture. Ids are creation
   * order, which is `finish`'s order (first SYN time) for a capture in time order; NAT views are found
   * only by `finish`.
   */
  takeDecided(now: number, keep = Infinity): DecidedTaken {
    const taken: DecidedTaken = { records: [], decided: 0, failed: 0 };
    if (this.undecided === null) return taken;
    const ids = this.undecided.ids.view();
    const attempts = this.undecided.attempts.view();
    let kept = 0;
    for (let at = 0; at < ids.length; at++) {
      const attempt = this.attempt.at(attempts[at]);
      const serverPort = attempt.serverPort;
      if (!decidedAt(attempt, now, serverPort)) {
        ids[kept] = ids[at];
        attempts[kept++] = attempts[at];
        continue;
      }
      taken.decided++;
      if (taken.records.length < keep) {
        const record = handshakeRecord(ids[at], attempt, now, this.liveSharing);
        taken.records.push(record);
        if (record.verdict === 'fail') taken.failed++;
      } else if (verdictOf(outcomeOf(attempt, now, serverPort)) === 'fail') {
        taken.failed++;
      }
    }
    this.undecided.ids.length = kept;
    this.undecided.attempts.length = kept;
    return taken;
  }

  /**
   * Records of the first `limit` listed attempts whose verdict is not final yet, as they stand at capture
   * time `now`; they stay undecided. Built anew at each call and shared with nothing, so that a snapshot
   * of them holds no more than its own rows.
   */
  openRecords(now: number, limit: number): HandshakeAttempt[] {
    if (this.undecided === null) return [];
    const ids = this.undecided.ids.view();
    const attempts = this.undecided.attempts.view();
    const sharing = new RecordSharing();
    const records: HandshakeAttempt[] = [];
    for (let at = 0; at < Math.min(ids.length, limit); at++) records.push(handshakeRecord(ids[at], this.attempt.at(attempts[at]), now, sharing));
    return records;
  }

  /** Attempts listed so far, decided or not. */
  get listedCount(): number {
    return this.created.length;
  }

  /** Attempts looked at while matching segments so far (tests check that it grows linearly). */
  get matchSteps(): number {
    return this.steps;
  }

  /** Whether an attempt came past the row limit. */
  get limitReached(): boolean {
    return this.unlisted !== null;
  }

  /** One decoded TCP segment with its record index and capture time (epoch seconds). */
  add(packet: TimedTcpPacket): void {
    const flow = this.flows.find(packet, NO_ATTEMPT);
    if (packet.time > this.now) this.now = packet.time;
    this.apply(flow, packet, this.flows.fromA);
  }

  private apply(flow: Flow, segment: SegmentView, fromA: boolean): void {
    const flags = segment.flags;
    if (flags & TcpFlag.SYN) {
      if (flags & TcpFlag.ACK) this.addSynAck(flow, segment, fromA);
      else this.addSyn(flow, segment, fromA);
      return;
    }
    // An ACK that a socket of the previous connection on the four-tuple sent in answer to the newest
    // SYN lies in that connection's sequence space, and so does the client's reset of it: they belong
    // to the new attempt, which they answered, not to the connection that is over.
    const attempt = this.attempt;
    const latest = this.flows.latest(flow);
    if (latest !== NO_ATTEMPT && attempt.at(latest).takeForeignAnswer(segment, fromA === attempt.clientIsA)) return;
    // The attempt whose sequence space the segment lies in, or nearest past its edge, among those that
    // started before it: a late segment of an earlier connection on the four-tuple goes to that
    // connection, not to a newer unanswered SYN. Only when no attempt started before it does one that
    // started after it take it (capture timestamps can run backwards: zeek's handshake-reorder.pcap).
    let best = NO_ATTEMPT;
    let bestGap = NOT_IN_SPACE;
    let bestStartedAfter = true;
    let bestFromClient = false;
    let id = latest;
    for (let left = MATCH_WINDOW; id !== NO_ATTEMPT && left > 0; id = attempt.previous, left--) {
      this.steps++;
      const fromClient = fromA === attempt.at(id).clientIsA;
      const gap = attempt.sequenceGap(segment, fromClient);
      if (gap === NOT_IN_SPACE) continue;
      const startedAfter = attempt.startedAfter(segment);
      if (best !== NO_ATTEMPT && (startedAfter === bestStartedAfter ? gap >= bestGap : startedAfter)) continue;
      best = id;
      bestGap = gap;
      bestStartedAfter = startedAfter;
      bestFromClient = fromClient;
      if (gap === 0 && !startedAfter) break;
    }
    if (best !== NO_ATTEMPT) {
      attempt.at(best).addSegment(segment, bestFromClient);
      return;
    }
    const index = id === NO_ATTEMPT ? undefined : this.indexes.get(flow);
    if (index !== undefined) {
      const older = indexedMatch(index, segment, fromA);
      if (older !== undefined) {
        attempt.at(older).addSegment(segment, fromA === attempt.clientIsA);
        return;
      }
    }
    this.keepPending(flow, segment, fromA);
  }

  private addSyn(flow: Flow, syn: SegmentView, fromA: boolean): void {
    const attempt = this.attempt;
    const index = this.indexes.get(flow);
    const latest = this.flows.latest(flow);
    if (index !== undefined) {
      const known = (fromA ? index.clientA : index.clientB).get(syn.seq);
      if (known !== undefined && !attempt.at(known).isOverAt(syn.time)) {
        attempt.addSyn(syn);
        return;
      }
    } else {
      let chain = 0;
      for (let id = latest; id !== NO_ATTEMPT; id = attempt.previous, chain++) {
        this.steps++;
        attempt.at(id);
        if (attempt.clientIsA === fromA && attempt.isn === syn.seq) {
          if (attempt.isOverAt(syn.time)) break;
          attempt.addSyn(syn);
          return;
        }
      }
      if (chain >= MATCH_WINDOW) this.indexes.set(flow, indexOf(latest, attempt));
    }
    // A new ISN on a known four-tuple is a new attempt (the port was reused), and so is an ISN seen again
    // after its attempt was over.
    const created = this.attempts.create(flow, fromA, syn.seq, syn);
    const firstOnFlow = latest === NO_ATTEMPT;
    attempt.at(created).previous = latest;
    this.flows.setLatest(flow, created);
    const grown = this.indexes.get(flow);
    if (grown !== undefined) (fromA ? grown.clientA : grown.clientB).set(syn.seq, created);
    if (this.created.length < this.rowLimit) {
      this.created.push(created);
      if (this.undecided !== null) {
        this.undecided.ids.push(this.created.length);
        this.undecided.attempts.push(created);
      }
      // A flow that was midstream until now holds a listed attempt: never forgotten from here on.
      if (firstOnFlow) this.flows.setLastTime(flow, NaN);
    } else {
      this.addUnlisted(flow, created, firstOnFlow, syn);
    }
    this.replayPending(flow);
  }

  private addUnlisted(flow: Flow, attempt: number, firstOnFlow: boolean, syn: SegmentView): void {
    this.unlisted ??= { rowLimit: this.rowLimit, tally: new AttemptTally(this.rowLimit), firstSynTime: syn.time, firstSynFrame: syn.frame, countedEarly: 0 };
    if (!firstOnFlow && Number.isNaN(this.flows.lastTime(flow))) {
      this.unlistedOnListedFlows.push(attempt);
      return;
    }
    if (firstOnFlow) {
      // A flow that was midstream has its latest time already.
      if (!(this.flows.lastTime(flow) > syn.time)) this.flows.setLastTime(flow, syn.time);
      this.unlistedFlows.push(flow);
    }
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
  }

  /** Forgets a flow and what the tracker keeps of it beside its row. */
  private drop(flow: Flow): void {
    this.flows.remove(flow);
    this.pending.delete(flow);
    this.indexes.delete(flow);
  }

  /** The first SYN time of a flow's oldest attempt. */
  private oldestSynTime(flow: Flow): number {
    const attempt = this.attempt;
    const index = this.indexes.get(flow);
    if (index !== undefined) return attempt.at(index.oldest).firstSynTime;
    const latest = this.flows.latest(flow);
    if (latest === NO_ATTEMPT) return this.flows.lastTime(flow);
    attempt.at(latest);
    while (attempt.previous !== NO_ATTEMPT) attempt.at(attempt.previous);
    return attempt.firstSynTime;
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
      const idle = this.flows.lastTime(flow) < horizon;
      if (idle || open > this.maxOpenUnlistedFlows) {
        this.queueHead++;
        open--;
        const attempts = this.forget(flow, this.now);
        if (!idle) this.unlisted!.countedEarly += attempts;
      } else if (this.oldestSynTime(flow) < horizon) {
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

  /** Counts a flow's attempts (all past the row limit) as of `captureEnd` and drops the flow and them; returns how many. */
  private forget(flow: Flow, captureEnd: number): number {
    const latest = this.flows.latest(flow);
    this.drop(flow);
    let attempts = 0;
    for (let id = latest; id !== NO_ATTEMPT;) {
      const previous = this.count(id, captureEnd).previous;
      this.attempts.release(id);
      id = previous;
      attempts++;
    }
    return attempts;
  }

  /** Counts attempt `id` in the tally of unlisted attempts; the cursor is left on it. */
  private count(id: number, captureEnd: number): ConnectionAttempt {
    return countInto(this.unlisted!.tally, this.attempt.at(id), captureEnd);
  }

  /**
   * The SYN-ACK goes to the newest attempt whose SYN it acknowledges and that started before it (or,
   * when none did, the newest it acknowledges); past MATCH_WINDOW attempts, to the one whose ISN it
   * acknowledges plus one.
   */
  private addSynAck(flow: Flow, synAck: SegmentView, fromA: boolean): void {
    const attempt = this.attempt;
    let startedAfter = NO_ATTEMPT;
    let id = this.flows.latest(flow);
    for (let left = MATCH_WINDOW; id !== NO_ATTEMPT && left > 0; id = attempt.previous, left--) {
      this.steps++;
      attempt.at(id);
      if (attempt.clientIsA === fromA || !attempt.acknowledgesSyn(synAck.ack)) continue;
      if (!attempt.startedAfter(synAck)) {
        attempt.addSynAck(synAck);
        return;
      }
      if (startedAfter === NO_ATTEMPT) startedAfter = id;
    }
    if (startedAfter !== NO_ATTEMPT) {
      attempt.at(startedAfter).addSynAck(synAck);
      return;
    }
    const index = id === NO_ATTEMPT ? undefined : this.indexes.get(flow);
    if (index !== undefined) {
      const older = (fromA ? index.clientB : index.clientA).get(previousSequence(synAck.ack));
      if (older !== undefined) {
        attempt.at(older).addSynAck(synAck);
        return;
      }
    }
    this.keepPending(flow, synAck, fromA);
  }

  private keepPending(flow: Flow, segment: SegmentView, fromA: boolean): void {
    let pending = this.pending.get(flow);
    if (pending === undefined) {
      if (this.flows.latest(flow) === NO_ATTEMPT) this.queueMidstream(flow, segment.time);
      pending = [];
      this.pending.set(flow, pending);
    }
    if (pending.length < PENDING_LIMIT && pending !== PENDING_RELEASED) pending.push(pendingCopy(segment, fromA));
  }

  private replayPending(flow: Flow): void {
    const pending = this.pending.get(flow);
    if (pending === undefined) return;
    this.pending.delete(flow);
    for (const segment of pending) this.apply(flow, segment, segment.fromA);
  }

  /** A flow whose first segment is not a SYN: tracked until idle for IDLE_FLOW_SECONDS unless its SYN comes. */
  private queueMidstream(flow: Flow, time: number): void {
    this.flows.setLastTime(flow, time);
    this.midstreamFlows.push(flow);
    this.midstreamSerials.push(this.flows.serial(flow));
    this.midstreamQueuedAt.push(this.now);
    if (++this.sinceMidstreamSweep >= SWEEP_EVERY) this.sweepMidstream();
  }

  /**
   * Counts and forgets the midstream flows idle for IDLE_FLOW_SECONDS, and drops the queue's flows that
   * have had their SYN since (they are attempts now). A midstream flow still active after that long goes
   * to the back of the queue without its early segments.
   */
  private sweepMidstream(): void {
    this.sinceMidstreamSweep = 0;
    const queue = this.midstreamFlows;
    const queuedAt = this.midstreamQueuedAt;
    const serials = this.midstreamSerials;
    const horizon = this.now - IDLE_FLOW_SECONDS;
    let head = this.midstreamHead;
    for (; head < queue.length; head++) {
      const flow = queue[head];
      // A flow that had its SYN since, or whose number went to a later flow after it was forgotten.
      if (this.flows.latest(flow) !== NO_ATTEMPT || this.flows.serial(flow) !== serials[head]) continue;
      if (this.flows.lastTime(flow) < horizon) {
        this.drop(flow);
        this.midstreamForgotten++;
      } else if (queuedAt[head] < horizon) {
        this.pending.set(flow, PENDING_RELEASED);
        queue.push(flow);
        serials.push(serials[head]);
        queuedAt.push(this.now);
      } else {
        break;
      }
    }
    this.midstreamHead = head;
    if (head > SWEEP_EVERY && head * 2 > queue.length) {
      this.midstreamFlows = queue.slice(head);
      this.midstreamQueuedAt = queuedAt.slice(head);
      this.midstreamSerials = serials.slice(head);
      this.midstreamHead = 0;
    }
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
    const midstream = this.midstreamCount();
    this.midstreamFlows = [];
    this.midstreamQueuedAt = [];
    this.midstreamSerials = [];
    this.midstreamHead = 0;
    this.undecided = null;
    // From here on only the store and `created` hold the attempts, a hundred-odd bytes each, beside
    // the records being made.
    const created = this.created.view();
    this.created = new IntList();
    const stored = created.length >= this.storedRecordsFrom;
    // Stored records read the flows for as long as they are kept: only what they read is kept of them.
    if (stored) this.attempts.flows = this.flows.finished();
    else this.flows.clear();
    return { handshakes: numberedRecords(this.attempt, this.attempts, created, captureEnd, stored), midstream, unlisted: this.unlisted };
  }

  /**
   * What `finish(captureEnd)` would answer now, leaving the tracker as it was: the records of every
   * listed attempt, decided or open, judged at `captureEnd`, and the attempts past the row limit counted
   * into a copy of the tally (those still tracked as `finish` would count them). Costs a sort and a
   * record per listed attempt; the caller decides how often (following a capture being written).
   */
  snapshot(captureEnd: number): TrackerResult {
    // A cursor of its own: the tracker's stays where the last packet placed it.
    const cursor = this.attempts.cursor();
    let unlisted: UnlistedAttempts | null = null;
    if (this.unlisted !== null) {
      const tally = new AttemptTally(this.rowLimit);
      tally.merge(this.unlisted.tally);
      unlisted = { ...this.unlisted, tally };
      const count = (id: number) => countInto(tally, cursor.at(id), captureEnd);
      const queue = this.unlistedFlows;
      for (let at = this.queueHead; at < queue.length; at++) {
        for (let id = this.flows.latest(queue[at]); id !== NO_ATTEMPT; id = count(id).previous);
      }
      for (const id of this.unlistedOnListedFlows) count(id);
    }
    return { handshakes: numberedRecords(cursor, this.attempts, this.created.view().slice(), captureEnd), midstream: this.midstreamCount(), unlisted };
  }

  /**
   * Midstream flows forgotten, and those still tracked without an attempt. Every flow whose first
   * segment was not a SYN is queued (keepPending), and the queue from its head holds each such flow once
   * (a sweep passes an entry before queueing its flow again), so the queue is walked rather than the
   * whole flow table: a SYN flood's millions of flows cost 0.3 µs each there, in no order of memory.
   */
  private midstreamCount(): number {
    let midstream = this.midstreamForgotten;
    const queue = this.midstreamFlows;
    for (let at = this.midstreamHead; at < queue.length; at++) {
      const flow = queue[at];
      if (this.flows.latest(flow) === NO_ATTEMPT && this.flows.serial(flow) === this.midstreamSerials[at]) midstream++;
    }
    return midstream;
  }
}

/**
 * The rows of the listed attempts (`created`, attempt numbers, sorted here in place), read through
 * `attempt`: numbered by first SYN time, the NAT views of a SYN folded into the row of the view seen
 * first (natViews.ts). With `stored`, the records read the store (storedRecords.ts), which must not
 * change any more; otherwise they are plain objects.
 */
function numberedRecords(attempt: ConnectionAttempt, attempts: AttemptStore, created: Int32Array, captureEnd: number, stored = false): HandshakeAttempt[] {
  sortByFirstSyn(created, attempt);
  const sharing = new RecordSharing();
  const primaryOf = natViewPrimaries(attempts, created);
  /** By the attempt number of the row they are folded into. */
  const viewsOf = new Map<number, NatView[]>();
  for (let index = 0; index < created.length; index++) {
    const primary = primaryOf[index];
    if (primary < 0) continue;
    const views = viewsOf.get(created[primary]) ?? [];
    views.push(natViewOf(attempt.at(created[index]), sharing));
    viewsOf.set(created[primary], views);
  }
  if (stored) return storedRecords(attempts, created, primaryOf, captureEnd, viewsOf);
  const handshakes: HandshakeAttempt[] = new Array(created.length);
  let rows = 0;
  for (let index = 0; index < created.length; index++) {
    if (primaryOf[index] < 0) {
      handshakes[rows] = handshakeRecord(rows + 1, attempt.at(created[index]), captureEnd, sharing, viewsOf.get(created[index]));
      rows++;
    }
  }
  handshakes.length = rows;
  return handshakes;
}

/** Counts the attempt under `attempt`, judged at `captureEnd`, in `tally`; returns the cursor. */
function countInto(tally: AttemptTally, attempt: ConnectionAttempt, captureEnd: number): ConnectionAttempt {
  const server = endpointTextOf(attempt.flow, !attempt.clientIsA);
  tally.add(server, verdictOf(outcomeOf(attempt, captureEnd, attempt.serverPort)), attempt.synCount);
  return attempt;
}

/**
 * Sorts attempt numbers by the time of their earliest SYN, then by the record index of their first SYN:
 * through arrays of the two, read once, rather than the cursor at each comparison.
 */
function sortByFirstSyn(ids: Int32Array, attempt: ConnectionAttempt): void {
  if (inFirstSynOrder(ids, attempt)) return;
  const times = new Float64Array(ids.length);
  const frames = new Float64Array(ids.length);
  const order = new Int32Array(ids.length);
  for (let at = 0; at < ids.length; at++) {
    attempt.at(ids[at]);
    times[at] = attempt.synTime;
    frames[at] = attempt.firstSynFrame;
    order[at] = at;
  }
  order.sort((x, y) => times[x] - times[y] || frames[x] - frames[y]);
  const sorted = Int32Array.from(order, (at) => ids[at]);
  ids.set(sorted);
}

/**
 * Whether the attempts are in sortByFirstSyn's order already, as those of a capture written in time order
 * are: then sorting them would only cost 24 bytes an attempt and an n log n pass (ten million attempts).
 */
function inFirstSynOrder(ids: Int32Array, attempt: ConnectionAttempt): boolean {
  let time = -Infinity;
  let frame = -Infinity;
  for (let at = 0; at < ids.length; at++) {
    attempt.at(ids[at]);
    const nextTime = attempt.synTime;
    const nextFrame = attempt.firstSynFrame;
    if (nextTime < time || (nextTime === time && nextFrame < frame)) return false;
    time = nextTime;
    frame = nextFrame;
  }
  return true;
}

/** `ip:port` (IPv6 in brackets) of endpoint a or b, as endpointText() writes it. */
function endpointTextOf(flow: FlowEndpoints, a: boolean): string {
  return endpointText({
    address: flow.ipVersion === 4 ? ipv4Text(a ? flow.v4a : flow.v4b) : a ? flow.v6a : flow.v6b,
    port: a ? flow.portA : flow.portB,
  });
}
