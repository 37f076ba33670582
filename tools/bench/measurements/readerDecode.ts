/**
 * Our capture reader plus TCP decoding of every record, with nothing downstream: the engine's own speed.
 */
import { openCapture } from '../../../src/analyzer/capture/sniff.js';
import { decodeTcp } from '../../../src/analyzer/layers/decode.js';
import { DecodeStatus, newTcpPacket } from '../../../src/analyzer/layers/tcpPacket.js';
import { FileSource } from '../../../src/node/fileSource.js';
import type { PassResult } from './measurement.js';

export function readAndDecode(path: string): PassResult {
  const source = new FileSource(path);
  try {
    const reader = openCapture(source, path);
    const packet = newTcpPacket();
    let packets = 0;
    let tcp = 0;
    for (let record = reader.next(); record !== null; record = reader.next()) {
      packets++;
      if (decodeTcp(record.linkType, record.bytes, record.dataOffset, record.capturedLength, record.originalLength, packet) === DecodeStatus.Tcp) tcp++;
    }
    // Every benchmark packet is TCP: fewer decoded would mean a decoder bailing out early, not speed.
    if (tcp !== packets) throw new Error(`${path}: ${tcp} of ${packets} records decoded as TCP`);
    return { packets, bytes: source.size };
  } finally {
    source.close();
  }
}
