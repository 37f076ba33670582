/**
 * What the tracker learns about one connection attempt while it reads the capture. Every "first" is
 * the earliest by capture time, not by file order, so that files merged from two interfaces (where a
 * SYN-ACK may be written before its SYN) give the same answer as a sorted file.
 *
 * The attempts are rows of numbers in an AttemptStore, not objects: a flood or a scan holds millions of
 * attempts, and an object of some sixty fields each cost about 690 bytes where a row costs under 100.
 * ConnectionAttempt is a cursor over the store, placed on one attempt at a time (`at`); the tracker keeps
 * attempt numbers and places a cursor to read or update one. Every attempt has a core row (its SYNs and
 * the client's side); the part that only an answered attempt needs (SYN-ACK, ACK, RST, FINs, the server's
 * side) is a row of its own, taken at the first answer, so that an unanswered SYN costs no more than its
 * core. Until then its answer fields read a row of "none" values that is never written. The rare parts
 * (further SYN transmissions, foreign answers, the tunnel) are in maps by attempt number.
 * handshakeRecord() builds the nested HandshakeAttempt once, at the end.
 *
 * Unsigned 32-bit numbers (sequence numbers, TSvals) are kept as their signed 32-bit bits (`| 0`) in the
 * integer columns and read back with `>>> 0`; record indexes likewise (NONE, -1, stays -1). The core
 * row's TSvals keep their "none" apart from the bits (a flag, or the time that says none came), as every
 * attempt has them; the answer row's TSval and acknowledgements that may hold a negative "none"
 * (NO_TSVAL, NO_ACK) are floats.
 */
import { OptionsCut, TcpFlag } from '../layers/tcpPacket.js';
import type { OptionsCutPart, SynTransmission, TcpOptionsSeen, TunnelSeen } from '../model.js';
import type { FlowEndpoints, FlowReader } from './flowEndpoints.js';
import { CHUNK_BITS, ROW_IN_CHUNK, RowChunks, RowNumbers } from './rowChunks.js';
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

/** A SYN's capture time and TSval (NO_TSVAL without the option, TSVAL_CUT where the snaplen cut it), written by AttemptStore.onlySynOf. */
export interface SynPoint {
  time: number;
  tsval: number;
}

