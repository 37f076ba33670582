import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CaptureError } from '../../src/analyzer/errors.js';
import { hex, open, readAll, readUntilError } from './captureFixtures.js';

const littleEndianMicroseconds = hex(`
  d4 c3 b2 a1  // magic a1b2c3d4 written little-endian: microseconds
  02 00 04 00  // version 2.4
  00 00 00 00  // thiszone
  00 00 00 00  // sigfigs
  ff ff 00 00  // snaplen 65535
  01 00 00 00  // link type 1, Ethernet
  // record 0 at byte 24
  00 e1 f5 65  // ts_sec 0x65f5e100
  40 e2 01 00  // ts_usec 123456
  04 00 00 00  // caplen 4
  3c 00 00 00  // len 60
  de ad be ef  // packet bytes
  // record 1 at byte 44
  01 e1 f5 65  // ts_sec 0x65f5e101
  3f 42 0f 00  // ts_usec 999999
  02 00 00 00  // caplen 2
  02 00 00 00  // len 2
  ca fe        // packet bytes
`);

const bigEndianMicroseconds = hex(`
  a1 b2 c3 d4  // magic a1b2c3d4 written big-endian
  00 02 00 04  // version 2.4
  00 00 00 00  // thiszone
  00 00 00 00  // sigfigs
  00 00 ff ff  // snaplen 65535
  00 00 00 01  // link type 1
  65 f5 e1 00  // ts_sec
  00 01 e2 40  // ts_usec 123456
  00 00 00 04  // caplen 4
  00 00 00 3c  // len 60
  de ad be ef
  65 f5 e1 01  // ts_sec
  00 0f 42 3f  // ts_usec 999999
  00 00 00 02  // caplen 2
  00 00 00 02  // len 2
  ca fe
`);

const expectedRecords = [
  { index: 0, offset: 24, timeSec: 0x65f5e100, timeNs: 123456000, linkType: 1, interfaceId: 0, capturedLength: 4, originalLength: 60, data: [0xde, 0xad, 0xbe, 0xef] },
  { index: 1, offset: 44, timeSec: 0x65f5e101, timeNs: 999999000, linkType: 1, interfaceId: 0, capturedLength: 2, originalLength: 2, data: [0xca, 0xfe] },
];

test('little-endian microsecond pcap: header and records', () => {
  const reader = open(littleEndianMicroseconds);
  assert.deepEqual(reader.info, {
    format: 'pcap',
    byteOrder: 'le',
    interfaces: [{ id: 0, section: 0, linkType: 1, snaplen: 65535, tsResolution: 1e6, tsOffset: 0 }],
    comments: [],
  });
  assert.deepEqual(readAll(reader), expectedRecords);
  assert.equal(reader.next(), null);
  assert.deepEqual(reader.warnings, []);
  assert.equal(reader.frameCount, 2);
  assert.equal(reader.position, littleEndianMicroseconds.length);
});

test('big-endian pcap reads the same records', () => {
  const reader = open(bigEndianMicroseconds);
  assert.equal(reader.info.byteOrder, 'be');
  assert.deepEqual(readAll(reader), expectedRecords);
});

test('nanosecond magic keeps nanoseconds, in both byte orders', () => {
  const little = hex(`
    4d 3c b2 a1  // magic a1b23c4d little-endian: nanoseconds
    02 00 04 00 00 00 00 00 00 00 00 00
    ff ff 00 00  // snaplen
    65 00 00 00  // link type 101, raw IP
    00 e1 f5 65  // ts_sec
    ff c9 9a 3b  // ts_nsec 999999999
    01 00 00 00  // caplen 1
    01 00 00 00  // len 1
    45
  `);
  const big = hex(`
    a1 b2 3c 4d  // magic a1b23c4d big-endian
    00 02 00 04 00 00 00 00 00 00 00 00
    00 00 ff ff
    00 00 00 65
    65 f5 e1 00
    3b 9a c9 ff  // ts_nsec 999999999
    00 00 00 01
    00 00 00 01
    45
  `);
  for (const bytes of [little, big]) {
    const reader = open(bytes);
    assert.equal(reader.info.interfaces[0].tsResolution, 1e9);
    const [record] = readAll(reader);
    assert.deepEqual([record.timeSec, record.timeNs, record.linkType, record.data], [0x65f5e100, 999999999, 101, [0x45]]);
  }
});

