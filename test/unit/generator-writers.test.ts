import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { splitCaptureTime } from '../../src/generator/captureTime.js';
import { tsharkFields, withTempCapture } from './generator-tshark.js';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+|#[^\n]*/g, ''), 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Ethernet + IPv4 + TCP SYN 10.0.0.1:40000 → 10.0.0.2:3306, seq 1000, no options (54 bytes). */
const SYN_FRAME = hex(`
  020000000002 020000000001 0800            # dst mac, src mac, IPv4
  45 00 0028 0001 4000 40 06 0000           # IPv4: 40 bytes, DF, ttl 64, TCP, checksum unchecked
  0a000001 0a000002                         # 10.0.0.1 → 10.0.0.2
  9c40 0cea 000003e8 00000000 50 02 faf0 0000 0000  # ports 40000→3306, seq 1000, SYN, win 64240
`);

test('splitCaptureTime rounds float seconds to whole nanoseconds and normalises {sec, ns}', () => {
  assert.deepEqual(splitCaptureTime(1.5), { sec: 1, ns: 500_000_000 });
  const epoch = splitCaptureTime(1700000000.123456);
  assert.equal(epoch.sec, 1700000000);
  assert.equal(Math.floor(epoch.ns / 1000), 123456); // float noise stays below the microsecond
  assert.deepEqual(splitCaptureTime({ sec: 5, ns: 1_500_000_000 }), { sec: 6, ns: 500_000_000 });
});

test('pcap little-endian microsecond header and record are byte-exact', () => {
  const writer = new PcapWriter({ linkType: 1 });
  writer.addRecord({ sec: 0x5f5e1000, ns: 123_456_789 }, SYN_FRAME);
  assert.equal(
    toHex(writer.bytes().subarray(0, 40)),
    toHex(hex(`
      d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000  # magic µs LE, v2.4, zone, sigfigs, snaplen 262144, Ethernet
      00105e5f 40e20100 36000000 36000000                      # ts_sec, ts_usec 123456, caplen 54, origlen 54
    `)),
  );
  assert.equal(writer.bytes().length, 24 + 16 + 54);
});

test('pcap big-endian nanosecond header and record are byte-exact', () => {
  const writer = new PcapWriter({ linkType: 276, nanosecond: true, bigEndian: true, snaplen: 40 });
  writer.addRecord({ sec: 1, ns: 123_456_789 }, SYN_FRAME);
  assert.equal(
    toHex(writer.bytes().subarray(0, 40)),
    toHex(hex(`
      a1b23c4d 0002 0004 00000000 00000000 00000028 00000114  # magic ns BE, v2.4, zone, sigfigs, snaplen 40, SLL2
      00000001 075bcd15 00000028 00000036                      # ts_sec 1, ts_nsec, caplen cut to 40, origlen 54
    `)),
  );
});

test('pcap encodeRecord streams the same bytes as addRecord', () => {
  const writer = new PcapWriter({ linkType: 1 });
  const streamed = Buffer.concat([writer.fileHeader(), writer.encodeRecord(2.25, SYN_FRAME)]);
  writer.addRecord(2.25, SYN_FRAME);
  assert.equal(toHex(streamed), toHex(writer.bytes()));
});

test('pcapng little-endian SHB, IDB with if_name and if_tsresol, EPB are byte-exact', () => {
  const writer = new PcapngWriter({ interfaces: [{ linkType: 1, name: 'eth0', tsresol: 9 }] });
  writer.addRecord({ sec: 1, ns: 5 }, SYN_FRAME.subarray(0, 6));
  assert.equal(
    toHex(writer.bytes()),
    toHex(hex(`
      0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000  # SHB, 28 bytes, LE, v1.0, length unknown
      01000000 28000000 0100 0000 00000400                            # IDB, 40 bytes, Ethernet, snaplen 262144
      0200 0400 65746830                                              # if_name "eth0"
      0900 0100 09000000                                              # if_tsresol 9 (ns), padded
      0000 0000 28000000                                              # opt_endofopt, block length
      06000000 28000000 00000000                                      # EPB, 40 bytes, interface 0
      00000000 05ca9a3b 06000000 06000000                             # ts 1e9+5 ns (high, low), caplen 6, origlen 6
      020000000002 0000 28000000                                      # 6 data bytes padded to 8, block length
    `)),
  );
});

test('pcapng big-endian with microsecond default resolution and two interfaces', () => {
  const writer = new PcapngWriter({ bigEndian: true, application: 'handshake-lens' });
  const first = writer.addInterface({ linkType: 1 });
  const second = writer.addInterface({ linkType: 276, name: 'any' });
  assert.deepEqual([first, second], [0, 1]);
  writer.addRecord(1.000002, SYN_FRAME, second);
  const bytes = writer.bytes();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(view.getUint32(0, false), 0x0a0d0d0a);
  assert.equal(view.getUint32(8, false), 0x1a2b3c4d);
  const shbLength = view.getUint32(4, false);
  const idb0Length = view.getUint32(shbLength + 4, false);
  const idb1 = shbLength + idb0Length;
  assert.equal(view.getUint16(idb1 + 8, false), 276);
  const epb = idb1 + view.getUint32(idb1 + 4, false);
  assert.equal(view.getUint32(epb, false), 6);
  assert.equal(view.getUint32(epb + 8, false), 1);
  assert.equal(view.getUint32(epb + 16, false), 1_000_002); // 1.000002 s in µs
  assert.throws(() => writer.encodeRecord(0, SYN_FRAME, 7), /interface 7/);
});

const tsharkVariants: [string, () => Uint8Array][] = [
  ['pcap LE µs', () => new PcapWriter({ linkType: 1 }).addRecord(1700000000.25, SYN_FRAME).bytes()],
  ['pcap BE ns', () => new PcapWriter({ linkType: 1, nanosecond: true, bigEndian: true }).addRecord(1700000000.25, SYN_FRAME).bytes()],
  ['pcapng LE ns', () => new PcapngWriter({ interfaces: [{ linkType: 1, name: 'eth0', tsresol: 9 }] }).addRecord(1700000000.25, SYN_FRAME).bytes()],
  ['pcapng BE µs', () => new PcapngWriter({ bigEndian: true, interfaces: [{ linkType: 1 }] }).addRecord(1700000000.25, SYN_FRAME).bytes()],
];

for (const [name, build] of tsharkVariants) {
  test(`tshark reads the ${name} file`, async (t) => {
    await withTempCapture(t, build(), (path) => {
      const rows = tsharkFields(path, ['frame.time_epoch', 'ip.src', 'tcp.dstport', 'tcp.seq_raw', 'tcp.flags.syn']);
      if (!rows) return;
      assert.deepEqual(rows, [['1700000000.250000000', '10.0.0.1', '3306', '1000', '1']]);
    });
  });
}