/** The first SYN's TSval from the row's flags and its TSval column: NO_TSVAL, TSVAL_CUT or the value. */
function firstSynTsvalOf(flags: number, bits: number): number {
  if (flags & FIRST_SYN_NO_TSVAL) return NO_TSVAL;
  return flags & FIRST_SYN_TSVAL_CUT ? TSVAL_CUT : bits >>> 0;
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
 * An object of its own in a side table, made only for the rare attempt that meets one.
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

/** Where the walk of the latest SYN_LOOKBACK transmissions in the other SYNs starts. */
function lookbackStart(others: number[]): number {
  return Math.max(0, others.length - SYN_LOOKBACK * SYN_STRIDE);
}

// The core row of every attempt: floats, then integers.
const FIRST_SYN_TIME = 0;
const SYN_TIME = 1;
/** When the client's latest TSval came, -Infinity while none did (then LAST_CLIENT_TSVAL is not one). */
const LAST_CLIENT_TSVAL_TIME = 2;
const CORE_FLOATS = 3;

const ISN = 0;
const FIRST_SYN_FRAME = 1;
/** TTL and options of the earliest SYN but MSS value and timestamps: optionsMeta(). */
const SYN_META = 2;
/**
 * The earliest SYN's MSS in the low 16 bits (an option of 16 bits; whether there was one is in SYN_META),
 * the first SYN's payload length in the high 16 (LONG_SYN_DATA: in the store's `longSynData`).
 */
const SYN_MSS_AND_DATA = 3;
const SYN_TSVAL = 4;
const SYN_TSECR = 5;
const CLIENT_EDGE = 6;
/** The flags below (CLIENT_PAST_HALF …). */
const FLAGS = 7;
/** The attempt made before this one on the same four-tuple (port reuse), NONE for the first. */
const PREVIOUS = 8;
/** The attempt's answer row, NONE until something answered. */
const ANSWER_ROW = 9;
/** The number of its four-tuple in the flow table. */
const FLOW = 10;
/** TSval of the first SYN, unless the flags say it had none (FIRST_SYN_NO_TSVAL, FIRST_SYN_TSVAL_CUT). */
const FIRST_SYN_TSVAL = 11;
const LAST_CLIENT_TSVAL = 12;
const CORE_INTS = 13;

/**
 * A first SYN's payload length that does not fit below it in 16 bits: an IPv6 jumbogram, or a segment
 * that offload left with no IP length, can be as long as the record (recordLimits.ts). Rare.
 */
const LONG_SYN_DATA = 0xffff;

// The answer row: floats, then integers.
const SYN_ACK_TIME = 0;
/** Time, TSval and payload length of the latest SYN-ACK transmission, to tell duplicates from retransmissions. */
const LAST_SYN_ACK_TIME = 1;
const LATEST_SYN_ACK_TIME = 2;
const ACK_TIME = 3;
const RST_TIME = 4;
const CLIENT_FIN_TIME = 5;
const SERVER_FIN_TIME = 6;
const CLIENT_DATA_TIME = 7;
const LAST_SYN_ACK_TSVAL = 8;
const CLIENT_FIN_ACK = 9;
const SERVER_FIN_ACK = 10;
const ANSWER_FLOATS = 11;

const SYN_ACK_FRAME = 0;
const SYN_ACK_ISN = 1;
const SYN_ACK_COUNT = 2;
const SYN_ACK_META = 3;
const SYN_ACK_MSS = 4;
const SYN_ACK_TSVAL = 5;
const SYN_ACK_TSECR = 6;
const LAST_SYN_ACK_PAYLOAD_LENGTH = 7;
const ACK_FRAME = 8;
/** The ACK's acknowledgement number, checked against the server's ISN once the SYN-ACK is known. */
const ACK_NUMBER = 9;
const RST_FRAME = 10;
const RST_SEQ = 11;
const RST_TTL = 12;
const CLIENT_FIN_FRAME = 13;
const CLIENT_FIN_SEQ = 14;
const SERVER_FIN_FRAME = 15;
const SERVER_FIN_SEQ = 16;
const CLIENT_DATA_SEQ = 17;
const SERVER_ACK = 18;
const SERVER_EDGE = 19;
const ANSWER_INTS = 20;

/** Flags beside CLIENT_PAST_HALF … SERVER_SENT_DATA. */
const CLIENT_IS_A = 32;
const SERVER_SPOKE = 64;
const ACK_WITH_DATA = 128;
const RST_FROM_CLIENT = 256;
const HAS_OTHER_SYNS = 512;
const HAS_FOREIGN = 1024;
const HAS_TUNNEL = 2048;
/** The first SYN had no TSval (NO_TSVAL), or the snaplen cut it off (TSVAL_CUT): FIRST_SYN_TSVAL holds none. */
const FIRST_SYN_NO_TSVAL = 4096;
const FIRST_SYN_TSVAL_CUT = 8192;

/** The flag that says a TSval as tsvalOf() gives it is none of the first SYN's, or 0 for a TSval. */
function firstSynTsvalFlag(tsval: number): number {
  if (tsval === NO_TSVAL) return FIRST_SYN_NO_TSVAL;
  return tsval === TSVAL_CUT ? FIRST_SYN_TSVAL_CUT : 0;
}

/**
 * A SYN's or SYN-ACK's TTL, window scale, SACK permitted, timestamp presence, OptionsCut and MSS presence
 * in one integer: TTL in bits 0–7, window scale + 1 (0 when absent) in 8–16, SACK in 17, timestamps in
 * 18, the cut in 19–21, MSS in 22.
 */
function optionsMeta(segment: SegmentView): number {
  return segment.ttl | ((segment.windowScale + 1) << 8) | (segment.sackPermitted ? 1 << 17 : 0) | (segment.hasTimestamp ? 1 << 18 : 0) | (segment.optionsCut << 19)
    | (segment.mss >= 0 ? 1 << 22 : 0);
}

function metaTtl(meta: number): number {
  return meta & 0xff;
}

function metaWindowScale(meta: number): number {
  return ((meta >>> 8) & 0x1ff) - 1;
}

function metaSackPermitted(meta: number): boolean {
  return (meta & (1 << 17)) !== 0;
}

function metaHasTimestamp(meta: number): boolean {
  return (meta & (1 << 18)) !== 0;
}

function metaOptionsCut(meta: number): OptionsCut {
  return (meta >>> 19) & 0x7;
}

function metaHasMss(meta: number): boolean {
  return (meta & (1 << 22)) !== 0;
}

/** A record index as kept in an integer column (its signed bits; NONE stays NONE). */
function frameOf(bits: number): number {
  return bits === NONE ? NONE : bits >>> 0;
}

/**
 * The attempts of one tracker, as rows (see the top of this file). Attempt numbers of attempts that are
 * released (counted past the row limit and forgotten) are taken again by later attempts.
 */
export class AttemptStore {
  readonly core = new RowChunks(CORE_FLOATS, CORE_INTS);
  readonly answers = new RowChunks(ANSWER_FLOATS, ANSWER_INTS);
  /** What every answer field of an attempt reads until something answered it. Never written. */
  readonly noneFloats = new Float64Array(ANSWER_FLOATS);
  readonly noneInts = new Int32Array(ANSWER_INTS);
  private readonly numbers = new RowNumbers();
  private readonly answerNumbers = new RowNumbers();
  readonly otherSyns = new Map<number, number[]>();
  /** First SYN payload lengths of LONG_SYN_DATA and more, by attempt number. */
  readonly longSynData = new Map<number, number>();
  readonly foreign = new Map<number, ForeignAnswer>();
  readonly tunnels = new Map<number, TunnelSeen>();
  /** Places itself on each new attempt to write it. */
  private readonly writer: ConnectionAttempt;

  constructor(
    /**
     * The flows the attempts are on: their endpoints are read from it. The live table, or once the
     * tracker has finished and keeps its records as rows, what they read of it (FinishedFlows).
     */
    public flows: FlowReader,
  ) {
    this.noneFloats[LATEST_SYN_ACK_TIME] = -Infinity;
    this.noneFloats[CLIENT_FIN_TIME] = Infinity;
    this.noneFloats[SERVER_FIN_TIME] = Infinity;
    this.noneFloats[CLIENT_DATA_TIME] = Infinity;
    this.noneFloats[LAST_SYN_ACK_TSVAL] = NO_TSVAL;
    this.noneFloats[CLIENT_FIN_ACK] = NO_ACK;
    this.noneFloats[SERVER_FIN_ACK] = NO_ACK;
    for (const frame of [SYN_ACK_FRAME, ACK_FRAME, RST_FRAME, CLIENT_FIN_FRAME, SERVER_FIN_FRAME]) this.noneInts[frame] = NONE;
    this.noneInts[SYN_ACK_MSS] = -1;
    this.writer = new ConnectionAttempt(this);
  }

  /** A cursor over this store's attempts. */
  cursor(): ConnectionAttempt {
    return new ConnectionAttempt(this);
  }

  /** A new attempt created by `syn`, with client ISN `isn`, on flow number `flow` (whose endpoint "a" is the client when `clientIsA`); its number. */
  create(flow: number, clientIsA: boolean, isn: number, syn: SegmentView): number {
    const id = this.numbers.take();
    this.core.reserve(id);
    this.writer.begin(id, flow, clientIsA, isn, syn);
    return id;
  }

  /** Forgets attempt `id`: its number and rows go to later attempts. */
  release(id: number): void {
    const answer = this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + ANSWER_ROW];
    if (answer !== NONE) this.answerNumbers.release(answer);
    this.otherSyns.delete(id);
    this.longSynData.delete(id);
    this.foreign.delete(id);
    this.tunnels.delete(id);
    this.numbers.release(id);
  }

  /*
   * Fields of attempt `id` read without placing a cursor: the table's sorts and filters read one field
   * of every row, where placing a cursor on each of ten million rows cost more than the reading.
   */

  isnOf(id: number): number {
    return this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + ISN] >>> 0;
  }

  synTimeOf(id: number): number {
    return this.core.floats[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_FLOATS + SYN_TIME];
  }

  hasSynAckOf(id: number): boolean {
    const answer = this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + ANSWER_ROW];
    return answer !== NONE && this.answers.ints[answer >>> CHUNK_BITS][(answer & ROW_IN_CHUNK) * ANSWER_INTS + SYN_ACK_FRAME] !== NONE;
  }

  /** How many SYNs attempt `id` sent (a cursor's `synCount`). */
  synCountOf(id: number): number {
    if (!(this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + FLAGS] & HAS_OTHER_SYNS)) return 1;
    return 1 + this.otherSyns.get(id)!.length / SYN_STRIDE;
  }

  flowOf(id: number): number {
    return this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + FLOW];
  }

  clientIsAOf(id: number): boolean {
    return (this.core.ints[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_INTS + FLAGS] & CLIENT_IS_A) !== 0;
  }

  /**
   * Whether attempt `id` sent a single SYN; then `into` holds its capture time and its TSval, which is
   * all its `syns` would say of it.
   */
  onlySynOf(id: number, into: SynPoint): boolean {
    const ints = this.core.ints[id >>> CHUNK_BITS];
    const at = (id & ROW_IN_CHUNK) * CORE_INTS;
    const flags = ints[at + FLAGS];
    if (flags & HAS_OTHER_SYNS) return false;
    into.time = this.core.floats[id >>> CHUNK_BITS][(id & ROW_IN_CHUNK) * CORE_FLOATS + FIRST_SYN_TIME];
    into.tsval = firstSynTsvalOf(flags, ints[at + FIRST_SYN_TSVAL]);
    return true;
  }

  /** A new answer row, holding the "none" values. */
  takeAnswerRow(): number {
    const row = this.answerNumbers.take();
    this.answers.reserve(row);
    const chunk = row >>> CHUNK_BITS;
    const at = row & ROW_IN_CHUNK;
    this.answers.floats[chunk].set(this.noneFloats, at * ANSWER_FLOATS);
    this.answers.ints[chunk].set(this.noneInts, at * ANSWER_INTS);
    return row;
  }
}

