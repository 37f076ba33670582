/** The three frames of one complete TCP handshake, for the captures the fuzz tools build themselves. */
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame, type FrameLinkType } from '../../src/generator/frames.js';

export interface HandshakeEnds {
  linkType: FrameLinkType;
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  /** TSval of the SYN; the server's clock runs from 1,000,000. */
  tsval: number;
}

/** SYN, SYN-ACK and ACK, with MSS, window scale, SACK-permitted and timestamps as Linux sends them. */
export function handshakeFrames(ends: HandshakeEnds): Uint8Array[] {
  const { linkType, client, clientPort, server, serverPort, tsval } = ends;
  const clientIsn = 1000 + clientPort;
  const serverIsn = 900_000 + serverPort;
  const out = { linkType, src: client, dst: server, ttl: 64, srcPort: clientPort, dstPort: serverPort };
  const back = { linkType, src: server, dst: client, ttl: 63, srcPort: serverPort, dstPort: clientPort };
  return [
    buildTcpFrame({ ...out, seq: clientIsn, ack: 0, flags: TcpFlag.SYN, window: 64240, mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { tsval, tsecr: 0 } }),
    buildTcpFrame({ ...back, seq: serverIsn, ack: clientIsn + 1, flags: TcpFlag.SYN | TcpFlag.ACK, window: 65160, mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { tsval: 1_000_000, tsecr: tsval } }),
    buildTcpFrame({ ...out, seq: clientIsn + 1, ack: serverIsn + 1, flags: TcpFlag.ACK, window: 502, timestamp: { tsval: tsval + 1, tsecr: 1_000_000 } }),
  ];
}
