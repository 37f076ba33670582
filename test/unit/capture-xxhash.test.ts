/** The checksums of the LZ4 and Zstandard frames, against xxHash's published values and the zstd tool's. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { Xxh32, xxh32 } from '../../src/analyzer/capture/compression/xxhash32.js';
import { Xxh64 } from '../../src/analyzer/capture/compression/xxhash64.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function xxh64Low(bytes: Uint8Array, step = Math.max(1, bytes.length)): number {
  const hash = new Xxh64();
  for (let at = 0; at < bytes.length; at += step) hash.update(bytes, at, Math.min(bytes.length, at + step));
  return hash.digestLow32();
}

test('XXH32 of the empty string, "a" and a sentence, whole and in pieces', () => {
  assert.equal(xxh32(new Uint8Array(0)), 0x02cc5d05);
  assert.equal(xxh32(text('a')), 0x550d7456);
  assert.equal(xxh32(text('Nobody inspects the spammish repetition')), 0xe2293b2f);
  const bytes = Uint8Array.from({ length: 1000 }, (_, n) => (n * 7) & 0xff);
  const pieces = new Xxh32();
  for (let at = 0; at < bytes.length; at += 13) pieces.update(bytes, at, Math.min(bytes.length, at + 13));
  assert.equal(pieces.digest(), xxh32(bytes));
});

test('XXH64 (its low 32 bits, as zstd stores them) of short strings and of a capture zstd checksummed', () => {
  assert.equal(xxh64Low(new Uint8Array(0)), 0x51d8e999);
  assert.equal(xxh64Low(text('a')), 0xa98c6e5b);
  assert.equal(xxh64Low(text('abc')), 0xad770999);
  // `zstd -lv test/fixtures/compressed/story-client.pcap.zst`: "Check: XXH64 d5c2a6b5".
  const capture = readFileSync('samples/story-client.pcap');
  for (const step of [capture.length, 1, 7, 31, 32, 33, 1000]) assert.equal(xxh64Low(capture, step), 0xd5c2a6b5, `pieces of ${step}`);
});
