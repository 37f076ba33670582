/**
 * What the tracker learns about one connection attempt while it reads the capture. Every "first" is
 * the earliest by capture time, not by file order, so that files merged from two interfaces (where a
 * SYN-ACK may be written before its SYN) give the same answer as a sorted file.
 *
 * Fields are flat numbers rather than nested objects: a long capture holds hundreds of thousands of
 * attempts, and one object each instead of eight keeps the garbage collector out of the hot path.
 * handshakeRecord() builds the nested HandshakeAttempt once, at the end.
 *
 * Unsigned 32-bit numbers (sequence numbers, TSvals) are kept as their signed 32-bit bits (`| 0`) and
 * read back with `>>> 0`: V8 keeps a number field that ever holds a value of 2^31 or more in a heap
 * number of its own, one more object per field and attempt for the garbage collector to copy while the
 * attempts are young (nine per attempt here).
 */
import { TcpFlag } from '../layers/tcpPacket.js';
import type { SynTransmission, TcpOptionsSeen, TunnelSeen } from '../model.js';
import { isDuplicateTransmission, NO_TSVAL, tsvalOf, tsvalOrNull, type SegmentView } from './segment.js';
import { isSequenceAfter } from './sequence.js';

/** Options of a SYN or SYN-ACK as the decoder gives them: -1 where absent, TSval/TSecr only with `hasTimestamp`. */
export function optionsSeen(mss: number, windowScale: number, sackPermitted: boolean, hasTimestamp: boolean, tsval: number, tsecr: number): TcpOptionsSeen {
  return {
    mss: mss >= 0 ? mss : null,
    windowScale: windowScale >= 0 ? windowScale : null,
    sackPermitted,
    tsval: hasTimestamp ? tsval : null,
    tsecr: hasTimestamp ? tsecr : null,
  };
}

const NONE = -1;

/** "No acknowledgement" (no ACK flag): acknowledgement numbers are unsigned 32-bit, so -1 is never one. */
const NO_ACK = -1;

/** The sequence number a FIN occupies: after the segment's data. */
function finSequence(fin: SegmentView): number {
  return (fin.seq + fin.payloadLength) >>> 0;
}

/** Whether an acknowledgement covers the FIN at `finSeq`: it acknowledges the FIN's octet or beyond. */
function acknowledgesFin(ack: number, finSeq: number): boolean {
  return ack !== NO_ACK && isSequenceAfter(ack, finSeq);
}

/** Numbers per extra SYN transmission in `otherSyns`: frame, time, TSval (or NO_TSVAL), payload length. */
const SYN_STRIDE = 4;

export class ConnectionAttempt<Flow = unknown> {
  /** The attempt made before this one on the same four-tuple (port reuse), newest first; null for the first. */
  previous: ConnectionAttempt<Flow> | null = null;
  private readonly isnBits: number;
  /** The SYN that created the attempt. */
  readonly firstSynFrame: number;
  readonly firstSynTime: number;
  readonly firstSynTsval: number;
  private readonly firstSynPayloadLength: number;
  /**
   * The other SYN transmissions (rare) in arrival order, SYN_STRIDE numbers each: no array at all
   * until a second SYN comes. A copy of a segment has the same payload, hence the payload lengths.
   */
  private otherSyns: number[] | null = null;
  /** The outermost tunnel of the SYN that created the attempt: a value shared with the decoder's cache. */
  readonly tunnel: TunnelSeen | null;
  /** Time, TTL and options of the earliest SYN. */
  synTime = 0;
  ttl = 0;
  synMss = -1;
  synWindowScale = -1;
  synSackPermitted = false;
  synHasTimestamp = false;
  private synTsvalBits = 0;
  private synTsecrBits = 0;

  synAckFrame = NONE;
  synAckTime = 0;
  private synAckIsnBits = 0;
  synAckCount = 0;
  synAckMss = -1;
  synAckWindowScale = -1;
  synAckSackPermitted = false;
  synAckHasTimestamp = false;
  private synAckTsvalBits = 0;
  private synAckTsecrBits = 0;
  /** TSval, time and payload length of the latest SYN-ACK transmission, to tell duplicates from retransmissions. */
  private lastSynAckTsval = NO_TSVAL;
  private lastSynAckTime = 0;
  private lastSynAckPayloadLength = 0;

  /** The client's third ACK or first data segment. */
  ackFrame = NONE;
  ackTime = 0;
  ackWithData = false;
  /** Its acknowledgement number, checked against the server's ISN once the SYN-ACK is known. */
  private ackNumberBits = 0;

  rstFrame = NONE;
  rstTime = 0;
  rstFromClient = false;

