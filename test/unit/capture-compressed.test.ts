/**
 * A compressed capture analyses exactly like its original: the samples, the fixtures and a selection of
 * the third-party corpus, compressed with gzip (zlib), zstd and lz4, and the reference tools' own files.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';
import { readZstdFrameHeader } from '../../src/analyzer/capture/compression/zstdFrameHeader.js';
import { compressionOfReport, compressors, gzipMembers, readAll, reportOf } from './compressedCaptures.js';

const SAMPLES = ['samples/story-client.pcap', 'samples/story-server.pcap', 'samples/healthy.pcap', 'samples/refused-and-unanswered.pcap'];
const FIXTURES = ['test/fixtures/real/node-side.pcap', 'test/fixtures/real/pod-a.pcap', 'test/fixtures/hostile/injection.pcapng'];

/** Every 25th corpus capture up to 1 MB: pcap and pcapng, both byte orders, broken files among them. */
function corpusSelection(): string[] {
  return corpusCaptures().filter((capture, n) => n % 25 === 0 && statSync(join(CORPUS_ROOT, capture)).size <= 1024 * 1024);
}

async function assertSameAsOriginal(path: string, bytes: Uint8Array): Promise<void> {
  const expected = reportOf(bytes);
  for (const [name, compress] of Object.entries(await compressors())) {
    const compressed = compress(bytes);
    assert.deepEqual(reportOf(compressed), expected, `${path} compressed with ${name}`);
    assert.deepEqual(readAll(compressed).records, readAll(bytes).records, `${path} records, ${name}`);
  }
}

test('samples and fixtures compressed with gzip, zstd and lz4 analyse exactly like the originals', async () => {
  for (const path of [...SAMPLES, ...FIXTURES]) await assertSameAsOriginal(path, readFileSync(path));
});

test('corpus captures compressed with gzip, zstd and lz4 analyse exactly like the originals', async (t) => {
  if (!corpusAvailable()) {
    t.skip(CORPUS_ABSENT);
    return;
  }
  const selection = corpusSelection();
  assert.ok(selection.length >= 25, `${selection.length} corpus captures selected`);
  for (const capture of selection) await assertSameAsOriginal(capture, readFileSync(join(CORPUS_ROOT, capture)));
});

test('the report names the compression; a plain capture has none', async () => {
  const plain = readFileSync('samples/healthy.pcap');
  const { gzip, zstd, lz4 } = await compressors();
  assert.equal(compressionOfReport(plain), null);
  assert.equal(compressionOfReport(gzip(plain)), 'gzip');
  assert.equal(compressionOfReport(zstd(plain)), 'zstd');
  assert.equal(compressionOfReport(lz4(plain)), 'lz4');
});

test('concatenated gzip members read as one capture, wherever the members are cut', () => {
  const plain = readFileSync('samples/story-client.pcap');
  const expected = reportOf(plain);
  // Cuts inside the file header, on a record boundary (24 + the first record) and inside records.
  for (const cuts of [[10], [24], [1000, 1001], [3, 5000, 20000, 30000], Array.from({ length: 40 }, (_, n) => 700 * (n + 1))]) {
    assert.deepEqual(reportOf(gzipMembers(plain, cuts)), expected, `members cut at ${cuts.join(', ')}`);
  }
});

test('zero padding after the last gzip member is accepted, other trailing bytes are not', () => {
  const plain = readFileSync('samples/healthy.pcap');
  const gz = gzipMembers(plain, [9000]);
  assert.deepEqual(reportOf(Buffer.concat([gz, Buffer.alloc(300)])), reportOf(plain));
  const garbage = readAll(Buffer.concat([gz, Buffer.from('trailing text')]));
  const failure = garbage.warnings.at(-1);
  assert.equal(failure?.code, 'bad-compressed-data');
  // zlib reads a member's two magic bytes before it checks them.
  assert.ok(failure !== undefined && failure.offset >= gz.length && failure.offset <= gz.length + 1, `${failure?.offset} after ${gz.length}`);
  const padded = readAll(Buffer.concat([gz, Buffer.alloc(10), Buffer.from('x')]));
  assert.equal(padded.warnings.at(-1)?.offset, gz.length + 10);
  assert.deepEqual(garbage.records, readAll(plain).records, 'every record of the members is kept');
});

test('the reference tools output: zstd -19 with checksum, two frames and a skippable frame, lz4 linked blocks', () => {
  const story = readFileSync('samples/story-client.pcap');
  const healthy = readFileSync('samples/healthy.pcap');
  const merged = Buffer.concat([story, readFileSync('samples/story-server.pcap').subarray(24), healthy.subarray(24)]);
  const cases: [string, Uint8Array][] = [
    ['story-client.pcap.zst', story],
    ['healthy-two-frames.pcap.zst', healthy],
    ['healthy-two-frames.pcap.lz4', healthy],
    ['merged-linked.pcap.lz4', merged],
  ];
  for (const [fixture, original] of cases) {
    const compressed = readFileSync(join('test/fixtures/compressed', fixture));
    assert.deepEqual(reportOf(compressed), reportOf(original), fixture);
    assert.deepEqual(readAll(compressed).records, readAll(original).records, fixture);
  }
  assert.equal(merged.length, 80_422);
});

test('a zstd frame several times longer than its window decodes exactly, its window sliding along its buffer', async () => {
  // 480 copies of healthy.pcap's records (9.6 MB), each with its own timestamps so that no two are alike:
  // zstd -3 gives a 9.6 MB input a 2 MiB window, so the decoder's window moves to the start of its buffer
  // (twice the window) again and again, with back-references reaching across each move.
  const healthy = readFileSync('samples/healthy.pcap');
  const copies = Array.from({ length: 480 }, (_, copy) => {
    const records = Buffer.from(healthy.subarray(24));
    for (let at = 0; at + 16 <= records.length; at += 16 + records.readUInt32LE(at + 8)) records.writeUInt32LE(records.readUInt32LE(at) + copy * 7, at);
    return records;
  });
  const original = Buffer.concat([healthy.subarray(0, 24), ...copies]);
  const compressed = (await compressors()).zstd(original);
  const header = readZstdFrameHeader(compressed);
  assert.ok(typeof header !== 'string' && header.windowSize * 4 < original.length, `window ${typeof header === 'string' ? header : header.windowSize} for ${original.length} bytes`);
  assert.deepEqual(readAll(compressed), readAll(original));
});

test('a plain capture named .gz is read as what its bytes say', () => {
  const plain = readFileSync('samples/healthy.pcap');
  assert.equal(compressionOfReport(plain), null);
  assert.deepEqual(reportOf(plain), reportOf(Uint8Array.from(plain)));
});

test('a capture compressed twice is not unpacked twice: the inner gzip is not a capture', async () => {
  const { gzip } = await compressors();
  const twice = gzip(gzip(readFileSync('samples/healthy.pcap')));
  assert.deepEqual(reportOf(twice), { error: 'not-a-capture', offset: 0, reason: 'not a capture file: unknown magic 0x1f8b0800' });
});
