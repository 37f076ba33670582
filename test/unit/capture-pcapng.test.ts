import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CaptureError } from '../../src/analyzer/errors.js';
import { hex, open, readAll, readUntilError } from './captureFixtures.js';

/** Two sections: a little-endian one with two interfaces, then a big-endian one. */
const sectionLittleEndian = `
  // Section Header Block at byte 0
  0a 0d 0d 0a              // block type
  40 00 00 00              // block length 64
  4d 3c 2b 1a              // byte-order magic 1a2b3c4d: little-endian
  01 00 00 00              // version 1.0
  ff ff ff ff ff ff ff ff  // section length: unknown
  01 00 05 00              // opt_comment, 5 bytes
  68 65 6c 6c 6f 00 00 00  // "hello", padding
  03 00 05 00              // shb_os, 5 bytes
  4c 69 6e 75 78 00 00 00  // "Linux", padding
  04 00 03 00              // shb_userappl, 3 bytes
  61 70 70 00              // "app", padding
  00 00 00 00              // opt_endofopt
  40 00 00 00              // block length 64
  // Interface Description Block at byte 64: interface 0
  01 00 00 00              // block type
  30 00 00 00              // block length 48
  01 00 00 00              // link type 1 (Ethernet), reserved
  00 00 04 00              // snaplen 262144
  02 00 04 00 65 74 68 30  // if_name "eth0"
  03 00 04 00 77 69 72 65  // if_description "wire"
  09 00 01 00 09 00 00 00  // if_tsresol 9: nanoseconds
  00 00 00 00              // opt_endofopt
  30 00 00 00              // block length 48
  // Interface Description Block at byte 112: interface 1
  01 00 00 00              // block type
  2c 00 00 00              // block length 44
  71 00 00 00              // link type 113 (Linux cooked), reserved
  00 00 00 00              // snaplen 0: unlimited
  09 00 01 00 8a 00 00 00  // if_tsresol 0x8a: 2^-10 s
  0e 00 08 00              // if_tsoffset, 8 bytes
  64 00 00 00 00 00 00 00  // 100 s
  00 00 00 00              // opt_endofopt
  2c 00 00 00              // block length 44
  // Enhanced Packet Block at byte 156
  06 00 00 00              // block type
  30 00 00 00              // block length 48
  00 00 00 00              // interface 0
  38 51 bd 17              // timestamp high: 1710612736123456789 ns
  15 cd e5 64              // timestamp low
  03 00 00 00              // captured length 3
  3c 00 00 00              // original length 60
  aa bb cc 00              // packet bytes, padding
  01 00 03 00 70 6b 74 00  // opt_comment "pkt"
  00 00 00 00              // opt_endofopt
  30 00 00 00              // block length 48
  // Name Resolution Block at byte 204: skipped
  04 00 00 00 10 00 00 00  // block type, length 16
  00 00 00 00              // nrb_record_end
  10 00 00 00              // block length 16
  // Enhanced Packet Block at byte 220
  06 00 00 00              // block type
  20 00 00 00              // block length 32
  01 00 00 00              // interface 1
  00 00 00 00              // timestamp high
  00 16 00 00              // timestamp low 0x1600 = 5.5 s in 2^-10 s units
  00 00 00 00              // captured length 0
  00 00 00 00              // original length 0
  20 00 00 00              // block length 32
  // Custom Block at byte 252: no packet, but a frame to tshark
  ad 0b 00 00 14 00 00 00  // block type 0xbad, length 20
  7f 00 00 00              // private enterprise number
  01 02 03 04              // custom data
  14 00 00 00              // block length 20
  // unknown block type at byte 272: skipped
  78 56 34 12 0c 00 00 00  // block type 0x12345678, length 12
  0c 00 00 00              // block length 12
`;

