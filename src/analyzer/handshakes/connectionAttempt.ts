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
import { OptionsCut, TcpFlag } from '../layers/tcpPacket.js';
import type { OptionsCutPart, SynTransmission, TcpOptionsSeen, TunnelSeen } from '../model.js';
import { isDuplicateTransmission, NO_TSVAL, TSVAL_CUT, tsvalOf, tsvalOrNull, type SegmentView } from './segment.js';
import { HALF_SPACE, isSequenceAfter, NOT_IN_SPACE, sequenceDistance, sequenceGap } from './sequence.js';

/** The record's name of each OptionsCut but None, indexed by it. */
const CUT_PARTS: readonly (OptionsCutPart | undefined)[] = [undefined, 'after-timestamps', 'tsecr', 'tsval', 'before-timestamps'];

/**
 * Options of a SYN or SYN-ACK as the decoder gives them: -1 where absent, TSval/TSecr only with
 * `hasTimestamp`, the TSecr not when the snaplen cut it (`cut`, an OptionsCut).
 */
export function optionsSeen(
  mss: number, windowScale: number, sackPermitted: boolean, hasTimestamp: boolean, tsval: number, tsecr: number, cut: OptionsCut,
): TcpOptionsSeen {
  const seen: TcpOptionsSeen = {
    mss: mss >= 0 ? mss : null,
    windowScale: windowScale >= 0 ? windowScale : null,
    sackPermitted,
    tsval: hasTimestamp ? tsval : null,
    tsecr: hasTimestamp && cut !== OptionsCut.Tsecr ? tsecr : null,
  };
  const part = CUT_PARTS[cut];
  return part === undefined ? seen : { ...seen, cut: part };
}

/** One SYN transmission's record; `tsval` as tracked (TSVAL_CUT when the snaplen cut it off). */
function synTransmission(frame: number, time: number, tsval: number): SynTransmission {
  return tsval === TSVAL_CUT ? { frame, time, tsval: null, tsvalCut: true } : { frame, time, tsval: tsvalOrNull(tsval) };
}

const NONE = -1;

/**
 * What answered the SYN from a socket of an earlier connection on the same four-tuple: an ACK without
 * SYN whose acknowledgement lies outside this attempt's sequence space (a TIME-WAIT socket's ACK,
 * tcp_timewait_state_process → TCP_TW_ACK → tcp_v4_timewait_ack; an open one's challenge ACK,
 * tcp_send_challenge_ack), and the client's RSTs carrying that acknowledgement as their sequence number
 * (tcp_rcv_synsent_state_process: "reset_and_undo", then tcp_v4_send_reset takes seq from ack_seq).
 * An object of its own, made only for the rare attempt that meets one.
 */
interface ForeignAnswer {
  firstFrame: number;
  firstTime: number;
  latestTime: number;
  ackBits: number;
  count: number;
  resetFrame: number;
  resetTime: number;
  resetTtl: number;
  resets: number;
}

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

/** The sequence number after a segment: its data, and one more for a SYN or a FIN (which occupy one each). */
function segmentEnd(segment: SegmentView): number {
  return (segment.seq + segment.payloadLength + (segment.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0)) >>> 0;
}

/**
 * The longest a SYN retransmission follows the transmission before it: Linux doubles a SYN's
 * retransmission timeout up to TCP_RTO_MAX = 120 s (include/net/tcp.h; tcp_retransmit_timer() in
 * net/ipv4/tcp_timer.c), to which a second is added for timer slack. A SYN with an attempt's ISN
 * after a longer silence is a new connection that happens to have the same ISN.
 */
export const SYN_RETRANSMISSION_GAP_MAX_SECONDS = 121;

const CLIENT_PAST_HALF = 1;
const SERVER_PAST_HALF = 2;
/**
 * SYN-ACKs with different ISNs answered the SYN (tcp-fastopen-10 of suricata-verify has two, from the
 * server and from something in front of it, and the client went on with the second): which sequence
 * space the server's side uses is not known, so it places no segment.
 */
const SERVER_SPACE_UNKNOWN = 4;
/** The server acknowledged something after its SYN-ACK (its highest acknowledgement is in serverAckBits). */
const SERVER_ACKED = 8;
/** The server sent data or a FIN: its application spoke. */
const SERVER_SENT_DATA = 16;

/** Numbers per extra SYN transmission in `otherSyns`: frame, time, TSval (or NO_TSVAL), payload length. */
const SYN_STRIDE = 4;

