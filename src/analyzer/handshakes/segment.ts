/**
 * The part of a decoded TCP segment the handshake tracker uses. The decoder's reused TcpPacket is one;
 * a PendingSegment is a copy kept when a segment arrives before the SYN it belongs to.
 */
import { newTcpPacket, OptionsCut, type TcpPacket } from '../layers/tcpPacket.js';

export interface SegmentView extends Pick<
  TcpPacket,
  'flags' | 'seq' | 'ack' | 'payloadLength' | 'ttl' | 'hasTimestamp' | 'tsval' | 'tsecr' | 'mss' | 'windowScale' | 'sackPermitted'
  | 'optionsCut' | 'tunnel'
> {
  /** The 0-based record index. */
  frame: number;
  /**
   * Capture time, epoch seconds. A field rather than an argument: a double passed to a function V8 did
   * not inline is boxed in a new heap object on every call, two million of them per million packets,
   * where a write to a reused object's number field stores it in place.
   */
  time: number;
}

/** A decoded packet with its record index and capture time: what the tracker is fed. */
export interface TimedTcpPacket extends TcpPacket {
  frame: number;
  time: number;
}

export function newTimedTcpPacket(): TimedTcpPacket {
  return { ...newTcpPacket(), frame: 0, time: 0 };
}

export interface PendingSegment extends SegmentView {
  fromA: boolean;
}

export function pendingCopy(segment: SegmentView, fromA: boolean): PendingSegment {
  return {
    flags: segment.flags, seq: segment.seq, ack: segment.ack, payloadLength: segment.payloadLength, ttl: segment.ttl,
    hasTimestamp: segment.hasTimestamp, tsval: segment.tsval, tsecr: segment.tsecr,
    mss: segment.mss, windowScale: segment.windowScale, sackPermitted: segment.sackPermitted, optionsCut: segment.optionsCut,
    frame: segment.frame, time: segment.time, tunnel: segment.tunnel, fromA,
  };
}

/**
 * "No TSval" while tracking: TSvals are unsigned 32-bit, so -1 is never one. A number rather than null
 * keeps the tracker's fields numeric, which V8 stores without allocating a new box on every write.
 */
export const NO_TSVAL = -1;

/** "TSval unknown": the snaplen cut the options before a whole TSval, so whether there was one is not known. */
export const TSVAL_CUT = -2;

export function tsvalOf(segment: SegmentView): number {
  if (segment.hasTimestamp) return segment.tsval;
  return segment.optionsCut >= OptionsCut.Tsval ? TSVAL_CUT : NO_TSVAL;
}

/** The record's TSval: null for both sentinels. */
export function tsvalOrNull(tsval: number): number | null {
  return tsval < 0 ? null : tsval;
}

/**
 * The same segment captured twice (on `-i any` it is seen on the veth and on the bridge, microseconds
 * apart) rather than retransmitted: no TCP stack retransmits a SYN or SYN-ACK within 10 ms (Linux's
 * minimum RTO is 200 ms), and a retransmission from a stack with timestamps carries a newer TSval.
 * A copy also carries the same payload; SYNs with different payloads are different segments, however
 * close together (tcpdump's bgp-shutdown-msg-variations.pcap has three with ISN 0 within 2 ms).
 */
const DUPLICATE_WINDOW_SECONDS = 0.01;

export function isDuplicateTransmission(
  time: number, tsval: number, payloadLength: number,
  earlierTime: number, earlierTsval: number, earlierPayloadLength: number,
): boolean {
  return tsval === earlierTsval && payloadLength === earlierPayloadLength && Math.abs(time - earlierTime) < DUPLICATE_WINDOW_SECONDS;
}
