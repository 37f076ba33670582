/**
 * Compressed headers that ask for too much: a clear error, never an allocation sized by the field, a
 * crash or a hang. Frames written by hand, field by field.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { xxh32 } from '../../src/analyzer/capture/compression/xxhash32.js';
import { readAll, reportOf } from './compressedCaptures.js';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** A last raw block holding `bytes`: header = size << 3 | type 0 << 1 | last. */
function zstdRawBlock(bytes: number[], last: boolean): number[] {
  const word = (bytes.length << 3) | (last ? 1 : 0);
  return [word & 0xff, (word >>> 8) & 0xff, word >>> 16, ...bytes];
}

test('a zstd frame declaring a window over 128 MiB is refused at its header', () => {
  // Descriptor 0x00 (window descriptor present, no checksum, no dictionary); window byte 0x89 =
  // exponent 17, mantissa 1: 2^27 + 2^24 bytes.
  const frame = Uint8Array.from([...ZSTD_MAGIC, 0x00, 0x89, ...zstdRawBlock([1, 2, 3, 4], true)]);
  const reading = readAll(frame);
  assert.equal(reading.error?.code, 'compressed-too-large');
  assert.equal(reading.error?.offset, 0);
  assert.equal(reading.error?.reason, 'zstd data refused: the frame declares a window of 150994944 bytes, more than the 134217728 (128 MiB) allowed');
  // Exponent 31 (the largest a byte can say: 2^41 bytes).
  assert.equal(readAll(Uint8Array.from([...ZSTD_MAGIC, 0x00, 0xf8, ...zstdRawBlock([1], true)])).error?.code, 'compressed-too-large');
});

test('a single-segment zstd frame whose content size is 2^40 bytes is refused: its window is its content', () => {
  // Descriptor 0xe0: 8-byte content size, single segment.
  const size = [0, 0, 0, 0, 0, 1, 0, 0];
  const reading = readAll(Uint8Array.from([...ZSTD_MAGIC, 0xe0, ...size, ...zstdRawBlock([1], true)]));
  assert.equal(reading.error?.code, 'compressed-too-large');
});

test('a zstd frame that needs a dictionary is refused', () => {
  // Descriptor 0x01: a 1-byte dictionary id follows the window byte.
  const reading = readAll(Uint8Array.from([...ZSTD_MAGIC, 0x01, 0x00, 0x07, ...zstdRawBlock([1], true)]));
  assert.equal(reading.error?.code, 'compressed-too-large');
  assert.match(reading.error?.reason ?? '', /dictionary 7/);
});

test('a zstd block larger than the block maximum, or of the reserved type, is corrupt', () => {
  // Window 1 KiB (byte 0x00): blocks hold at most 1,024 bytes; this raw block claims 2,000.
  const oversized = readAll(Uint8Array.from([...ZSTD_MAGIC, 0x00, 0x00, ...zstdRawBlock(new Array(2000).fill(0xd4), true)]));
  assert.equal(oversized.error?.code, 'bad-compressed-data');
  assert.equal(oversized.error?.offset, 6);
  const reserved = readAll(Uint8Array.from([...ZSTD_MAGIC, 0x00, 0x00, 0x07, 0x00, 0x00]));
  assert.equal(reserved.error?.code, 'bad-compressed-data');
});