  /**
   * Earliest FIN of each side, +Infinity while none was seen, and the client's latest TSval (NO_TSVAL
   * while none) with its time (-Infinity while none). Sentinels rather than null keep these fields
   * numeric: they are written for every client segment, and a field that may hold null boxes each number
   * written to it in a new heap object.
   */
  clientFinTime = Infinity;
  serverFinTime = Infinity;
  /**
   * Of each side's earliest FIN: the record index, the sequence number of the FIN itself and the
   * acknowledgement it carried (NO_ACK without the ACK flag). When both FINs bear one timestamp, they
   * tell which FIN answered the other.
   */
  clientFinFrame = NONE;
  private clientFinSeqBits = 0;
  clientFinAck = NO_ACK;
  serverFinFrame = NONE;
  private serverFinSeqBits = 0;
  serverFinAck = NO_ACK;
  lastClientTsval = NO_TSVAL;
  lastClientTsvalTime = -Infinity;
  /** The server sent something other than a SYN-ACK or RST: it answered even if its SYN-ACK was not captured. */
  serverSpoke = false;

  constructor(
    /** The four-tuple this attempt is on. */
    readonly flow: Flow,
    /** Whether the client is endpoint "a" of the flow. */
    readonly clientIsA: boolean,
    isn: number,
    syn: SegmentView,
  ) {
    this.isnBits = isn | 0;
    this.firstSynFrame = syn.frame;
    this.firstSynTime = syn.time;
    this.firstSynTsval = tsvalOf(syn);
    this.firstSynPayloadLength = syn.payloadLength;
    this.tunnel = syn.tunnel;
    this.takeEarliestSyn(syn);
    this.noteClientTsval(syn);
  }

  /** The client's initial sequence number. */
  get isn(): number {
    return this.isnBits >>> 0;
  }

  /** The server's initial sequence number, from the earliest SYN-ACK (0 while none). */
  get synAckIsn(): number {
    return this.synAckIsnBits >>> 0;
  }

  /** Every SYN transmission, earliest first (merged interfaces can write a retransmission first). */
  get syns(): SynTransmission[] {
    const first: SynTransmission = { frame: this.firstSynFrame, time: this.firstSynTime, tsval: tsvalOrNull(this.firstSynTsval) };
    const others = this.otherSyns;
    if (others === null) return [first];
    const syns = [first];
    for (let at = 0; at < others.length; at += SYN_STRIDE) syns.push({ frame: others[at], time: others[at + 1], tsval: tsvalOrNull(others[at + 2]) });
    return syns.sort((x, y) => x.time - y.time || x.frame - y.frame);
  }

  get synCount(): number {
    return this.otherSyns === null ? 1 : 1 + this.otherSyns.length / SYN_STRIDE;
  }

  synOptions(): TcpOptionsSeen {
    return optionsSeen(this.synMss, this.synWindowScale, this.synSackPermitted, this.synHasTimestamp, this.synTsvalBits >>> 0, this.synTsecrBits >>> 0);
  }

  synAckOptions(): TcpOptionsSeen {
    return optionsSeen(
      this.synAckMss, this.synAckWindowScale, this.synAckSackPermitted, this.synAckHasTimestamp, this.synAckTsvalBits >>> 0, this.synAckTsecrBits >>> 0,
    );
  }

  private takeEarliestSyn(syn: SegmentView): void {
    this.synTime = syn.time;
    this.ttl = syn.ttl;
    this.synMss = syn.mss;
    this.synWindowScale = syn.windowScale;
    this.synSackPermitted = syn.sackPermitted;
    this.synHasTimestamp = syn.hasTimestamp;
    this.synTsvalBits = syn.tsval | 0;
    this.synTsecrBits = syn.tsecr | 0;
  }

  get hasSynAck(): boolean {
    return this.synAckFrame !== NONE;
  }

  get hasAck(): boolean {
    return this.ackFrame !== NONE;
  }

  get hasRst(): boolean {
    return this.rstFrame !== NONE;
  }

  /** A SYN with this attempt's ISN: a retransmission, or the same frame captured twice. */
  addSyn(syn: SegmentView): void {
    const time = syn.time;
    const tsval = tsvalOf(syn);
    const length = syn.payloadLength;
    if (isDuplicateTransmission(time, tsval, length, this.firstSynTime, this.firstSynTsval, this.firstSynPayloadLength)) return;
    const others = this.otherSyns ?? (this.otherSyns = []);
    for (let at = 0; at < others.length; at += SYN_STRIDE) {
      if (isDuplicateTransmission(time, tsval, length, others[at + 1], others[at + 2], others[at + 3])) return;
    }
    others.push(syn.frame, time, tsval, length);
    if (time < this.synTime) this.takeEarliestSyn(syn);
    this.noteClientTsval(syn);
  }

