/**
 * pcapng shapes that would grow the reader's state without bound: hundreds of thousands of interfaces,
 * a million sections, a comment on every packet. Each file is streamed into a temporary file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MAX_INTERFACES } from '../../src/analyzer/capture/recordLimits.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { FileSource } from '../../src/node/fileSource.js';
import { handshakeFrames } from '../../tools/fuzz/handshakeFrames.js';
import { growthOf } from './heapMeasure.js';

const MB = 1024 * 1024;

/** Writes `head`, then `block` `copies` times, in batches; returns the path. */
function streamedFile(name: string, head: Uint8Array, block: Uint8Array, copies: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'handshake-lens-limits-')), name);
  // Batches of about 1 MB: the batch is garbage once written, and a large one would still count as
  // array-buffer memory while V8 frees it in the background.
  const batchCopies = Math.max(1, Math.min(10_000, Math.floor(MB / block.length)));
  const batch = new Uint8Array(block.length * batchCopies);
  for (let i = 0; i < batchCopies; i++) batch.set(block, i * block.length);
  const descriptor = openSync(path, 'w');
  writeSync(descriptor, head);
  for (let left = copies; left > 0; left -= batchCopies) writeSync(descriptor, batch, 0, Math.min(left, batchCopies) * block.length);
  closeSync(descriptor);
  return path;
}

function analyzeFile(path: string) {
  const source = new FileSource(path);
  try {
    return analyzeCaptureSync(source, path);
  } finally {
    source.close();
    rmSync(dirname(path), { recursive: true, force: true });
  }
}

test(`interfaces past ${MAX_INTERFACES} are an error at the first one too many, with bounded memory`, () => {
  const writer = new PcapngWriter();
  const path = streamedFile('interfaces.pcapng', writer.header(), writer.encodeInterface({ linkType: 1, name: 'eth0' }), 200_000);
  const { result, growth } = growthOf(() => {
    try {
      return analyzeFile(path);
    } catch (error) {
      return error;
    }
  });
  assert.ok(result instanceof CaptureError, String(result));
  assert.equal(result.code, 'too-many-interfaces');
  const idbLength = writer.encodeInterface({ linkType: 1, name: 'eth0' }).length;
  assert.equal(result.offset, writer.header().length + MAX_INTERFACES * idbLength);
  assert.ok(growth < 64 * MB, `grew by ${(growth / MB).toFixed(1)} MB`);
});

test('a million sections are read with no state kept per section', () => {
  const section = new PcapngWriter().header();
  const path = streamedFile('sections.pcapng', section, section, 1_000_000);
  const { result, growth } = growthOf(() => analyzeFile(path));
  assert.equal(result.summary.packets, 0);
  assert.deepEqual(result.warnings, []);
  assert.ok(growth < 4 * MB, `grew by ${(growth / MB).toFixed(1)} MB`);
});

test('a long comment on every packet keeps 1000 comments of at most 4096 characters', () => {
  const writer = new PcapngWriter({ interfaces: [{ linkType: 1 }] });
  const [syn] = handshakeFrames({ linkType: 1, client: '10.0.0.1', clientPort: 40000, server: '10.0.0.2', serverPort: 80, tsval: 1 });
  const commented = writer.encodeRecord(1_700_000_000, syn, 0, syn.length, 'x'.repeat(60_000));
  const path = streamedFile('comments.pcapng', writer.header(), commented, 2_000);
  const { result, growth } = growthOf(() => analyzeFile(path));
  assert.equal(result.info.comments.length, 1000);
  assert.ok(result.info.comments.every((comment) => comment.length <= 4097));
  assert.ok(growth < 16 * MB, `grew by ${(growth / MB).toFixed(1)} MB`);
});