const sectionBigEndian = `
  // Section Header Block at byte 284
  0a 0d 0d 0a              // block type (the same in both byte orders)
  00 00 00 1c              // block length 28
  1a 2b 3c 4d              // byte-order magic: big-endian
  00 01 00 00              // version 1.0
  ff ff ff ff ff ff ff ff  // section length: unknown
  00 00 00 1c              // block length 28
  // Interface Description Block at byte 312: interface 0 of this section
  00 00 00 01 00 00 00 14  // block type, length 20
  00 65 00 00              // link type 101 (raw IP), reserved
  00 00 00 02              // snaplen 2
  00 00 00 14              // block length 20
  // Simple Packet Block at byte 332
  00 00 00 03 00 00 00 14  // block type, length 20
  00 00 00 05              // original length 5
  45 00 00 00              // packet bytes: cut to the snaplen 2
  00 00 00 14              // block length 20
  // obsolete Packet Block at byte 352
  00 00 00 02 00 00 00 24  // block type, length 36
  00 00 00 00              // interface 0, drops count 0
  00 00 00 00 00 0f 42 40  // timestamp 1000000 us
  00 00 00 02 00 00 00 02  // captured length 2, original length 2
  60 00 00 00              // packet bytes, padding
  00 00 00 24              // block length 36
`;

const twoSections = hex(sectionLittleEndian + sectionBigEndian);

const expectedRecords = [
  { index: 0, offset: 156, timeSec: 1710612736, timeNs: 123456789, linkType: 1, interfaceId: 0, capturedLength: 3, originalLength: 60, data: [0xaa, 0xbb, 0xcc] },
  { index: 1, offset: 220, timeSec: 105, timeNs: 500000000, linkType: 113, interfaceId: 1, capturedLength: 0, originalLength: 0, data: [] },
  { index: 3, offset: 332, timeSec: 0, timeNs: 0, linkType: 101, interfaceId: 2, capturedLength: 2, originalLength: 5, data: [0x45, 0x00] },
  { index: 4, offset: 352, timeSec: 1, timeNs: 0, linkType: 101, interfaceId: 2, capturedLength: 2, originalLength: 2, data: [0x60, 0x00] },
];

test('pcapng: sections of both byte orders, several interfaces, EPB, SPB and PB, other blocks skipped', () => {
  const reader = open(twoSections);
  assert.deepEqual(readAll(reader), expectedRecords);
  assert.deepEqual(reader.warnings, []);
  assert.equal(reader.frameCount, 5, 'the custom block is a frame to tshark');
  assert.deepEqual(reader.info, {
    format: 'pcapng',
    byteOrder: 'le',
    interfaces: [
      { id: 0, section: 0, linkType: 1, snaplen: 262144, tsResolution: 1e9, tsOffset: 0, name: 'eth0', description: 'wire' },
      { id: 1, section: 0, linkType: 113, snaplen: 0, tsResolution: 1024, tsOffset: 100 },
      { id: 0, section: 1, linkType: 101, snaplen: 2, tsResolution: 1e6, tsOffset: 0 },
    ],
    comments: ['hello', 'os: Linux', 'application: app', 'pkt'],
  });
});

test('pcapng: blocks straddling chunk boundaries come out whole at every chunk size', () => {
  for (let chunkSize = 1; chunkSize <= 80; chunkSize++) {
    const reader = open(twoSections, chunkSize);
    assert.deepEqual(readAll(reader), expectedRecords, `chunk size ${chunkSize}`);
    assert.equal(reader.frameCount, 5);
  }
});

test('pcapng: a big-endian first section sets the byte order', () => {
  const reader = open(hex(sectionBigEndian));
  assert.equal(reader.info.byteOrder, 'be');
  assert.deepEqual(readAll(reader).map((record) => record.offset), [332 - 284, 352 - 284]);
});

test('pcapng: a file cut short inside a block keeps the records before it and warns', () => {
  const reader = open(twoSections.subarray(0, 352 + 20), 16);
  assert.deepEqual(readAll(reader), expectedRecords.slice(0, 3));
  assert.deepEqual(reader.warnings, [{ code: 'cut-short', offset: 352, message: 'cut short in the middle of a packet: 20 of 36 bytes present' }]);
  assert.equal(reader.next(), null);
});