/**
 * One attempt of an AttemptStore, the one `at` placed it on. The arrays it reads are the chunks holding
 * that attempt's rows, which never move (rowChunks.ts), so a placed cursor stays valid while attempts are
 * added; it is placed again for another attempt, never kept across attempts.
 */
export class ConnectionAttempt {
  /** The attempt number the cursor is on. */
  id = NONE;
  private coreFloats: Float64Array;
  private coreInts: Int32Array;
  private cf = 0;
  private ci = 0;
  private answerFloats: Float64Array;
  private answerInts: Int32Array;
  private af = 0;
  private ai = 0;
  /** The answer row the answer arrays are placed on (NONE: the "none" row). */
  private answerRow = NONE;

  constructor(private readonly store: AttemptStore) {
    this.coreFloats = this.answerFloats = store.noneFloats;
    this.coreInts = this.answerInts = store.noneInts;
  }

  /**
   * Places the cursor on attempt `id`. Placing it again on the attempt it is on costs a comparison (the
   * tracker places it on an attempt to match a segment, then to update it): an attempt's core row never
   * moves, and its answer row is the one the cursor holds unless the number went to a new attempt.
   */
  at(id: number): this {
    // Small, so that V8 inlines it where the tracker walks a chain; the placing itself is out of line.
    if (id !== this.id || this.coreInts[this.ci + ANSWER_ROW] !== this.answerRow) this.place(id);
    return this;
  }

