/**
 * Length fields that claim gigabytes: the reader must answer with an error at the offset (or a cut-short
 * warning when the claim is under the cap), never by allocating what the field says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { MAX_RECORD_BYTES } from '../../src/analyzer/capture/recordLimits.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { hex } from './captureFixtures.js';
import { growthOf } from './heapMeasure.js';

const MB = 1024 * 1024;

function analyze(bytes: Uint8Array) {
  return analyzeCaptureSync(new MemorySource(bytes), 'claims.cap');
}

function rejection(bytes: Uint8Array): CaptureError {
  const { result, growth } = growthOf(() => {
    try {
      analyze(bytes);
    } catch (error) {
      return error;
    }
    return null;
  });
  assert.ok(growth < 8 * MB, `grew by ${growth} bytes`);
  assert.ok(result instanceof CaptureError, String(result));
  return result;
}

const PCAP_HEADER = `
  d4c3b2a1 0200 0400  // magic (little-endian, µs), version 2.4
  00000000 00000000   // thiszone, sigfigs
  ffffffff 01000000   // snaplen 4 GB − 1, Ethernet
`;

test('a pcap record claiming 4 GB is an error at its header, with no allocation', () => {
  const error = rejection(hex(`${PCAP_HEADER}
    00000000 00000000   // seconds, microseconds
    f0ffffff f0ffffff   // captured and original length: 4,294,967,280
    00000000`));
  assert.equal(error.code, 'record-too-large');
  assert.equal(error.offset, 24);
  assert.match(error.message, /^claims\.cap: record captured length 4294967280 exceeds the limit of 268435456 bytes at byte 24$/);
});

test('a pcap record claiming 200 MB (under the cap) in a tiny file is cut short, not allocated', () => {
  const { result, growth } = growthOf(() => analyze(hex(`${PCAP_HEADER} 00000000 00000000 0000800c 0000800c 00000000`)));
  assert.ok(growth < 8 * MB, `grew by ${growth} bytes`);
  assert.deepEqual(result.warnings.map((w) => [w.code, w.offset]), [['cut-short', 24]]);
});

test('pcapng blocks claiming 4 GB are errors at the block, with no allocation', () => {
  const section = `
    0a0d0d0a 1c000000 4d3c2b1a 0100 0000  // SHB, 28 bytes, byte order, version 1.0
    ffffffff ffffffff 1c000000            // section length unknown, trailing length
  `;
  const huge = rejection(hex(`${section} 06000000 fcffffff 00000000`));
  assert.equal(huge.code, 'bad-block-length');
  assert.equal(huge.offset, 28);
  assert.match(huge.reason, new RegExp(`block length 4294967292 exceeds the limit of ${MAX_RECORD_BYTES} bytes`));
  const headerOnly = rejection(hex(`0a0d0d0a fcffffff 4d3c2b1a 0100 0000 ffffffff ffffffff`));
  assert.equal(headerOnly.offset, 0);
  assert.equal(headerOnly.code, 'bad-block-length');
});
