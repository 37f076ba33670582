/**
 * The packets of one planned connection, scripted a few at a time as the capture reaches them: the
 * handshake with Linux's SYN options, request/response exchanges with delayed ACKs, the FIN teardown,
 * or the short packet train of a failed attempt. Sequence numbers and TCP timestamps stay consistent
 * so that the handshake tracker sees what it would see in a real capture.
 */
import type { TcpFrameSpec } from '../../src/generator/frames.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import type { SeededRandom } from '../../src/generator/scenario/seededRandom.js';
import type { Endpoint } from './benchEndpoints.js';
import type { Timed } from './timeOrderedHeap.js';
import { CAPTURE_START, FIXED_PACKETS, type PlannedConnection } from './trafficPlan.js';

export interface BenchPacket {
  time: number;
  spec: TcpFrameSpec;
}

const MSS = 1448;
const SYN_RETRANSMIT_DELAY = 1;
const CLIENT_TTL = 64;
/** The servers are a few routers away from the capture point. */
const SERVER_TTL = 57;
/** Back-to-back segments of one response, about a gigabit per second apart. */
const SEGMENT_GAP = 0.000012;
/** A quick ACK goes out before the next segment arrives, which keeps each connection's packets in time order. */
const ACK_DELAY = 0.000005;

/** Log-uniform in [low, high): round-trip times and think times spread over orders of magnitude. */
function logUniform(random: SeededRandom, low: number, high: number): number {
  return low * Math.pow(high / low, random.next());
}

function requestBytes(random: SeededRandom): number {
  return random.chance(0.7) ? random.int(30, 300) : random.int(300, 1400);
}

/** Most answers fit one segment (a database's rows, an API's JSON); some take a few; a few are bulk transfers. */
function responseBytes(random: SeededRandom): number {
  const draw = random.next();
  if (draw < 0.7) return random.int(20, 400);
  if (draw < 0.97) return random.int(400, 4000);
  return Math.floor(logUniform(random, 4000, 100_000));
}

export class BenchConnection implements Timed {
  readonly id: number;
  nextTime: number;
  private readonly queue: BenchPacket[] = [];
  private head = 0;
  private readonly random: SeededRandom;
  private readonly rtt: number;
  private clientSeq: number;
  private serverSeq: number;
  /** Data records still to script for an established connection. */
  private dataLeft: number;
  private phase: 'handshake' | 'data' | 'teardown' | 'done' = 'handshake';
  private clock: number;

  constructor(
    private readonly plan: PlannedConnection,
    private readonly client: Endpoint,
    private readonly server: Endpoint,
    private readonly clientClockOffset: number,
    private readonly serverClockOffset: number,
  ) {
    this.id = plan.id;
    this.random = plan.random;
    this.rtt = logUniform(this.random, 0.0003, 0.08);
    this.clientSeq = this.random.uint32();
    this.serverSeq = this.random.uint32();
    this.dataLeft = plan.packets - FIXED_PACKETS[plan.fate] - (plan.synRetransmitted ? 1 : 0);
    this.clock = plan.start;
    this.refill();
    this.nextTime = this.queue[0].time;
  }

  get done(): boolean {
    return this.head === this.queue.length && this.phase === 'done';
  }