  private place(id: number): void {
    this.id = id;
    const chunk = id >>> CHUNK_BITS;
    const row = id & ROW_IN_CHUNK;
    this.coreFloats = this.store.core.floats[chunk];
    this.coreInts = this.store.core.ints[chunk];
    this.cf = row * CORE_FLOATS;
    this.ci = row * CORE_INTS;
    const answer = this.coreInts[this.ci + ANSWER_ROW];
    if (answer === NONE) {
      this.placeAnswer(NONE);
      return;
    }
    // placeAnswer's work, written out: this runs for nearly every packet.
    this.answerRow = answer;
    this.answerFloats = this.store.answers.floats[answer >>> CHUNK_BITS];
    this.answerInts = this.store.answers.ints[answer >>> CHUNK_BITS];
    this.af = (answer & ROW_IN_CHUNK) * ANSWER_FLOATS;
    this.ai = (answer & ROW_IN_CHUNK) * ANSWER_INTS;
  }

  private placeAnswer(answer: number): void {
    this.answerRow = answer;
    if (answer === NONE) {
      this.answerFloats = this.store.noneFloats;
      this.answerInts = this.store.noneInts;
      this.af = 0;
      this.ai = 0;
      return;
    }
    const chunk = answer >>> CHUNK_BITS;
    const row = answer & ROW_IN_CHUNK;
    this.answerFloats = this.store.answers.floats[chunk];
    this.answerInts = this.store.answers.ints[chunk];
    this.af = row * ANSWER_FLOATS;
    this.ai = row * ANSWER_INTS;
  }

  /** Gives the attempt its answer row before the first write to it (the "none" row is never written). */
  private answered(): void {
    if (this.answerRow !== NONE) return;
    const row = this.store.takeAnswerRow();
    this.coreInts[this.ci + ANSWER_ROW] = row;
    this.placeAnswer(row);
  }

  private setAnswerFloat(field: number, value: number): void {
    this.answered();
    this.answerFloats[this.af + field] = value;
  }

  private setAnswerInt(field: number, value: number): void {
    this.answered();
    this.answerInts[this.ai + field] = value;
  }

  private get flags(): number {
    return this.coreInts[this.ci + FLAGS];
  }

  private addFlags(flags: number): void {
    this.coreInts[this.ci + FLAGS] |= flags;
  }

  private clearFlags(flags: number): void {
    this.coreInts[this.ci + FLAGS] &= ~flags;
  }

  /** Writes a new attempt's core row (AttemptStore.create). */
  begin(id: number, flow: number, clientIsA: boolean, isn: number, syn: SegmentView): void {
    this.at(id);
    const ints = this.coreInts;
    const i = this.ci;
    ints[i + FLOW] = flow;
    ints[i + ISN] = isn | 0;
    ints[i + FIRST_SYN_FRAME] = syn.frame | 0;
    // The high half; takeEarliestSyn() writes the low.
    ints[i + SYN_MSS_AND_DATA] = Math.min(syn.payloadLength, LONG_SYN_DATA) << 16;
    if (syn.payloadLength >= LONG_SYN_DATA) this.store.longSynData.set(id, syn.payloadLength);
    ints[i + CLIENT_EDGE] = segmentEnd(syn) | 0;
    const tsval = tsvalOf(syn);
    ints[i + FLAGS] = (clientIsA ? CLIENT_IS_A : 0) | (syn.tunnel !== null ? HAS_TUNNEL : 0) | firstSynTsvalFlag(tsval);
    ints[i + FIRST_SYN_TSVAL] = tsval | 0;
    ints[i + PREVIOUS] = NONE;
    ints[i + ANSWER_ROW] = NONE;
    this.placeAnswer(NONE);
    this.coreFloats[this.cf + FIRST_SYN_TIME] = syn.time;
    this.coreFloats[this.cf + LAST_CLIENT_TSVAL_TIME] = -Infinity;
    if (syn.tunnel !== null) this.store.tunnels.set(id, syn.tunnel);
    this.takeEarliestSyn(syn);
    this.noteClientTsval(syn);
  }

  /** The number of the four-tuple this attempt is on. */
  get flowNumber(): number {
    return this.coreInts[this.ci + FLOW];
  }

  /** The flows the attempt's four-tuple is read from, by flowNumber. */
  get flows(): FlowReader {
    return this.store.flows;
  }

  /** The four-tuple this attempt is on, as an object of its own (made at each call: for records, not packets). */
  get flow(): FlowEndpoints {
    return this.store.flows.endpoints(this.flowNumber);
  }

  /** The server's port. */
  get serverPort(): number {
    const flows = this.store.flows;
    return this.clientIsA ? flows.portB(this.flowNumber) : flows.portA(this.flowNumber);
  }

  /** Whether the client is endpoint "a" of the flow. */
  get clientIsA(): boolean {
    return (this.flags & CLIENT_IS_A) !== 0;
  }

  /** The attempt made before this one on the same four-tuple (port reuse), newest first; NONE for the first. */
  get previous(): number {
    return this.coreInts[this.ci + PREVIOUS];
  }

  set previous(id: number) {
    this.coreInts[this.ci + PREVIOUS] = id;
  }