test('a sub-second field of a second or more carries into the seconds', () => {
  const bytes = littleEndianMicroseconds.slice(0, 44);
  new DataView(bytes.buffer).setUint32(28, 2_500_000, true);
  const [record] = readAll(open(bytes));
  assert.deepEqual([record.timeSec, record.timeNs], [0x65f5e100 + 2, 500_000_000]);
});

test('records straddling chunk boundaries come out whole at every chunk size', () => {
  for (let chunkSize = 1; chunkSize <= 64; chunkSize++) {
    assert.deepEqual(readAll(open(littleEndianMicroseconds, chunkSize)), expectedRecords, `chunk size ${chunkSize}`);
  }
});

test('the FCS and reserved bits above the link type are masked off, as libpcap does', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0x01, 0x00, 0x00, 0x30], 20); // 0x30000001: FCS length 3 words, link type 1
  const reader = open(bytes);
  assert.equal(reader.info.interfaces[0].linkType, 1);
  assert.equal(readAll(reader)[0].linkType, 1);
});

test('a record longer than the snaplen is read whole, as tshark does', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0x02, 0x00, 0x00, 0x00], 16); // snaplen 2, record 0 has caplen 4
  assert.deepEqual(readAll(open(bytes)), expectedRecords);
});

test('version 2.2 files with the two lengths the other way round are put right', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0x02, 0x00], 6); // version 2.2
  bytes.set([0x3c, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00], 32); // "caplen" 60, "len" 4
  assert.deepEqual(readAll(open(bytes))[0].capturedLength, 4);
});

test('a capture cut short inside a record keeps the records before it and warns once', () => {
  const reader = open(littleEndianMicroseconds.subarray(0, littleEndianMicroseconds.length - 1), 8);
  assert.deepEqual(readAll(reader), expectedRecords.slice(0, 1));
  assert.deepEqual(reader.warnings, [{ code: 'cut-short', offset: 44, message: 'cut short in the middle of a packet: 17 of 18 bytes present' }]);
  assert.equal(reader.next(), null);
  assert.equal(reader.warnings.length, 1);
});

test('a capture cut short inside a record header warns with its offset', () => {
  const reader = open(littleEndianMicroseconds.subarray(0, 44 + 5));
  assert.equal(readAll(reader).length, 1);
  assert.deepEqual(reader.warnings, [{ code: 'cut-short', offset: 44, message: 'cut short in the middle of a packet: 5 of 16 bytes present' }]);
});

test('an impossible captured length is an error at its record, after the records before it', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0xff, 0xff, 0xff, 0x7f], 44 + 8); // record 1 caplen 0x7fffffff
  const { records, error } = readUntilError(open(bytes));
  assert.deepEqual(records, expectedRecords.slice(0, 1));
  assert.ok(error instanceof CaptureError);
  assert.equal(error.message, 'fixture.cap: record captured length 2147483647 exceeds the limit of 262144 bytes at byte 44');
  assert.deepEqual([error.offset, error.code], [44, 'record-too-large']);
});

test('a snaplen above 256 MiB still caps the captured length at 256 MiB', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0xff, 0xff, 0xff, 0xff], 16); // snaplen 4 GiB - 1
  bytes.set([0x01, 0x00, 0x00, 0x10], 24 + 8); // record 0 caplen 0x10000001
  assert.throws(() => open(bytes).next(), {
    message: 'fixture.cap: record captured length 268435457 exceeds the limit of 268435456 bytes at byte 24',
  });
});

test('major version other than 2 is refused', () => {
  const bytes = littleEndianMicroseconds.slice();
  bytes.set([0x01, 0x00], 4);
  assert.throws(() => open(bytes), { name: 'CaptureError', code: 'bad-version', message: 'fixture.cap: unsupported pcap version 1.4 at byte 4' });
});

test('a file header cut short is an error', () => {
  assert.throws(() => open(littleEndianMicroseconds.subarray(0, 20)), {
    code: 'cut-short',
    message: 'fixture.cap: pcap file header cut short: 20 of 24 bytes at byte 0',
  });
});

test('a header-only file has no records and no warnings', () => {
  const reader = open(littleEndianMicroseconds.subarray(0, 24));
  assert.equal(reader.next(), null);
  assert.deepEqual(reader.warnings, []);
});
