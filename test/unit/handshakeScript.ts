/**
 * Readable TCP conversations for the handshake tracker's tests: each call returns one decoded segment
 * (a TcpPacket, as the layer decoders would produce it) with its capture time.
 */
import { newTcpPacket, TcpFlag, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
import { HandshakeTracker, type TrackerResult } from '../../src/analyzer/handshakes/tracker.js';

export interface Step {
  time: number;
  packet: TcpPacket;
}

interface Address {
  ipVersion: 4 | 6;
  v4: number;
  v6: string;
  port: number;
}

/** `10.0.0.1:5000` or `[2001:db8::1]:443`. */
function parseEndpoint(text: string): Address {
  const match = /^\[(.+)\]:(\d+)$/.exec(text);
  if (match !== null) return { ipVersion: 6, v4: 0, v6: match[1], port: Number(match[2]) };
  const [address, port] = text.split(':');
  const v4 = address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  return { ipVersion: 4, v4, v6: '', port: Number(port) };
}

export interface SegmentExtras {
  tsval?: number;
  tsecr?: number;
  data?: number;
  ttl?: number;
  mss?: number;
  /** For a FIN: it also acknowledges the peer's FIN (sent right after the handshake, without data). */
  answersFin?: boolean;
}

/** What a FIN acknowledges: the peer's SYN, or with `answersFin` the peer's FIN at ISN + 1 as well. */
function finAck(peerIsn: number, extras: SegmentExtras): number {
  return (peerIsn + (extras.answersFin ? 2 : 1)) >>> 0;
}

export class Conversation {
  private readonly client: Address;
  private readonly server: Address;

  constructor(client: string, server: string) {
    this.client = parseEndpoint(client);
    this.server = parseEndpoint(server);
  }

  syn(time: number, isn: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, true, TcpFlag.SYN, isn, 0, { mss: 1460, ...extras });
  }

  synAck(time: number, serverIsn: number, clientIsn: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, false, TcpFlag.SYN | TcpFlag.ACK, serverIsn, (clientIsn + 1) >>> 0, { mss: 1460, ...extras });
  }

  /** The client's third ACK (or data with `extras.data`), given both ISNs. */
  ack(time: number, clientIsn: number, serverIsn: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, true, TcpFlag.ACK, (clientIsn + 1) >>> 0, (serverIsn + 1) >>> 0, extras);
  }

  /** The server's RST+ACK refusing the SYN, as Linux sends it. */
  refuse(time: number, clientIsn: number): Step {
    return this.segment(time, false, TcpFlag.RST | TcpFlag.ACK, 0, (clientIsn + 1) >>> 0, {});
  }

  clientReset(time: number, clientIsn: number): Step {
    return this.segment(time, true, TcpFlag.RST, (clientIsn + 1) >>> 0, 0, {});
  }

  clientFin(time: number, clientIsn: number, serverIsn: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, true, TcpFlag.FIN | TcpFlag.ACK, (clientIsn + 1) >>> 0, finAck(serverIsn, extras), extras);
  }

  serverFin(time: number, serverIsn: number, clientIsn: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, false, TcpFlag.FIN | TcpFlag.ACK, (serverIsn + 1) >>> 0, finAck(clientIsn, extras), extras);
  }

  /** Any segment from the client, with its flags and numbers as given (data, late segments, huge sequence numbers). */
  fromClient(time: number, flags: number, seq: number, ack: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, true, flags, seq >>> 0, ack >>> 0, extras);
  }

  fromServer(time: number, flags: number, seq: number, ack: number, extras: SegmentExtras = {}): Step {
    return this.segment(time, false, flags, seq >>> 0, ack >>> 0, extras);
  }

  private segment(time: number, fromClient: boolean, flags: number, seq: number, ack: number, extras: SegmentExtras): Step {
    const source = fromClient ? this.client : this.server;
    const destination = fromClient ? this.server : this.client;
    const packet = newTcpPacket();
    Object.assign(packet, {
      ipVersion: source.ipVersion, srcV4: source.v4, dstV4: destination.v4, srcV6: source.v6, dstV6: destination.v6,
      srcPort: source.port, dstPort: destination.port, seq, ack, flags, ttl: extras.ttl ?? 64,
      payloadLength: extras.data ?? 0, mss: extras.mss ?? -1, window: 65535,
      hasTimestamp: extras.tsval !== undefined, tsval: extras.tsval ?? 0, tsecr: extras.tsecr ?? 0,
    });
    return { time, packet };
  }
}

/** Feeds the steps in the given (file) order; the capture ends at the latest step unless told otherwise. */
export function track(steps: Step[], captureEnd = Math.max(...steps.map((step) => step.time))): TrackerResult {
  const tracker = new HandshakeTracker();
  steps.forEach((step, frame) => tracker.add({ ...step.packet, frame, time: step.time }));
  return tracker.finish(captureEnd);
}