  /** The SYN that created the attempt. */
  get firstSynFrame(): number {
    return this.coreInts[this.ci + FIRST_SYN_FRAME] >>> 0;
  }

  get firstSynTime(): number {
    return this.coreFloats[this.cf + FIRST_SYN_TIME];
  }

  /** As tsvalOf() gave it: NO_TSVAL, TSVAL_CUT or the TSval. */
  get firstSynTsval(): number {
    return firstSynTsvalOf(this.flags, this.coreInts[this.ci + FIRST_SYN_TSVAL]);
  }

  private get firstSynPayloadLength(): number {
    const length = this.coreInts[this.ci + SYN_MSS_AND_DATA] >>> 16;
    return length === LONG_SYN_DATA ? this.store.longSynData.get(this.id)! : length;
  }

  /**
   * The other SYN transmissions (rare) in arrival order, SYN_STRIDE numbers each: none at all until a
   * second SYN comes. A copy of a segment has the same payload, hence the payload lengths.
   */
  private get otherSyns(): number[] | null {
    return this.flags & HAS_OTHER_SYNS ? this.store.otherSyns.get(this.id)! : null;
  }

  /** The outermost tunnel of the SYN that created the attempt: a value shared with the decoder's cache. */
  get tunnel(): TunnelSeen | null {
    return this.flags & HAS_TUNNEL ? this.store.tunnels.get(this.id)! : null;
  }

  /** Time, TTL and options of the earliest SYN. */
  get synTime(): number {
    return this.coreFloats[this.cf + SYN_TIME];
  }

  get ttl(): number {
    return metaTtl(this.coreInts[this.ci + SYN_META]);
  }

  get synAckFrame(): number {
    return frameOf(this.answerInts[this.ai + SYN_ACK_FRAME]);
  }

  get synAckTime(): number {
    return this.answerFloats[this.af + SYN_ACK_TIME];
  }

  get synAckCount(): number {
    return this.answerInts[this.ai + SYN_ACK_COUNT];
  }

  /** The client's third ACK or first data segment. */
  get ackFrame(): number {
    return frameOf(this.answerInts[this.ai + ACK_FRAME]);
  }

  get ackTime(): number {
    return this.answerFloats[this.af + ACK_TIME];
  }

  get ackWithData(): boolean {
    return (this.flags & ACK_WITH_DATA) !== 0;
  }

  get rstFrame(): number {
    return frameOf(this.answerInts[this.ai + RST_FRAME]);
  }

  get rstTime(): number {
    return this.answerFloats[this.af + RST_TIME];
  }

  get rstFromClient(): boolean {
    return (this.flags & RST_FROM_CLIENT) !== 0;
  }

  /** IP TTL (or hop limit) of the first RST and of the first SYN-ACK: who sent a reset shows in it. */
  get rstTtl(): number {
    return this.answerInts[this.ai + RST_TTL];
  }

  get synAckTtl(): number {
    return metaTtl(this.answerInts[this.ai + SYN_ACK_META]);
  }

  /**
   * Earliest FIN of each side, +Infinity while none was seen, and the client's latest TSval (NO_TSVAL
   * while none) with its time (-Infinity while none): sentinels rather than null keep the columns numeric.
   */
  get clientFinTime(): number {
    return this.answerFloats[this.af + CLIENT_FIN_TIME];
  }

  get serverFinTime(): number {
    return this.answerFloats[this.af + SERVER_FIN_TIME];
  }

  /**
   * Of each side's earliest FIN: the record index, the sequence number of the FIN itself and the
   * acknowledgement it carried (NO_ACK without the ACK flag). When both FINs bear one timestamp, they
   * tell which FIN answered the other.
   */
  private get clientFinFrame(): number {
    return frameOf(this.answerInts[this.ai + CLIENT_FIN_FRAME]);
  }

  private get serverFinFrame(): number {
    return frameOf(this.answerInts[this.ai + SERVER_FIN_FRAME]);
  }

  get lastClientTsval(): number {
    return this.lastClientTsvalTime === -Infinity ? NO_TSVAL : this.coreInts[this.ci + LAST_CLIENT_TSVAL] >>> 0;
  }

  get lastClientTsvalTime(): number {
    return this.coreFloats[this.cf + LAST_CLIENT_TSVAL_TIME];
  }

  /** The server sent something other than a SYN-ACK or RST: it answered even if its SYN-ACK was not captured. */
  get serverSpoke(): boolean {
    return (this.flags & SERVER_SPOKE) !== 0;
  }

  /**
   * Whether the server's side of the connection ever moved (verdict.ts, not-accepted): the earliest client
   * segment after the SYN that occupies sequence space (data or a FIN; +Infinity while none) and its
   * sequence number, the highest acknowledgement the server sent after its SYN-ACK (with SERVER_ACKED in
   * the flags, as is SERVER_SENT_DATA), and the latest SYN-ACK transmission (a SYN-ACK again after the
   * client's ACK).
   */
  get clientDataTime(): number {
    return this.answerFloats[this.af + CLIENT_DATA_TIME];
  }

  get latestSynAckTime(): number {
    return this.answerFloats[this.af + LATEST_SYN_ACK_TIME];
  }