/**
 * The latest transmissions, in arrival order, that a new SYN is compared with (for a copy) and that
 * give the latest SYN time and the longest SYN data. A copy comes within milliseconds, among the last
 * few; a stack sends at most a dozen SYNs (tcp_syn_retries). The bound keeps a crafted file of
 * thousands of SYNs with one ISN on one four-tuple linear: comparing each with all took 76 s for 40,000.
 */
const SYN_LOOKBACK = 16;

/** Where the walk of the latest SYN_LOOKBACK transmissions in `otherSyns` starts. */
function lookbackStart(others: number[]): number {
  return Math.max(0, others.length - SYN_LOOKBACK * SYN_STRIDE);
}

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
  private synOptionsCut = OptionsCut.None;

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
  private synAckOptionsCut = OptionsCut.None;
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
  /** IP TTL (or hop limit) of the first RST and of the first SYN-ACK: who sent a reset shows in it. */
  rstTtl = 0;
  synAckTtl = 0;

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
  /**
   * Whether the server's side of the connection ever moved (verdict.ts, not-accepted): the earliest client
   * segment after the SYN that occupies sequence space (data or a FIN; +Infinity while none) and its
   * sequence number, the highest acknowledgement the server sent after its SYN-ACK (with SERVER_ACKED in
   * spaceFlags, as is SERVER_SENT_DATA), and the latest SYN-ACK transmission (a SYN-ACK again after the
   * client's ACK).
   */
  clientDataTime = Infinity;
  private clientDataSeqBits = 0;
  private serverAckBits = 0;
  latestSynAckTime = -Infinity;

  /**
   * Each side's edge: the highest sequence number it has used (after its SYN, data and FIN), as the
   * signed bits of the unsigned number. The server's is known once its SYN-ACK is.
   */
  private clientEdgeBits = 0;
  private serverEdgeBits = 0;
  /**
   * CLIENT_PAST_HALF and SERVER_PAST_HALF: the side has moved half the sequence space or more from its
   * ISN, and from then on only its edge places a segment; SERVER_SPACE_UNKNOWN; SERVER_ACKED and
   * SERVER_SENT_DATA. One field for all: a
   * field costs 8 bytes per attempt, and a capture holds hundreds of thousands of attempts.
   */
  private spaceFlags = 0;
  /** The sequence number of the attempt's first RST. */
  private rstSeqBits = 0;
  /** Null unless a socket of an earlier connection on the four-tuple answered the SYN (ForeignAnswer). */
  private foreign: ForeignAnswer | null = null;

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
    this.clientEdgeBits = segmentEnd(syn) | 0;
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
    const first = synTransmission(this.firstSynFrame, this.firstSynTime, this.firstSynTsval);
    const others = this.otherSyns;
    if (others === null) return [first];
    const syns = [first];
    for (let at = 0; at < others.length; at += SYN_STRIDE) syns.push(synTransmission(others[at], others[at + 1], others[at + 2]));
    return syns.sort((x, y) => x.time - y.time || x.frame - y.frame);
  }

  /** TSval of the earliest SYN, NO_TSVAL without the timestamp option. */
  get synTsval(): number {
    return this.synHasTimestamp ? this.synTsvalBits >>> 0 : NO_TSVAL;
  }

  get synCount(): number {
    return this.otherSyns === null ? 1 : 1 + this.otherSyns.length / SYN_STRIDE;
  }

  synOptions(): TcpOptionsSeen {
    return optionsSeen(
      this.synMss, this.synWindowScale, this.synSackPermitted, this.synHasTimestamp, this.synTsvalBits >>> 0, this.synTsecrBits >>> 0, this.synOptionsCut,
    );
  }

  synAckOptions(): TcpOptionsSeen {
    return optionsSeen(
      this.synAckMss, this.synAckWindowScale, this.synAckSackPermitted, this.synAckHasTimestamp, this.synAckTsvalBits >>> 0, this.synAckTsecrBits >>> 0,
      this.synAckOptionsCut,
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
    this.synOptionsCut = syn.optionsCut;
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

  /** The three-way handshake completed: the client acknowledged the SYN-ACK (or the server's data, when its SYN-ACK was not captured). */
  get completed(): boolean {
    return this.hasAck && (this.hasSynAck || this.serverSpoke);
  }

  /** The server sent data or a FIN after its SYN-ACK. */
  get serverSentData(): boolean {
    return (this.spaceFlags & SERVER_SENT_DATA) !== 0;
  }

  /** The server acknowledged the client's first data or FIN after the handshake. */
  get serverAcknowledgedClientData(): boolean {
    return (this.spaceFlags & SERVER_ACKED) !== 0 && this.clientDataTime !== Infinity && isSequenceAfter(this.serverAckBits >>> 0, this.clientDataSeqBits >>> 0);
  }

  /** When the connection was over: its handshake completed, then a reset or both sides' FINs. +Infinity while not. */
  get closedAt(): number {
    if (!this.completed) return Infinity;
    if (this.hasRst) return this.rstTime;
    return Math.max(this.clientFinTime, this.serverFinTime);
  }

  /**
   * Whether the client reset the attempt in answer to its SYN-ACK: after it, with the sequence number
   * the SYN-ACK acknowledged, what a host sends for a segment of a connection it does not have
   * (tcp_v4_send_reset() / tcp_v6_send_reset() take `seq` from the segment's `ack_seq`).
   */
  get clientResetSynAck(): boolean {
    return this.hasSynAck && this.hasRst && this.rstFromClient && this.rstTime >= this.synAckTime && this.acknowledgesSyn(this.rstSeqBits >>> 0);
  }

  /** The latest SYN transmission captured at or before `time`, and the one before it (NaN when none). */
  synsBefore(time: number): [latest: number, previous: number, beforePrevious: number] {
    let latest = NaN;
    let previous = NaN;
    let beforePrevious = NaN;
    for (const syn of this.syns) {
      if (syn.time > time) break;
      beforePrevious = previous;
      previous = latest;
      latest = syn.time;
    }
    return [latest, previous, beforePrevious];
  }

  /**
   * Whether a SYN with this attempt's ISN at `time` starts a new connection: it comes after the
   * connection was closed, or longer after the attempt's latest SYN than any retransmission follows one.
   */
  isOverAt(time: number): boolean {
    return time > this.closedAt || time - this.latestSynTime > SYN_RETRANSMISSION_GAP_MAX_SECONDS;
  }

  /**
   * A SYN with this attempt's ISN: a retransmission, or the same frame captured twice. A SYN sent after
   * a foreign ACK answered the one before is a retransmission however soon it comes: since Linux 5.10
   * tcp_rcv_synsent_state_process re-arms the SYN's timer at TCP_TIMEOUT_MIN (2 jiffies, 2 to 20 ms)
   * when such an ACK meets the first transmission, and without timestamps the two look alike.
   */
  addSyn(syn: SegmentView): void {
    const time = syn.time;
    const tsval = tsvalOf(syn);
    const length = syn.payloadLength;
    if (!this.answeredBetween(this.firstSynTime, time) && isDuplicateTransmission(time, tsval, length, this.firstSynTime, this.firstSynTsval, this.firstSynPayloadLength)) return;
    const others = this.otherSyns ?? (this.otherSyns = []);
    for (let at = lookbackStart(others); at < others.length; at += SYN_STRIDE) {
      if (!this.answeredBetween(others[at + 1], time) && isDuplicateTransmission(time, tsval, length, others[at + 1], others[at + 2], others[at + 3])) return;
    }
    others.push(syn.frame, time, tsval, length);
    if (time < this.synTime) this.takeEarliestSyn(syn);
    this.noteClientTsval(syn);
    this.advanceEdge(true, segmentEnd(syn));
  }

  /**
   * Whether a SYN-ACK's acknowledgement answers this attempt's SYN: ISN + 1, or up to the end of the
   * data the SYN carried (TCP Fast Open, RFC 7413: a server that accepts the data acknowledges it, one
   * that ignores it acknowledges ISN + 1). The data is that of the first SYN or of the latest
   * SYN_LOOKBACK transmissions (Linux sends the data with the first SYN only).
   */
  acknowledgesSyn(ack: number): boolean {
    const offset = sequenceDistance(this.isn, ack);
    if (offset === 1) return true;
    let longest = this.firstSynPayloadLength;
    const others = this.otherSyns;
    if (others !== null) for (let at = lookbackStart(others); at < others.length; at += SYN_STRIDE) longest = Math.max(longest, others[at + 3]);
    return offset >= 1 && offset <= 1 + longest;
  }

  /** The latest capture time of the first SYN and the latest SYN_LOOKBACK transmissions in arrival order. */
  private get latestSynTime(): number {
    let latest = this.firstSynTime;
    const others = this.otherSyns;
    if (others !== null) for (let at = lookbackStart(others); at < others.length; at += SYN_STRIDE) latest = Math.max(latest, others[at + 1]);
    return latest;
  }

  /**
   * How far a segment lies past the sequence spaces this attempt has used (0: within them; the sum
   * over the numbers it carries that can be placed), or NOT_IN_SPACE when a number lies outside a
   * side's space.
   */
  sequenceGap(segment: SegmentView, fromClient: boolean): number {
    const acks = (segment.flags & TcpFlag.ACK) !== 0;
    let gap = 0;
    if (fromClient || acks) {
      const clientValue = fromClient ? segment.seq : segment.ack;
      gap = sequenceGap(clientValue, this.isn, this.clientEdgeBits >>> 0, (this.spaceFlags & CLIENT_PAST_HALF) !== 0);
      if (gap === NOT_IN_SPACE) return NOT_IN_SPACE;
    }
    if (this.hasSynAck && (!fromClient || acks) && !(this.spaceFlags & SERVER_SPACE_UNKNOWN)) {
      const serverValue = fromClient ? segment.ack : segment.seq;
      const serverGap = sequenceGap(serverValue, this.synAckIsn, this.serverEdgeBits >>> 0, (this.spaceFlags & SERVER_PAST_HALF) !== 0);
      if (serverGap === NOT_IN_SPACE) return NOT_IN_SPACE;
      gap += serverGap;
    }
    return gap;
  }

  addSynAck(synAck: SegmentView): void {
    const time = synAck.time;
    const tsval = tsvalOf(synAck);
    if (
      this.synAckCount > 0
      && isDuplicateTransmission(time, tsval, synAck.payloadLength, this.lastSynAckTime, this.lastSynAckTsval, this.lastSynAckPayloadLength)
    ) return;
    this.synAckCount++;
    if (this.synAckCount > 1 && (synAck.seq | 0) !== this.synAckIsnBits) this.spaceFlags |= SERVER_SPACE_UNKNOWN;
    if (this.synAckCount === 1 || time < this.synAckTime) {
      this.synAckFrame = synAck.frame;
      this.synAckTime = time;
      this.synAckIsnBits = synAck.seq | 0;
      this.serverEdgeBits = segmentEnd(synAck) | 0;
      this.spaceFlags &= ~SERVER_PAST_HALF;
      this.synAckMss = synAck.mss;
      this.synAckWindowScale = synAck.windowScale;
      this.synAckSackPermitted = synAck.sackPermitted;
      this.synAckHasTimestamp = synAck.hasTimestamp;
      this.synAckTsvalBits = synAck.tsval | 0;
      this.synAckTsecrBits = synAck.tsecr | 0;
      this.synAckOptionsCut = synAck.optionsCut;
      this.synAckTtl = synAck.ttl;
    }
    this.lastSynAckTsval = tsval;
    this.lastSynAckTime = time;
    if (time > this.latestSynAckTime) this.latestSynAckTime = time;
    this.lastSynAckPayloadLength = synAck.payloadLength;
    // An ACK taken before the SYN-ACK was known may acknowledge something else (a stale SYN-ACK).
    if (this.hasAck && !isSequenceAfter(this.ackNumberBits >>> 0, this.synAckIsn)) this.ackFrame = NONE;
  }

  /** A foreign ACK came at or after `from` (a server capture stamps its answer with its SYN's time) and at or before `to`. */
  private answeredBetween(from: number, to: number): boolean {
    const foreign = this.foreign;
    return foreign !== null && foreign.latestTime >= from && foreign.latestTime <= to;
  }

  /**
   * Takes a segment that a socket of an earlier connection on the four-tuple sent in answer to this
   * attempt's SYN, or the client's reset of it (ForeignAnswer); false for any other segment. From the
   * server: an ACK without SYN, RST, FIN or data, after the SYN and before any SYN-ACK, reset or other
   * server segment, while the client has sent nothing but its SYN, that acknowledges nothing this
   * attempt sent (not ISN + 1). From the client: a RST
   * whose sequence number is that acknowledgement.
   */
  takeForeignAnswer(segment: SegmentView, fromClient: boolean): boolean {
    const flags = segment.flags;
    if (fromClient) {
      const foreign = this.foreign;
      if (foreign === null || !(flags & TcpFlag.RST) || (segment.seq | 0) !== foreign.ackBits) return false;
      if (foreign.resets === 0 || segment.time < foreign.resetTime) {
        foreign.resetFrame = segment.frame;
        foreign.resetTime = segment.time;
        foreign.resetTtl = segment.ttl;
      }
      foreign.resets++;
      return true;
    }
    if ((flags & (TcpFlag.ACK | TcpFlag.SYN | TcpFlag.RST | TcpFlag.FIN)) !== TcpFlag.ACK || segment.payloadLength !== 0) return false;
    if (this.hasSynAck || this.serverSpoke || this.hasRst || segment.time < this.synTime) return false;
    // A client that has sent more than its SYN (its ACK, data) has a connection whose SYN-ACK the capture
    // missed: the server's ACKs are that connection's.
    if (this.hasAck || this.clientDataTime !== Infinity) return false;
    // Within ISN + 1 … the client's edge it acknowledges this attempt's own SYN or data.
    if (sequenceGap(segment.ack, this.isn, this.clientEdgeBits >>> 0, false) === 0) return false;
    const foreign = this.foreign;
    if (foreign === null) {
      this.foreign = {
        firstFrame: segment.frame, firstTime: segment.time, latestTime: segment.time, ackBits: segment.ack | 0, count: 1,
        resetFrame: NONE, resetTime: 0, resetTtl: 0, resets: 0,
      };
      return true;
    }
    if (segment.time < foreign.firstTime) {
      foreign.firstFrame = segment.frame;
      foreign.firstTime = segment.time;
    }
    if (segment.time > foreign.latestTime) foreign.latestTime = segment.time;
    foreign.ackBits = segment.ack | 0;
    foreign.count++;
    return true;
  }

  /** The foreign ACKs and resets (ForeignAnswer) as the record gives them; null when none answered the SYN. */
  foreignAnswer(): { frame: number; time: number; ack: number; count: number; reset: { frame: number; time: number; ttl: number; count: number } | null } | null {
    const foreign = this.foreign;
    if (foreign === null) return null;
    const reset = foreign.resets === 0 ? null : { frame: foreign.resetFrame, time: foreign.resetTime, ttl: foreign.resetTtl, count: foreign.resets };
    return { frame: foreign.firstFrame, time: foreign.firstTime, ack: foreign.ackBits >>> 0, count: foreign.count, reset };
  }

  /** The client reset a foreign ACK of its SYN. */
  get resetForeignAnswer(): boolean {
    return this.foreign !== null && this.foreign.resets > 0;
  }

  /** Any segment after the handshake's SYN/SYN-ACK, from either side. */
  addSegment(segment: SegmentView, fromClient: boolean): void {
    const flags = segment.flags;
    if (fromClient) {
      this.noteClientTsval(segment);
      if (flags & TcpFlag.RST) this.noteReset(true, segment);
      else {
        this.advanceEdge(true, segmentEnd(segment));
        if (flags & TcpFlag.ACK) this.noteClientAck(segment);
        if ((segment.payloadLength > 0 || flags & TcpFlag.FIN) && segment.time < this.clientDataTime) {
          this.clientDataTime = segment.time;
          this.clientDataSeqBits = segment.seq | 0;
        }
      }
      if (flags & TcpFlag.FIN && segment.time < this.clientFinTime) {
        this.clientFinTime = segment.time;
        this.clientFinFrame = segment.frame;
        this.clientFinSeqBits = finSequence(segment) | 0;
        this.clientFinAck = flags & TcpFlag.ACK ? segment.ack : NO_ACK;
      }
    } else {
      if (flags & TcpFlag.RST) this.noteReset(false, segment);
      else {
        this.serverSpoke = true;
        if (this.hasSynAck) this.advanceEdge(false, segmentEnd(segment));
        if (segment.payloadLength > 0 || flags & TcpFlag.FIN) this.spaceFlags |= SERVER_SENT_DATA;
        if (flags & TcpFlag.ACK && (!(this.spaceFlags & SERVER_ACKED) || isSequenceAfter(segment.ack, this.serverAckBits >>> 0))) {
          this.spaceFlags |= SERVER_ACKED;
          this.serverAckBits = segment.ack | 0;
        }
      }
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
    this.rstSeqBits = segment.seq | 0;
    this.rstTtl = segment.ttl;
  }

  /** Moves one side's edge to `end` when `end` lies after it, noting when the side passes half the space. */
  private advanceEdge(client: boolean, end: number): void {
    if (!isSequenceAfter(end, (client ? this.clientEdgeBits : this.serverEdgeBits) >>> 0)) return;
    if (sequenceDistance(client ? this.isn : this.synAckIsn, end) >= HALF_SPACE) this.spaceFlags |= client ? CLIENT_PAST_HALF : SERVER_PAST_HALF;
    if (client) this.clientEdgeBits = end | 0;
    else this.serverEdgeBits = end | 0;
  }

  private noteClientTsval(segment: SegmentView): void {
    if (segment.hasTimestamp && segment.time >= this.lastClientTsvalTime) {
      this.lastClientTsval = segment.tsval;
      this.lastClientTsvalTime = segment.time;
    }
  }
}
