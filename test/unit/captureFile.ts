/** Writes the steps of a handshake script as a real pcap file, through the project's frame builder. */
import { buildTcpFrame, type FrameLinkType } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { destinationText, sourceText } from '../../src/analyzer/layers/tcpPacket.js';
import type { Step } from './handshakeScript.js';

export function pcapOf(steps: readonly Step[], linkType: FrameLinkType = 1): Uint8Array {
  const writer = new PcapWriter({ linkType, nanosecond: true });
  for (const { time, packet } of steps) {
    const frame = buildTcpFrame({
      linkType, src: sourceText(packet), dst: destinationText(packet), ttl: packet.ttl,
      srcPort: packet.srcPort, dstPort: packet.dstPort, seq: packet.seq, ack: packet.ack, flags: packet.flags,
      window: packet.window, mss: packet.mss >= 0 ? packet.mss : undefined,
      timestamp: packet.hasTimestamp ? { tsval: packet.tsval, tsecr: packet.tsecr } : undefined,
      payloadLength: packet.payloadLength,
    });
    writer.addRecord(time, frame);
  }
  return writer.bytes();
}