  /**
   * Each side's edge: the highest sequence number it has used (after its SYN, data and FIN), as the
   * signed bits of the unsigned number. The server's is known once its SYN-ACK is. The flags'
   * CLIENT_PAST_HALF and SERVER_PAST_HALF say the side has moved half the sequence space or more from
   * its ISN, and from then on only its edge places a segment.
   */
  private get clientEdgeBits(): number {
    return this.coreInts[this.ci + CLIENT_EDGE];
  }

  private get serverEdgeBits(): number {
    return this.answerInts[this.ai + SERVER_EDGE];
  }

  /** Null unless a socket of an earlier connection on the four-tuple answered the SYN (ForeignAnswer). */
  private get foreign(): ForeignAnswer | null {
    return this.flags & HAS_FOREIGN ? this.store.foreign.get(this.id)! : null;
  }

  /** The client's initial sequence number. */
  get isn(): number {
    return this.coreInts[this.ci + ISN] >>> 0;
  }

  /** The server's initial sequence number, from the earliest SYN-ACK (0 while none). */
  get synAckIsn(): number {
    return this.answerInts[this.ai + SYN_ACK_ISN] >>> 0;
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
    return metaHasTimestamp(this.coreInts[this.ci + SYN_META]) ? this.coreInts[this.ci + SYN_TSVAL] >>> 0 : NO_TSVAL;
  }

  get synCount(): number {
    const others = this.otherSyns;
    return others === null ? 1 : 1 + others.length / SYN_STRIDE;
  }

  synOptions(): TcpOptionsSeen {
    const meta = this.coreInts[this.ci + SYN_META];
    return optionsSeen(
      metaHasMss(meta) ? this.coreInts[this.ci + SYN_MSS_AND_DATA] & 0xffff : -1, metaWindowScale(meta), metaSackPermitted(meta), metaHasTimestamp(meta),
      this.coreInts[this.ci + SYN_TSVAL] >>> 0, this.coreInts[this.ci + SYN_TSECR] >>> 0, metaOptionsCut(meta),
    );
  }

  synAckOptions(): TcpOptionsSeen {
    const meta = this.answerInts[this.ai + SYN_ACK_META];
    return optionsSeen(
      this.answerInts[this.ai + SYN_ACK_MSS], metaWindowScale(meta), metaSackPermitted(meta), metaHasTimestamp(meta),
      this.answerInts[this.ai + SYN_ACK_TSVAL] >>> 0, this.answerInts[this.ai + SYN_ACK_TSECR] >>> 0, metaOptionsCut(meta),
    );
  }

  private takeEarliestSyn(syn: SegmentView): void {
    this.coreFloats[this.cf + SYN_TIME] = syn.time;
    const ints = this.coreInts;
    const i = this.ci;
    ints[i + SYN_META] = optionsMeta(syn);
    ints[i + SYN_MSS_AND_DATA] = (ints[i + SYN_MSS_AND_DATA] & ~0xffff) | (syn.mss & 0xffff);
    ints[i + SYN_TSVAL] = syn.tsval | 0;
    ints[i + SYN_TSECR] = syn.tsecr | 0;
  }

  get hasSynAck(): boolean {
    return this.answerInts[this.ai + SYN_ACK_FRAME] !== NONE;
  }

  get hasAck(): boolean {
    return this.answerInts[this.ai + ACK_FRAME] !== NONE;
  }

  get hasRst(): boolean {
    return this.answerInts[this.ai + RST_FRAME] !== NONE;
  }

  /** The three-way handshake completed: the client acknowledged the SYN-ACK (or the server's data, when its SYN-ACK was not captured). */
  get completed(): boolean {
    return this.hasAck && (this.hasSynAck || this.serverSpoke);
  }

  /** The server sent data or a FIN after its SYN-ACK. */
  get serverSentData(): boolean {
    return (this.flags & SERVER_SENT_DATA) !== 0;
  }

  /** The server acknowledged the client's first data or FIN after the handshake. */
  get serverAcknowledgedClientData(): boolean {
    return (this.flags & SERVER_ACKED) !== 0 && this.clientDataTime !== Infinity && isSequenceAfter(this.answerInts[this.ai + SERVER_ACK] >>> 0, this.answerInts[this.ai + CLIENT_DATA_SEQ] >>> 0);
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
    return this.hasSynAck && this.hasRst && this.rstFromClient && this.rstTime >= this.synAckTime && this.acknowledgesSyn(this.answerInts[this.ai + RST_SEQ] >>> 0);
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
    let others = this.otherSyns;
    if (others === null) {
      others = [];
      this.store.otherSyns.set(this.id, others);
      this.addFlags(HAS_OTHER_SYNS);
    }
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
    // Reads the columns directly rather than through the getters: this runs for every segment.
    const core = this.coreInts;
    const c = this.ci;
    const spaceFlags = core[c + FLAGS];
    const acks = (segment.flags & TcpFlag.ACK) !== 0;
    let gap = 0;
    if (fromClient || acks) {
      const clientValue = fromClient ? segment.seq : segment.ack;
      gap = sequenceGap(clientValue, core[c + ISN] >>> 0, core[c + CLIENT_EDGE] >>> 0, (spaceFlags & CLIENT_PAST_HALF) !== 0);
      if (gap === NOT_IN_SPACE) return NOT_IN_SPACE;
    }
    const answer = this.answerInts;
    const a = this.ai;
    if (answer[a + SYN_ACK_FRAME] !== NONE && (!fromClient || acks) && !(spaceFlags & SERVER_SPACE_UNKNOWN)) {
      const serverValue = fromClient ? segment.ack : segment.seq;
      const serverGap = sequenceGap(serverValue, answer[a + SYN_ACK_ISN] >>> 0, answer[a + SERVER_EDGE] >>> 0, (spaceFlags & SERVER_PAST_HALF) !== 0);
      if (serverGap === NOT_IN_SPACE) return NOT_IN_SPACE;
      gap += serverGap;
    }
    return gap;
  }

