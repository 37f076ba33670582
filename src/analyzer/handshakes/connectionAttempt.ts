/**
 * What the tracker learns about one connection attempt while it reads the capture. Every "first" is
 * the earliest by capture time, not by file order, so that files merged from two interfaces (where a
 * SYN-ACK may be written before its SYN) give the same answer as a sorted file.
 */
import { TcpFlag } from '../layers/tcpPacket.js';
import type { ResetSeen, SynAckSeen, SynTransmission, TcpOptionsSeen } from '../model.js';
import { isDuplicateTransmission, optionsOf, tsvalOf, type SegmentView } from './segment.js';
import { isSequenceAfter } from './sequence.js';

export class ConnectionAttempt {
  readonly syns: SynTransmission[] = [];
  readonly synOptions: TcpOptionsSeen;
  /** TTL of the earliest SYN. */
  ttl: number;
  synTime: number;
  synAck: SynAckSeen | null = null;
  /** TSval and time of the latest SYN-ACK transmission, to tell duplicates from retransmissions. */
  private lastSynAckTsval: number | null = null;
  private lastSynAckTime = 0;
  ack: { frame: number; time: number; withData: boolean } | null = null;
  /** The acknowledgement number of `ack`, checked against the server's ISN once the SYN-ACK is known. */
  private ackNumber = 0;
  rst: ResetSeen | null = null;
  clientFinTime: number | null = null;
  serverFinTime: number | null = null;
  lastClientTsval: number | null = null;
  lastClientTsvalTime: number | null = null;
  /** The server sent something other than a SYN-ACK or RST: it answered even if its SYN-ACK was not captured. */
  serverSpoke = false;

  constructor(
    /** Whether the client is endpoint "a" of the flow. */
    readonly clientIsA: boolean,
    readonly isn: number,
    syn: SegmentView,
    frame: number,
    time: number,
  ) {
    this.synOptions = optionsOf(syn);
    this.ttl = syn.ttl;
    this.synTime = time;
    this.syns.push({ frame, time, tsval: tsvalOf(syn) });
    this.noteClientTsval(syn, time);
  }

  /** A SYN with this attempt's ISN: a retransmission, or the same frame captured twice. */
  addSyn(syn: SegmentView, frame: number, time: number): void {
    const tsval = tsvalOf(syn);
    for (const earlier of this.syns) {
      if (isDuplicateTransmission(time, tsval, earlier.time, earlier.tsval)) return;
    }
    this.syns.push({ frame, time, tsval });
    if (time < this.synTime) {
      this.synTime = time;
      this.ttl = syn.ttl;
      Object.assign(this.synOptions, optionsOf(syn));
    }
    this.noteClientTsval(syn, time);
  }

  addSynAck(synAck: SegmentView, frame: number, time: number): void {
    const tsval = tsvalOf(synAck);
    const current = this.synAck;
    if (current === null) {
      this.synAck = { frame, time, isn: synAck.seq, options: optionsOf(synAck), count: 1 };
    } else {
      if (isDuplicateTransmission(time, tsval, this.lastSynAckTime, this.lastSynAckTsval)) return;
      current.count++;
      if (time < current.time) Object.assign(current, { frame, time, isn: synAck.seq, options: optionsOf(synAck) });
    }
    this.lastSynAckTsval = tsval;
    this.lastSynAckTime = time;
    // An ACK taken before the SYN-ACK was known may acknowledge something else (a stale SYN-ACK).
    if (this.ack !== null && !isSequenceAfter(this.ackNumber, this.synAck!.isn)) this.ack = null;
  }

  /** Any segment after the handshake's SYN/SYN-ACK, from either side. */
  addSegment(segment: SegmentView, fromClient: boolean, frame: number, time: number): void {
    const flags = segment.flags;
    if (fromClient) {
      this.noteClientTsval(segment, time);
      if (flags & TcpFlag.RST) this.noteReset('client', frame, time);
      else if (flags & TcpFlag.ACK) this.noteClientAck(segment, frame, time);
      if (flags & TcpFlag.FIN && (this.clientFinTime === null || time < this.clientFinTime)) this.clientFinTime = time;
    } else {
      if (flags & TcpFlag.RST) this.noteReset('server', frame, time);
      else this.serverSpoke = true;
      if (flags & TcpFlag.FIN && (this.serverFinTime === null || time < this.serverFinTime)) this.serverFinTime = time;
    }
  }

  private noteClientAck(segment: SegmentView, frame: number, time: number): void {
    if (this.ack !== null && this.ack.time <= time) return;
    if (this.synAck !== null && !isSequenceAfter(segment.ack, this.synAck.isn)) return;
    this.ack = { frame, time, withData: segment.payloadLength > 0 };
    this.ackNumber = segment.ack;
  }

  private noteReset(from: 'client' | 'server', frame: number, time: number): void {
    if (this.rst === null || time < this.rst.time) this.rst = { frame, time, from };
  }

  private noteClientTsval(segment: SegmentView, time: number): void {
    if (segment.hasTimestamp && (this.lastClientTsvalTime === null || time >= this.lastClientTsvalTime)) {
      this.lastClientTsval = segment.tsval;
      this.lastClientTsvalTime = time;
    }
  }
}