test('pcapng: a file cut short inside a skipped block warns too', () => {
  const reader = open(twoSections.subarray(0, 204 + 8), 16);
  assert.equal(readAll(reader).length, 1);
  assert.deepEqual(reader.warnings, [{ code: 'cut-short', offset: 204, message: 'cut short in the middle of a packet: 8 of 16 bytes present' }]);
});

/** The two sections with the 32-bit value at `offset` replaced, little-endian. */
function patched(offset: number, value: number, littleEndian = true): Uint8Array {
  const bytes = twoSections.slice();
  new DataView(bytes.buffer).setUint32(offset, value, littleEndian);
  return bytes;
}

function assertErrorAfter(bytes: Uint8Array, recordsBefore: number, expected: { message: string; code: string; offset: number }): void {
  const { records, error } = readUntilError(open(bytes));
  assert.equal(records.length, recordsBefore);
  assert.ok(error instanceof CaptureError, `expected a CaptureError, got ${String(error)}`);
  assert.deepEqual({ message: error.message, code: error.code, offset: error.offset }, expected);
}

test('pcapng: block lengths that are not a multiple of 4, too short or too large are errors at the block', () => {
  assertErrorAfter(patched(220 + 4, 33), 1, { message: 'fixture.cap: block length 33 is not a multiple of 4 at byte 220', code: 'bad-block-length', offset: 220 });
  assertErrorAfter(patched(204 + 4, 8), 1, { message: 'fixture.cap: block length 8 is shorter than the 12-byte minimum for block type 0x4 at byte 204', code: 'bad-block-length', offset: 204 });
  assertErrorAfter(patched(220 + 4, 0xfffffffc), 1, { message: 'fixture.cap: block length 4294967292 exceeds the limit of 268435456 bytes at byte 220', code: 'bad-block-length', offset: 220 });
});

test('pcapng: a trailing length that differs from the leading one is an error', () => {
  assertErrorAfter(patched(220 + 28, 36), 1, { message: 'fixture.cap: trailing block length 36 differs from the leading 32 at byte 220', code: 'bad-block-length', offset: 220 });
  assertErrorAfter(patched(204 + 12, 20), 1, { message: 'fixture.cap: trailing block length 20 differs from the leading 16 at byte 204', code: 'bad-block-length', offset: 204 });
});

test('pcapng: a captured length beyond the block or the limit is an error', () => {
  assertErrorAfter(patched(156 + 20, 100), 0, { message: 'fixture.cap: captured length 100 does not fit in a block of 48 bytes at byte 156', code: 'bad-packet-length', offset: 156 });
  assertErrorAfter(patched(156 + 20, 0x7fffffff), 0, { message: 'fixture.cap: record captured length 2147483647 exceeds the limit of 262144 bytes at byte 156', code: 'record-too-large', offset: 156 });
});

test('pcapng: a packet naming an interface the section lacks is an error', () => {
  assertErrorAfter(patched(220 + 8, 2), 1, { message: 'fixture.cap: packet names interface 2 but section 0 has 2 at byte 220', code: 'unknown-interface', offset: 220 });
});

test('pcapng: an option running past its block is an error', () => {
  assertErrorAfter(patched(64 + 16, 0x00400002), 0, { message: 'fixture.cap: option 2 of 64 bytes runs past the end of its block at byte 80', code: 'bad-option-length', offset: 80 });
});

test('pcapng: unknown byte-order magic and unsupported versions are refused', () => {
  assert.throws(() => open(patched(8, 0x11223344)), { code: 'bad-byte-order', message: 'fixture.cap: unknown byte-order magic 0x11223344 at byte 8' });
  assert.throws(() => open(patched(12, 0x00010001)), { code: 'bad-version', message: 'fixture.cap: unsupported pcapng version 1.1 at byte 12' });
  assertErrorAfter(patched(284 + 12, 0x00020000, false), 2, { message: 'fixture.cap: unsupported pcapng version 2.0 at byte 296', code: 'bad-version', offset: 296 });
});
