/**
 * Compressed captures cut short or corrupted: one warning or error at the offset in the compressed file,
 * and the records decoded before it kept, exactly as a plain file cut short keeps its records.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { constants, gunzipSync } from 'node:zlib';
import { compressors, readAll, recordsWithin, reportOf, type Reading } from './compressedCaptures.js';

const STREAM_CODES = ['compressed-cut-short', 'bad-compressed-data', 'compressed-too-large'];
const plain = readFileSync('samples/story-client.pcap');
const allRecords = readAll(plain).records;

/** The stream's failure: the last warning of a reading that went on, or the error that stopped it. */
function streamFailure(reading: Reading): { code: string; offset: number } | null {
  const warning = reading.warnings.at(-1);
  if (warning !== undefined && STREAM_CODES.includes(warning.code)) return warning;
  if (reading.error !== null && STREAM_CODES.includes(reading.error.code)) return reading.error;
  return null;
}

function cutOffsets(length: number): number[] {
  const offsets = new Set([4, 5, 8, 10, 12, 18, 20, 30, length - 8, length - 4, length - 1]);
  for (let n = 1; n < 60; n++) offsets.add(Math.floor((length * n) / 60));
  return [...offsets].filter((offset) => offset >= 4 && offset < length).sort((a, b) => a - b);
}

test('a gzip file cut anywhere keeps every record zlib can decode before the cut', async () => {
  const compressed = (await compressors()).gzip(plain);
  for (const cut of cutOffsets(compressed.length)) {
    const reading = readAll(compressed.subarray(0, cut));
    const failure = streamFailure(reading);
    assert.deepEqual([failure?.code, failure?.offset], ['compressed-cut-short', cut], `cut at ${cut}`);
    const decodable = gunzipSync(compressed.subarray(0, cut), { finishFlush: constants.Z_SYNC_FLUSH }).length;
    const expected = recordsWithin(plain, decodable);
    if (reading.error === null) assert.deepEqual(reading.records, expected, `records before the cut at ${cut}`);
    else assert.ok(decodable < 24, `the cut at ${cut} leaves ${decodable} bytes: no file header`);
  }
});

test('zstd and lz4 files cut anywhere: the error at the cut, the records before it an exact prefix', async () => {
  const { zstd, lz4 } = await compressors();
  for (const [name, compressed] of [['zstd', zstd(plain)], ['lz4', lz4(plain)]] as const) {
    for (const cut of cutOffsets(compressed.length)) {
      const reading = readAll(compressed.subarray(0, cut));
      const failure = streamFailure(reading);
      assert.equal(failure?.code, 'compressed-cut-short', `${name} cut at ${cut}`);
      assert.equal(failure?.offset, cut, `${name} cut at ${cut}`);
      assert.deepEqual(reading.records, allRecords.slice(0, reading.records.length), `${name} cut at ${cut}`);
    }
    // The end mark or content checksum is missing: every record was decoded.
    assert.deepEqual(readAll(compressed.subarray(0, compressed.length - 1)).records, name === 'lz4' ? allRecords : readAll(compressed.subarray(0, compressed.length - 1)).records);
  }
});

test('a cut-short compressed file analyses what came before and says where it ends', async () => {
  const compressed = (await compressors()).gzip(plain);
  const cut = Math.floor(compressed.length / 2);
  const report = reportOf(compressed.subarray(0, cut)) as { captures: { warnings: { code: string; offset: number; message: string }[]; packets: number }[] };
  const [capture] = report.captures;
  assert.ok(capture.packets > 0 && capture.packets < allRecords.length, `${capture.packets} packets`);
  assert.deepEqual(capture.warnings.at(-1), {
    code: 'compressed-cut-short',
    offset: cut,
    message: 'gzip data cut short: the file ends inside a member (its deflate data or its CRC-32 and length)',
  });
});