  /**
   * Whether the attempt's earliest SYN came after `segment` (capture timestamps can run backwards). A
   * method rather than a comparison with synTime where it is needed: a double returned by a call V8
   * does not inline is boxed, and this runs for every segment.
   */
  startedAfter(segment: SegmentView): boolean {
    return segment.time < this.coreFloats[this.cf + SYN_TIME];
  }

  addSynAck(synAck: SegmentView): void {
    const time = synAck.time;
    const tsval = tsvalOf(synAck);
    if (
      this.synAckCount > 0
      && isDuplicateTransmission(
        time, tsval, synAck.payloadLength,
        this.answerFloats[this.af + LAST_SYN_ACK_TIME], this.answerFloats[this.af + LAST_SYN_ACK_TSVAL], this.answerInts[this.ai + LAST_SYN_ACK_PAYLOAD_LENGTH],
      )
    ) return;
    this.answered();
    const floats = this.answerFloats;
    const f = this.af;
    const ints = this.answerInts;
    const i = this.ai;
    const count = ++ints[i + SYN_ACK_COUNT];
    if (count > 1 && (synAck.seq | 0) !== ints[i + SYN_ACK_ISN]) this.addFlags(SERVER_SPACE_UNKNOWN);
    if (count === 1 || time < floats[f + SYN_ACK_TIME]) {
      ints[i + SYN_ACK_FRAME] = synAck.frame | 0;
      floats[f + SYN_ACK_TIME] = time;
      ints[i + SYN_ACK_ISN] = synAck.seq | 0;
      ints[i + SERVER_EDGE] = segmentEnd(synAck) | 0;
      this.clearFlags(SERVER_PAST_HALF);
      ints[i + SYN_ACK_MSS] = synAck.mss;
      ints[i + SYN_ACK_META] = optionsMeta(synAck);
      ints[i + SYN_ACK_TSVAL] = synAck.tsval | 0;
      ints[i + SYN_ACK_TSECR] = synAck.tsecr | 0;
    }
    floats[f + LAST_SYN_ACK_TSVAL] = tsval;
    floats[f + LAST_SYN_ACK_TIME] = time;
    if (time > floats[f + LATEST_SYN_ACK_TIME]) floats[f + LATEST_SYN_ACK_TIME] = time;
    ints[i + LAST_SYN_ACK_PAYLOAD_LENGTH] = synAck.payloadLength;
    // An ACK taken before the SYN-ACK was known may acknowledge something else (a stale SYN-ACK).
    if (this.hasAck && !isSequenceAfter(ints[i + ACK_NUMBER] >>> 0, this.synAckIsn)) ints[i + ACK_FRAME] = NONE;
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
      if (!(this.coreInts[this.ci + FLAGS] & HAS_FOREIGN)) return false;
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
    if (this.hasSynAck || this.serverSpoke || this.hasRst || segment.time < this.coreFloats[this.cf + SYN_TIME]) return false;
    // A client that has sent more than its SYN (its ACK, data) has a connection whose SYN-ACK the capture
    // missed: the server's ACKs are that connection's.
    if (this.hasAck || this.answerFloats[this.af + CLIENT_DATA_TIME] !== Infinity) return false;
    // Within ISN + 1 … the client's edge it acknowledges this attempt's own SYN or data.
    if (sequenceGap(segment.ack, this.isn, this.clientEdgeBits >>> 0, false) === 0) return false;
    const foreign = this.foreign;
    if (foreign === null) {
      this.addFlags(HAS_FOREIGN);
      this.store.foreign.set(this.id, {
        firstFrame: segment.frame, firstTime: segment.time, latestTime: segment.time, ackBits: segment.ack | 0, count: 1,
        resetFrame: NONE, resetTime: 0, resetTtl: 0, resets: 0,
      });
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
    // A segment after the SYN answers it or follows an answer: the attempt's answer row, taken once.
    if (this.answerRow === NONE) this.answered();
    const floats = this.answerFloats;
    const f = this.af;
    const ints = this.answerInts;
    const i = this.ai;
    const flags = segment.flags;
    const time = segment.time;
    if (fromClient) {
      this.noteClientTsval(segment);
      if (flags & TcpFlag.RST) this.noteReset(true, segment);
      else {
        this.advanceEdge(true, segmentEnd(segment));
        if (flags & TcpFlag.ACK) this.noteClientAck(segment);
        if ((segment.payloadLength > 0 || flags & TcpFlag.FIN) && time < floats[f + CLIENT_DATA_TIME]) {
          floats[f + CLIENT_DATA_TIME] = time;
          ints[i + CLIENT_DATA_SEQ] = segment.seq | 0;
        }
      }
      if (flags & TcpFlag.FIN && time < floats[f + CLIENT_FIN_TIME]) {
        floats[f + CLIENT_FIN_TIME] = time;
        ints[i + CLIENT_FIN_FRAME] = segment.frame | 0;
        ints[i + CLIENT_FIN_SEQ] = finSequence(segment) | 0;
        floats[f + CLIENT_FIN_ACK] = flags & TcpFlag.ACK ? segment.ack : NO_ACK;
      }
    } else {
      if (flags & TcpFlag.RST) this.noteReset(false, segment);
      else {
        let spaceFlags = this.coreInts[this.ci + FLAGS] | SERVER_SPOKE;
        if (ints[i + SYN_ACK_FRAME] !== NONE) this.advanceEdge(false, segmentEnd(segment));
        if (segment.payloadLength > 0 || flags & TcpFlag.FIN) spaceFlags |= SERVER_SENT_DATA;
        if (flags & TcpFlag.ACK && (!(spaceFlags & SERVER_ACKED) || isSequenceAfter(segment.ack, ints[i + SERVER_ACK] >>> 0))) {
          spaceFlags |= SERVER_ACKED;
          ints[i + SERVER_ACK] = segment.ack | 0;
        }
        // advanceEdge may have set SERVER_PAST_HALF meanwhile.
        this.coreInts[this.ci + FLAGS] |= spaceFlags;
      }
      if (flags & TcpFlag.FIN && time < floats[f + SERVER_FIN_TIME]) {
        floats[f + SERVER_FIN_TIME] = time;
        ints[i + SERVER_FIN_FRAME] = segment.frame | 0;
        ints[i + SERVER_FIN_SEQ] = finSequence(segment) | 0;
        floats[f + SERVER_FIN_ACK] = flags & TcpFlag.ACK ? segment.ack : NO_ACK;
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
    const clientAnswers = acknowledgesFin(this.answerFloats[this.af + CLIENT_FIN_ACK], this.answerInts[this.ai + SERVER_FIN_SEQ] >>> 0);
    const serverAnswers = acknowledgesFin(this.answerFloats[this.af + SERVER_FIN_ACK], this.answerInts[this.ai + CLIENT_FIN_SEQ] >>> 0);
    if (clientAnswers !== serverAnswers) return clientAnswers ? 'server' : 'client';
    return this.clientFinFrame < this.serverFinFrame ? 'client' : 'server';
  }

  private noteClientAck(segment: SegmentView): void {
    const ints = this.answerInts;
    const i = this.ai;
    if (ints[i + ACK_FRAME] !== NONE && this.answerFloats[this.af + ACK_TIME] <= segment.time) return;
    if (ints[i + SYN_ACK_FRAME] !== NONE && !isSequenceAfter(segment.ack, ints[i + SYN_ACK_ISN] >>> 0)) return;
    this.setAnswerInt(ACK_FRAME, segment.frame | 0);
    this.setAnswerFloat(ACK_TIME, segment.time);
    if (segment.payloadLength > 0) this.addFlags(ACK_WITH_DATA);
    else this.clearFlags(ACK_WITH_DATA);
    this.setAnswerInt(ACK_NUMBER, segment.ack | 0);
  }

  private noteReset(fromClient: boolean, segment: SegmentView): void {
    if (this.answerInts[this.ai + RST_FRAME] !== NONE && this.answerFloats[this.af + RST_TIME] <= segment.time) return;
    this.setAnswerInt(RST_FRAME, segment.frame | 0);
    this.setAnswerFloat(RST_TIME, segment.time);
    if (fromClient) this.addFlags(RST_FROM_CLIENT);
    else this.clearFlags(RST_FROM_CLIENT);
    this.setAnswerInt(RST_SEQ, segment.seq | 0);
    this.setAnswerInt(RST_TTL, segment.ttl);
  }

  /** Moves one side's edge to `end` when `end` lies after it, noting when the side passes half the space. */
  private advanceEdge(client: boolean, end: number): void {
    const core = this.coreInts;
    const c = this.ci;
    if (client) {
      if (!isSequenceAfter(end, core[c + CLIENT_EDGE] >>> 0)) return;
      if (sequenceDistance(core[c + ISN] >>> 0, end) >= HALF_SPACE) core[c + FLAGS] |= CLIENT_PAST_HALF;
      core[c + CLIENT_EDGE] = end | 0;
      return;
    }
    if (this.answerRow === NONE) this.answered();
    const answer = this.answerInts;
    const a = this.ai;
    if (!isSequenceAfter(end, answer[a + SERVER_EDGE] >>> 0)) return;
    if (sequenceDistance(answer[a + SYN_ACK_ISN] >>> 0, end) >= HALF_SPACE) core[c + FLAGS] |= SERVER_PAST_HALF;
    answer[a + SERVER_EDGE] = end | 0;
  }

  private noteClientTsval(segment: SegmentView): void {
    if (segment.hasTimestamp && segment.time >= this.coreFloats[this.cf + LAST_CLIENT_TSVAL_TIME]) {
      this.coreInts[this.ci + LAST_CLIENT_TSVAL] = segment.tsval | 0;
      this.coreFloats[this.cf + LAST_CLIENT_TSVAL_TIME] = segment.time;
    }
  }
}
