/**
 * The handshake tracker: fed every TCP segment of a capture in file order, it returns one record per
 * connection attempt (client endpoint, server endpoint, client ISN). The per-packet path does one
 * integer-keyed map lookup for IPv4 and allocates nothing unless a handshake segment arrives.
 */
import { TcpFlag, type TcpPacket } from '../layers/tcpPacket.js';
import type { HandshakeAttempt } from '../model.js';
import { ConnectionAttempt } from './connectionAttempt.js';
import { FlowTable, isFromA, type FlowEntry } from './flowTable.js';
import { handshakeRecord } from './handshakeRecord.js';
import { pendingCopy, type PendingSegment, type SegmentView } from './segment.js';
import { isSequenceAfter, nextSequence } from './sequence.js';

interface TrackedFlow extends FlowEntry {
  /**
   * The newest attempt on this four-tuple; older ones (the port was reused) follow through `previous`.
   * A chain rather than an array: almost every flow has one attempt, and an array would cost more than it.
   */
  latest: ConnectionAttempt<TrackedFlow> | null;
  /** Segments that arrived before the SYN they belong to (merged interfaces), replayed when it comes. */
  pending: PendingSegment[] | null;
}

/** How many early segments a flow keeps while it has no attempt: enough for SYN-ACK, ACK and RST. */
const PENDING_LIMIT = 4;

function newFlow(packet: TcpPacket): TrackedFlow {
  return {
    ipVersion: packet.ipVersion, v4a: packet.srcV4, v4b: packet.dstV4, v6a: packet.srcV6, v6b: packet.dstV6,
    portA: packet.srcPort, portB: packet.dstPort, nextInBucket: null, latest: null, pending: null,
  };
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
}

export class HandshakeTracker {
  private readonly flows = new FlowTable<TrackedFlow>(newFlow);
  private readonly created: ConnectionAttempt<TrackedFlow>[] = [];

  /** One decoded TCP segment; `frame` is the 0-based record index, `time` epoch seconds. */
  add(packet: TcpPacket, frame: number, time: number): void {
    const flow = this.flows.lookup(packet);
    this.apply(flow, packet, isFromA(flow, packet), frame, time);
  }

  private apply(flow: TrackedFlow, segment: SegmentView, fromA: boolean, frame: number, time: number): void {
    const flags = segment.flags;
    if (flags & TcpFlag.SYN) {
      if (flags & TcpFlag.ACK) this.addSynAck(flow, segment, fromA, frame, time);
      else this.addSyn(flow, segment, fromA, frame, time);
      return;
    }
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (belongsTo(attempt, segment, fromA)) {
        attempt.addSegment(segment, fromA === attempt.clientIsA, frame, time);
        return;
      }
    }
    this.keepPending(flow, segment, fromA, frame, time);
  }

  private addSyn(flow: TrackedFlow, syn: SegmentView, fromA: boolean, frame: number, time: number): void {
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (attempt.clientIsA === fromA && attempt.isn === syn.seq) {
        attempt.addSyn(syn, frame, time);
        return;
      }
    }
    // A new ISN on a known four-tuple is a new attempt: the port was reused.
    const attempt = new ConnectionAttempt(flow, fromA, syn.seq, syn, frame, time);
    attempt.previous = flow.latest;
    flow.latest = attempt;
    this.created.push(attempt);
    this.replayPending(flow);
  }

  private addSynAck(flow: TrackedFlow, synAck: SegmentView, fromA: boolean, frame: number, time: number): void {
    for (let attempt = flow.latest; attempt !== null; attempt = attempt.previous) {
      if (attempt.clientIsA !== fromA && nextSequence(attempt.isn) === synAck.ack) {
        attempt.addSynAck(synAck, frame, time);
        return;
      }
    }
    this.keepPending(flow, synAck, fromA, frame, time);
  }

  private keepPending(flow: TrackedFlow, segment: SegmentView, fromA: boolean, frame: number, time: number): void {
    const pending = flow.pending ?? (flow.pending = []);
    if (pending.length < PENDING_LIMIT) pending.push(pendingCopy(segment, frame, time, fromA));
  }

  private replayPending(flow: TrackedFlow): void {
    const pending = flow.pending;
    if (pending === null) return;
    flow.pending = null;
    for (const segment of pending) this.apply(flow, segment, segment.fromA, segment.frame, segment.time);
  }

  /**
   * The records, numbered by first SYN time. `captureEnd` (epoch seconds of the last record) decides
   * whether a lone unanswered SYN is a failure or too young to judge.
   */
  finish(captureEnd: number): TrackerResult {
    const created = this.created;
    created.sort((x, y) => x.synTime - y.synTime || x.firstSynFrame - y.firstSynFrame);
    const handshakes = created.map((attempt, index) => handshakeRecord(index + 1, attempt, captureEnd));
    let midstream = 0;
    for (const flow of this.flows.entries()) if (flow.latest === null) midstream++;
    return { handshakes, midstream };
  }
}
