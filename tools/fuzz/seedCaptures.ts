/**
 * Small, valid captures the fuzzer always starts from, whatever else is on disk: both formats, both
 * byte orders, IPv4 and IPv6, four link types, several interfaces with their statistics and every text option, so that each
 * structure-aware mutator finds something to aim at.
 */
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { handshakeFrames } from './handshakeFrames.js';

const T = 1_700_000_000;

function pcapngTwoInterfaces(bigEndian: boolean): Uint8Array {
  const writer = new PcapngWriter({
    bigEndian, comment: 'seed', hardware: 'x86_64', os: 'Linux 4.9', application: 'tcpdump',
    interfaces: [{ linkType: 1, name: 'eth0', description: 'uplink' }, { linkType: 276, name: 'any', tsresol: 9, comment: 'cooked' }],
  });
  writer.addNameResolution([{ ipv4: '192.168.11.250', names: ['mysql.example'] }]);
  const v4 = handshakeFrames({ linkType: 1, client: '192.168.0.2', clientPort: 40000, server: '192.168.11.250', serverPort: 3306, tsval: 100 });
  const v6 = handshakeFrames({ linkType: 276, client: '2001:db8::7', clientPort: 50000, server: '2001:db8::1', serverPort: 443, tsval: 200 });
  v4.forEach((frame, i) => writer.addRecord(T + i * 0.001, frame, 0, frame.length, i === 0 ? 'first SYN' : undefined));
  v6.forEach((frame, i) => writer.addRecord(T + 1 + i * 0.001, frame, 1));
  // As dumpcap ends a file: when each interface's capture ran, and what it received and dropped.
  writer.addStatistics(0, { time: T + 2, start: T - 1, end: T + 2, received: v4.length, droppedByInterface: 0, droppedByOs: 1 });
  writer.addStatistics(1, { time: T + 2, start: T - 1, end: T + 2, received: v6.length, droppedByOs: 0 });
  return writer.bytes();
}

function pcapOf(linkType: 1 | 113 | 101, bigEndian: boolean, nanosecond: boolean): Uint8Array {
  const writer = new PcapWriter({ linkType, bigEndian, nanosecond });
  const clients = ['10.244.1.7', '10.244.1.8'];
  clients.forEach((client, n) => {
    const frames = handshakeFrames({ linkType, client, clientPort: 41000 + n, server: '192.168.11.250', serverPort: 3306, tsval: 1000 * n });
    // The second attempt's SYN goes unanswered and is sent again: a failed handshake to diagnose.
    const sent = n === 0 ? frames : [frames[0], frames[0]];
    sent.forEach((frame, i) => writer.addRecord(T + n * 2 + i, frame));
  });
  const v6 = handshakeFrames({ linkType, client: 'fe80::1', clientPort: 50001, server: 'fe80::2', serverPort: 22, tsval: 7 });
  v6.forEach((frame, i) => writer.addRecord(T + 5 + i * 0.01, frame));
  return writer.bytes();
}

/** Name → bytes, in a fixed order. */
export function seedCaptures(): [string, Uint8Array][] {
  return [
    ['seed/two-interfaces-le.pcapng', pcapngTwoInterfaces(false)],
    ['seed/two-interfaces-be.pcapng', pcapngTwoInterfaces(true)],
    ['seed/ethernet-le-us.pcap', pcapOf(1, false, false)],
    ['seed/sll-be-ns.pcap', pcapOf(113, true, true)],
    ['seed/raw-ip-le-ns.pcap', pcapOf(101, false, true)],
  ];
}