  addSynAck(synAck: SegmentView): void {
    const time = synAck.time;
    const tsval = tsvalOf(synAck);
    if (
      this.synAckCount > 0
      && isDuplicateTransmission(time, tsval, synAck.payloadLength, this.lastSynAckTime, this.lastSynAckTsval, this.lastSynAckPayloadLength)
    ) return;
    this.synAckCount++;
    if (this.synAckCount === 1 || time < this.synAckTime) {
      this.synAckFrame = synAck.frame;
      this.synAckTime = time;
      this.synAckIsnBits = synAck.seq | 0;
      this.synAckMss = synAck.mss;
      this.synAckWindowScale = synAck.windowScale;
      this.synAckSackPermitted = synAck.sackPermitted;
      this.synAckHasTimestamp = synAck.hasTimestamp;
      this.synAckTsvalBits = synAck.tsval | 0;
      this.synAckTsecrBits = synAck.tsecr | 0;
    }
    this.lastSynAckTsval = tsval;
    this.lastSynAckTime = time;
    this.lastSynAckPayloadLength = synAck.payloadLength;
    // An ACK taken before the SYN-ACK was known may acknowledge something else (a stale SYN-ACK).
    if (this.hasAck && !isSequenceAfter(this.ackNumberBits >>> 0, this.synAckIsn)) this.ackFrame = NONE;
  }

  /** Any segment after the handshake's SYN/SYN-ACK, from either side. */
  addSegment(segment: SegmentView, fromClient: boolean): void {
    const flags = segment.flags;
    if (fromClient) {
      this.noteClientTsval(segment);
      if (flags & TcpFlag.RST) this.noteReset(true, segment);
      else if (flags & TcpFlag.ACK) this.noteClientAck(segment);
      if (flags & TcpFlag.FIN && segment.time < this.clientFinTime) {
        this.clientFinTime = segment.time;
        this.clientFinFrame = segment.frame;
        this.clientFinSeqBits = finSequence(segment) | 0;
        this.clientFinAck = flags & TcpFlag.ACK ? segment.ack : NO_ACK;
      }
    } else {
      if (flags & TcpFlag.RST) this.noteReset(false, segment);
      else this.serverSpoke = true;
      if (flags & TcpFlag.FIN && segment.time < this.serverFinTime) {
        this.serverFinTime = segment.time;
        this.serverFinFrame = segment.frame;
        this.serverFinSeqBits = finSequence(segment) | 0;
        this.serverFinAck = flags & TcpFlag.ACK ? segment.ack : NO_ACK;
      }
    }
  }

  /**
   * Which side's FIN came first. A FIN answered at once bears the same timestamp as the FIN it answers
   * at the answering end's capture point; then the FIN whose acknowledgement covers the other FIN is the
   * answer, and only when the numbers cannot tell (neither or both cover) does file order decide.
   */
  get firstFin(): 'client' | 'server' | null {
    if (this.clientFinTime !== this.serverFinTime) return this.clientFinTime < this.serverFinTime ? 'client' : 'server';
    if (this.clientFinTime === Infinity) return null;
    const clientAnswers = acknowledgesFin(this.clientFinAck, this.serverFinSeqBits >>> 0);
    const serverAnswers = acknowledgesFin(this.serverFinAck, this.clientFinSeqBits >>> 0);
    if (clientAnswers !== serverAnswers) return clientAnswers ? 'server' : 'client';
    return this.clientFinFrame < this.serverFinFrame ? 'client' : 'server';
  }

  private noteClientAck(segment: SegmentView): void {
    if (this.hasAck && this.ackTime <= segment.time) return;
    if (this.hasSynAck && !isSequenceAfter(segment.ack, this.synAckIsn)) return;
    this.ackFrame = segment.frame;
    this.ackTime = segment.time;
    this.ackWithData = segment.payloadLength > 0;
    this.ackNumberBits = segment.ack | 0;
  }

  private noteReset(fromClient: boolean, segment: SegmentView): void {
    if (this.hasRst && this.rstTime <= segment.time) return;
    this.rstFrame = segment.frame;
    this.rstTime = segment.time;
    this.rstFromClient = fromClient;
  }

  private noteClientTsval(segment: SegmentView): void {
    if (segment.hasTimestamp && segment.time >= this.lastClientTsvalTime) {
      this.lastClientTsval = segment.tsval;
      this.lastClientTsvalTime = segment.time;
    }
  }
}