test('thousands of one-byte zstd blocks in an 8 MiB window are refused, not decoded for hours', () => {
  // Window byte 0x68: exponent 13, 8 MiB. RLE blocks of one byte (header 0x0a 0x00 0x00, then the byte).
  const blocks: number[] = [];
  for (let n = 0; n < 5000; n++) blocks.push(0x0a, 0x00, 0x00, 0xd4);
  const started = process.hrtime.bigint();
  const reading = readAll(Uint8Array.from([...ZSTD_MAGIC, 0x00, 0x68, ...blocks, ...zstdRawBlock([1], true)]));
  assert.equal(reading.error?.code, 'compressed-too-large');
  assert.match(reading.error?.reason ?? '', /blocks are too small for the frame's 8388608-byte window/);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000, 'refused within two seconds');
});

/**
 * A compressed block of `count` sequences whose tables are all RLE (so every bit is an extra bit): no
 * literals, literal length code 0, offset code 0 and match length code 52 (65,539 plus 16 extra bits,
 * here zero), so each 16 bits of the block claim a 64 KiB match in a block that may yield 128 KiB.
 */
function zstdLongMatches(count: number): Uint8Array {
  const body = new Uint8Array(8 + count * 2 + 1);
  // Literals header (raw, 0 bytes); 0xff then the count's excess over 0x7f00; modes 0x54: RLE for all three.
  body.set([0x00, 0xff, (count - 0x7f00) & 0xff, (count - 0x7f00) >>> 8, 0x54, 0x00, 0x00, 52]);
  // The bit stream is read backwards from its last byte, whose highest set bit is the start marker.
  body[body.length - 1] = 1;
  const word = (body.length << 3) | (2 << 1) | 1;
  // Window byte 0x38: 128 KiB.
  return Uint8Array.from([...ZSTD_MAGIC, 0x00, 0x38, word & 0xff, (word >>> 8) & 0xff, word >>> 16, ...body]);
}

test('a zstd block whose sequences claim far more than the block maximum is corrupt at its offset, in bounded time', () => {
  // fzstd 0.1.1 as published spends about a minute on this one 98 KB block, copying 3 GB to nowhere.
  const started = process.hrtime.bigint();
  const reading = readAll(zstdLongMatches(0x7f00 + 0x4000));
  assert.equal(reading.error?.code, 'bad-compressed-data');
  assert.equal(reading.error?.offset, 6);
  assert.match(reading.error?.reason ?? '', /the block at byte 6 does not decode \(a sequence reaches past the block's literals or its maximum size\)/);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 2000, 'refused within two seconds');
});

test('a real zstd frame with one byte of its sequences changed is corrupt at that block, not decoded for seconds', () => {
  // Byte 1965 of the fixture lies in the first block's sequences: the change gives a match length code
  // outside its table, which the published fzstd turned into NaN lengths that bypass its own checks.
  const damaged = new Uint8Array(readFileSync('test/fixtures/compressed/healthy-two-frames.pcap.zst'));
  assert.equal(damaged[1965], 0xa2, 'the fixture is the one this test was written against');
  damaged[1965] = 0xe2;
  const started = process.hrtime.bigint();
  const reading = readAll(damaged);
  assert.equal(reading.error?.code, 'bad-compressed-data');
  assert.equal(reading.error?.offset, 7);
  assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000, 'refused within a second');
});

/** An LZ4 frame header with FLG, BD and the header checksum (second byte of XXH32 of FLG BD). */
function lz4Header(flags: number, blockDescriptor: number): number[] {
  const descriptor = Uint8Array.from([flags, blockDescriptor]);
  return [0x04, 0x22, 0x4d, 0x18, flags, blockDescriptor, (xxh32(descriptor) >>> 8) & 0xff];
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}

test('an LZ4 block larger than the frame header\'s block maximum is corrupt, before it is read', () => {
  // FLG 0x60 (version 1, independent blocks), BD 0x40 (64 KiB blocks); the block claims 70,000 bytes.
  const frame = Uint8Array.from([...lz4Header(0x60, 0x40), ...u32le(70_000), 1, 2, 3]);
  const reading = readAll(frame);
  assert.equal(reading.error?.code, 'bad-compressed-data');
  assert.equal(reading.error?.offset, 7);
  assert.equal(reading.error?.reason, 'corrupt lz4 data: a block of 70000 bytes is larger than the frame\'s 65536-byte block maximum');
});

test('an LZ4 block that decodes to more than the block maximum is corrupt', () => {
  // One literal, then a match of offset 1 whose length bytes add up to 255 * 300: past 64 KiB.
  const block = [0x1f, 0xd4, 0x01, 0x00, ...new Array(300).fill(0xff), 0x00, 0x00];
  const frame = Uint8Array.from([...lz4Header(0x60, 0x40), ...u32le(block.length), ...block, ...u32le(0)]);
  const reading = readAll(frame);
  assert.equal(reading.error?.code, 'bad-compressed-data');
  assert.match(reading.error?.reason ?? '', /decodes to more than the 65536 bytes its frame allows/);
});

test('an LZ4 match reaching before the data, or a header checksum that does not match, is corrupt', () => {
  const reaching = [0x10, 0xd4, 0x05, 0x00, 0x00];
  assert.match(readAll(Uint8Array.from([...lz4Header(0x60, 0x40), ...u32le(reaching.length), ...reaching, ...u32le(0)])).error?.reason ?? '', /match offset 5 reaches before the start/);
  const header = lz4Header(0x60, 0x40);
  header[6] ^= 1;
  const bad = readAll(Uint8Array.from([...header, ...u32le(0)]));
  assert.equal(bad.error?.code, 'bad-compressed-data');
  assert.equal(bad.error?.offset, 6);
});

test('a skippable frame that claims 4 GB in a short file is cut short, passed over in bounded steps', () => {
  // An empty LZ4 frame (header, end mark), then the skippable frame.
  const file = Uint8Array.from([...lz4Header(0x60, 0x40), ...u32le(0), 0x50, 0x2a, 0x4d, 0x18, 0xff, 0xff, 0xff, 0xff, 1, 2, 3]);
  const reading = readAll(file);
  assert.equal(reading.error?.code, 'compressed-cut-short');
  assert.equal(reading.error?.offset, file.length);
});

test('a gzip capture whose record claims 200 MB grows the buffer only by the bytes there', () => {
  const header = Buffer.from('d4c3b2a1020004000000000000000000ffffff7f01000000', 'hex');
  const record = Buffer.alloc(16 + 100);
  record.writeUInt32LE(200_000_000, 8);
  record.writeUInt32LE(200_000_000, 12);
  const plain = Buffer.concat([header, record]);
  const before = process.memoryUsage().arrayBuffers;
  const report = reportOf(gzipSync(plain));
  assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'no 200 MB buffer');
  assert.deepEqual(report, reportOf(plain));
  assert.equal((report as { captures: { warnings: { code: string }[] }[] }).captures[0].warnings[0].code, 'cut-short');
});

test('a pcapng block that claims more than the decompressed data holds is cut short at the block', () => {
  const pcapng = readFileSync('test/fixtures/hostile/injection.pcapng');
  const cut = pcapng.subarray(0, pcapng.length - 10);
  assert.deepEqual(reportOf(gzipSync(cut)), reportOf(cut));
});
