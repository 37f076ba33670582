/**
 * A capture large enough to be read in many slices, of attempts whose verdicts become final early:
 * nine in ten pass (the server greets first, as MySQL does), one in twenty is refused and one in twenty
 * goes unanswered with the SYN sent again after 1 s and 3 s. Written in time order, a chunk at a time.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';

const SERVER = '192.168.11.250';
const START = 1_700_000_000;
/** Seconds between two attempts' first SYNs. */
const SPACING = 0.002;

export type StreamingKind = 'pass' | 'refused' | 'unanswered';

export function kindOf(index: number): StreamingKind {
  return index % 20 === 7 ? 'refused' : index % 20 === 13 ? 'unanswered' : 'pass';
}

interface Packet {
  time: number;
  frame: Uint8Array;
}

function packetsOf(index: number): Packet[] {
  const time = START + index * SPACING;
  const client = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  const port = 1024 + (index % 60000);
  const isn = (index * 2654435761) >>> 0;
  const serverIsn = (isn ^ 0x5a5a5a5a) >>> 0;
  const toServer = (at: number, seq: number, ack: number, flags: number, payloadLength = 0) => ({
    time: at,
    frame: buildTcpFrame({ linkType: 1, src: client, dst: SERVER, ttl: 64, srcPort: port, dstPort: 3306, seq, ack, flags, window: 29200, mss: flags & TcpFlag.SYN ? 1460 : undefined, payloadLength }),
  });
  const toClient = (at: number, seq: number, ack: number, flags: number, payloadLength = 0) => ({
    time: at,
    frame: buildTcpFrame({ linkType: 1, src: SERVER, dst: client, ttl: 64, srcPort: 3306, dstPort: port, seq, ack, flags, window: 29200, mss: flags & TcpFlag.SYN ? 1460 : undefined, payloadLength }),
  });
  const syn = (at: number) => toServer(at, isn, 0, TcpFlag.SYN);
  switch (kindOf(index)) {
    case 'refused':
      return [syn(time), toClient(time + 0.0002, 0, (isn + 1) >>> 0, TcpFlag.RST | TcpFlag.ACK)];
    case 'unanswered':
      return [syn(time), syn(time + 1), syn(time + 3)];
    case 'pass':
      return [
        syn(time),
        toClient(time + 0.0003, serverIsn, (isn + 1) >>> 0, TcpFlag.SYN | TcpFlag.ACK),
        toServer(time + 0.0006, (isn + 1) >>> 0, (serverIsn + 1) >>> 0, TcpFlag.ACK),
        toClient(time + 0.0010, (serverIsn + 1) >>> 0, (isn + 1) >>> 0, TcpFlag.ACK | TcpFlag.PSH, 78),
      ];
  }
}

/** Writes `attempts` attempts to `path`; returns how many records it holds. */
export function writeStreamingCapture(path: string, attempts: number): number {
  const writer = new PcapWriter({ linkType: 1 });
  const file = openSync(path, 'w');
  let records = 0;
  try {
    writeSync(file, writer.fileHeader());
    // Packets wait here until no attempt that starts later can come before them (3 s of retransmissions).
    let waiting: Packet[] = [];
    const flush = (until: number) => {
      waiting.sort((a, b) => a.time - b.time);
      const due = waiting.filter((packet) => packet.time < until);
      waiting = waiting.filter((packet) => packet.time >= until);
      if (due.length === 0) return;
      writeSync(file, Buffer.concat(due.map((packet) => writer.encodeRecord(packet.time, packet.frame))));
      records += due.length;
    };
    for (let index = 0; index < attempts; index++) {
      waiting.push(...packetsOf(index));
      if (index % 5000 === 4999) flush(START + (index + 1) * SPACING);
    }
    flush(Infinity);
  } finally {
    closeSync(file);
  }
  return records;
}