  /** The packet due at `nextTime`; afterwards `nextTime` is the following one's (Infinity when done). */
  take(): BenchPacket {
    const packet = this.queue[this.head++];
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.refill();
    }
    this.nextTime = this.head < this.queue.length ? this.queue[this.head].time : Infinity;
    return packet;
  }

  private refill(): void {
    switch (this.phase) {
      case 'handshake':
        this.scriptOpening();
        this.phase = this.plan.fate === 'established' ? 'data' : 'done';
        if (this.phase === 'data' && this.dataLeft === 0) this.phase = 'teardown';
        return;
      case 'data':
        this.scriptExchange();
        if (this.dataLeft === 0) this.phase = 'teardown';
        return;
      case 'teardown':
        this.scriptTeardown();
        this.phase = 'done';
        return;
      case 'done':
        return;
    }
  }

  private scriptOpening(): void {
    const start = this.plan.start;
    const synOptions = { mss: 1460, sackPermitted: true, windowScale: 7 };
    const syn = (time: number): void => this.push(time, true, TcpFlag.SYN, 0, synOptions, 0);
    syn(start);
    switch (this.plan.fate) {
      case 'refused':
        this.push(start + this.rtt, false, TcpFlag.RST | TcpFlag.ACK, 0, {}, 0, 0, this.clientSeq + 1);
        return;
      case 'no-reply':
        syn(start + SYN_RETRANSMIT_DELAY);
        syn(start + 3 * SYN_RETRANSMIT_DELAY);
        return;
      case 'no-ack': {
        const synAckOptions = { mss: 1460, sackPermitted: true, windowScale: 7 };
        this.push(start + this.rtt, false, TcpFlag.SYN | TcpFlag.ACK, 0, synAckOptions, 1);
        this.push(start + this.rtt + SYN_RETRANSMIT_DELAY, false, TcpFlag.SYN | TcpFlag.ACK, 0, synAckOptions, 1);
        return;
      }
      case 'established': {
        let synTime = start;
        if (this.plan.synRetransmitted) syn((synTime += SYN_RETRANSMIT_DELAY));
        this.push(synTime + this.rtt, false, TcpFlag.SYN | TcpFlag.ACK, 0, synOptions, 1);
        this.clientSeq = (this.clientSeq + 1) >>> 0;
        this.serverSeq = (this.serverSeq + 1) >>> 0;
        this.push(synTime + this.rtt + ACK_DELAY, true, TcpFlag.ACK, 0);
        return;
      }
    }
  }

  /** One request and its response, cut short where the connection's record budget ends. */
  private scriptExchange(): void {
    const random = this.random;
    let time = this.clock + random.exponential(0.02);
    this.sendData(time, true, requestBytes(random), TcpFlag.PSH | TcpFlag.ACK);
    let left = responseBytes(random);
    time += this.rtt + random.exponential(0.002);
    let segments = 0;
    while (left > 0 && this.dataLeft > 0) {
      const size = Math.min(left, MSS);
      left -= size;
      this.sendData(time, false, size, left === 0 ? TcpFlag.PSH | TcpFlag.ACK : TcpFlag.ACK);
      segments++;
      // Linux acknowledges every second full segment at once and the last one after a short delay.
      if ((segments % 2 === 0 || left === 0) && this.dataLeft > 0) this.push(time + ACK_DELAY, true, TcpFlag.ACK, 0);
      time += SEGMENT_GAP;
    }
  }

  private scriptTeardown(): void {
    const time = this.clock + this.random.exponential(0.05);
    this.push(time, true, TcpFlag.FIN | TcpFlag.ACK, 0);
    this.clientSeq = (this.clientSeq + 1) >>> 0;
    this.push(time + this.rtt, false, TcpFlag.FIN | TcpFlag.ACK, 0);
    this.serverSeq = (this.serverSeq + 1) >>> 0;
    this.push(time + this.rtt + ACK_DELAY, true, TcpFlag.ACK, 0);
  }

  private sendData(time: number, fromClient: boolean, bytes: number, flags: number): void {
    if (this.dataLeft === 0) return;
    this.push(time, fromClient, flags, bytes);
    if (fromClient) this.clientSeq = (this.clientSeq + bytes) >>> 0;
    else this.serverSeq = (this.serverSeq + bytes) >>> 0;
  }

  /**
   * Queues one segment. `synOptions` carries the SYN/SYN-ACK options; `echoDelta` (SYN-ACK only) is
   * added to the client's ISN for the acknowledgement. A data record counts against the budget.
   */
  private push(
    time: number, fromClient: boolean, flags: number, payloadLength: number,
    synOptions: { mss?: number; sackPermitted?: boolean; windowScale?: number } = {}, echoDelta = 0, seq?: number, ack?: number,
  ): void {
    const from = fromClient ? this.client : this.server;
    const to = fromClient ? this.server : this.client;
    const elapsedMs = Math.floor((time - CAPTURE_START) * 1000);
    const tsval = ((fromClient ? this.clientClockOffset : this.serverClockOffset) + elapsedMs) >>> 0;
    const tsecr = (flags & TcpFlag.ACK) === 0 ? 0 : ((fromClient ? this.serverClockOffset : this.clientClockOffset) + elapsedMs) >>> 0;
    const isSyn = (flags & TcpFlag.SYN) !== 0;
    const ownSeq = fromClient ? this.clientSeq : this.serverSeq;
    const peerSeq = isSyn && echoDelta ? (this.clientSeq + echoDelta) >>> 0 : fromClient ? this.serverSeq : this.clientSeq;
    this.queue.push({
      time,
      spec: {
        linkType: 1, src: from.address, dst: to.address, ttl: fromClient ? CLIENT_TTL : SERVER_TTL,
        srcPort: from.port, dstPort: to.port,
        seq: seq ?? ownSeq, ack: ack ?? ((flags & TcpFlag.ACK) === 0 ? 0 : peerSeq),
        flags, window: isSyn ? 64240 : fromClient ? 502 : 509,
        ...synOptions,
        timestamp: { tsval, tsecr },
        payloadLength,
      },
    });
    if (time > this.clock) this.clock = time;
    if (this.phase === 'data' && !isSyn) this.dataLeft--;
  }
}