/** A deterministic stream of offsets for the corruption tests. */
function* offsets(seed: number, count: number, length: number): Generator<number> {
  let state = seed;
  for (let n = 0; n < count; n++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    yield state % length;
  }
}

test('corrupt bytes are one CaptureError or warning, found at or after the damage, never a crash', async () => {
  const { gzip, zstd, lz4 } = await compressors();
  // How many of 60 corruptions the decoder must catch: gzip checks a CRC-32, lz4 -BX block and content
  // checksums, zstd --check a content checksum; the encoders' zstd and LZ4 frames carry none.
  const cases: [string, Uint8Array, number][] = [
    ['gzip', gzip(plain), 40],
    ['lz4 -BX', readFileSync('test/fixtures/compressed/merged-linked.pcap.lz4'), 40],
    ['lz4', lz4(plain), 0],
    ['zstd', zstd(plain), 0],
    ['zstd -19 --check', readFileSync('test/fixtures/compressed/story-client.pcap.zst'), 40],
  ];
  for (const [name, compressed, least] of cases) {
    let caught = 0;
    for (const at of offsets(7, 60, compressed.length)) {
      const mutated = Uint8Array.from(compressed);
      mutated[at] ^= 0x5a;
      const reading = readAll(mutated);
      reportOf(mutated);
      const failure = streamFailure(reading);
      if (failure === null) continue;
      caught++;
      assert.ok(failure.offset <= compressed.length, `${name} damage at ${at}: failure at ${failure.offset}`);
      // zlib and the LZ4 decoder see a bad byte when they reach it (a block is judged from its 4-byte size on).
      if (!name.startsWith('zstd')) assert.ok(failure.offset >= at - 3, `${name} damage at ${at}: failure at ${failure.offset}`);
    }
    assert.ok(caught >= least, `${name}: ${caught} of 60 corruptions caught by the decoder`);
  }
});

test('a gzip member whose CRC-32 or ISIZE lies: every record kept, one warning at the trailer', async () => {
  const compressed = (await compressors()).gzip(plain);
  for (const [field, at, reason] of [['CRC-32', compressed.length - 8, 'incorrect data check'], ['ISIZE', compressed.length - 4, 'incorrect length check']] as const) {
    const lying = Uint8Array.from(compressed);
    lying[at] ^= 0x01;
    const reading = readAll(lying);
    assert.deepEqual(reading.records, allRecords, field);
    const warning = reading.warnings.at(-1);
    assert.equal(warning?.code, 'bad-compressed-data', field);
    assert.equal(warning?.message, `corrupt gzip data: ${reason}`, field);
    assert.ok(warning !== undefined && warning.offset >= at && warning.offset < compressed.length, `${field}: at ${warning?.offset}`);
  }
});

test('a zstd content checksum that does not match: every record kept, one warning at the checksum', () => {
  const compressed = readFileSync('test/fixtures/compressed/story-client.pcap.zst');
  const lying = Uint8Array.from(compressed);
  lying[compressed.length - 2] ^= 0x10;
  const reading = readAll(lying);
  assert.deepEqual(reading.records, allRecords);
  assert.deepEqual(reading.warnings.at(-1), {
    code: 'bad-compressed-data',
    offset: compressed.length - 4,
    message: 'corrupt zstd data: the content checksum does not match the decompressed data',
  });
  assert.deepEqual(readAll(compressed).warnings, []);
});

test('an error of the capture inside a sound compressed stream is the reader\'s, in decompressed bytes', async () => {
  const broken = Uint8Array.from(plain);
  broken[4] = 9; // pcap major version 9
  const compressed = (await compressors()).zstd(broken);
  const reading = readAll(compressed);
  assert.equal(reading.error?.code, 'bad-version');
  assert.equal(reading.error?.offset, 4);
  assert.equal(reading.error?.message, 'capture: unsupported pcap version 9.4 (in the zstd-decompressed data) at byte 4');
});
