import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { TimestampClock } from '../../src/analyzer/capture/timestampClock.js';
import { FileSource } from '../../src/node/fileSource.js';
import { hex, open, readAll } from './captureFixtures.js';

const pcapHeaderOnly = hex(`
  d4 c3 b2 a1  // pcap magic, little-endian
  02 00 04 00 00 00 00 00 00 00 00 00
  ff ff 00 00  // snaplen
  01 00 00 00  // link type 1
`);

const pcapngHeaderOnly = hex(`
  0a 0d 0d 0a 1c 00 00 00  // Section Header Block, length 28
  4d 3c 2b 1a 01 00 00 00  // little-endian, version 1.0
  ff ff ff ff ff ff ff ff  // section length unknown
  1c 00 00 00
`);

test('the format comes from the first bytes, whatever the name says', () => {
  assert.equal(open(pcapHeaderOnly, undefined, 'capture.pcapng').info.format, 'pcap');
  assert.equal(open(pcapngHeaderOnly, undefined, 'capture.cap').info.format, 'pcapng');
});

test('an ELF binary is not a capture', () => {
  const elf = hex('7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00');
  assert.throws(() => open(elf, undefined, 'a.out'), {
    name: 'CaptureError',
    code: 'not-a-capture',
    offset: 0,
    message: 'a.out: not a capture file: unknown magic 0x7f454c46 at byte 0',
  });
});

test('a file shorter than a magic is not a capture', () => {
  assert.throws(() => open(hex('d4 c3'), undefined, 'tiny.pcap'), {
    code: 'not-a-capture',
    message: 'tiny.pcap: not a capture file: only 2 bytes at byte 0',
  });
});

test('FileSource reads a capture from disk in chunks', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'capture-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'one.pcap');
  const record = hex(`
    01 00 00 00 02 00 00 00  // ts_sec 1, ts_usec 2
    03 00 00 00 03 00 00 00  // caplen 3, len 3
    0a 0b 0c
  `);
  writeFileSync(path, Buffer.concat([pcapHeaderOnly, record, record]));
  const source = new FileSource(path);
  t.after(() => source.close());
  const records = readAll(openCapture(source, path, { chunkSize: 7 }));
  assert.deepEqual(records.map((r) => [r.offset, r.timeSec, r.timeNs, r.data]), [
    [24, 1, 2000, [10, 11, 12]],
    [43, 1, 2000, [10, 11, 12]],
  ]);
});

test('pcapng timestamps split exactly into seconds and nanoseconds at every resolution', () => {
  const samples = [0n, 1n, 999_999_999n, 1_710_612_736_123_456_789n, (1n << 63n) + 12345n, (1n << 64n) - 1n, 0x1fffffn << 32n];
  const resolutions = [0, 3, 6, 9, 0x80 | 10, 0x80 | 20, 0x80 | 32, 0x80 | 40, 12];
  for (const tsresol of resolutions) {
    const clock = TimestampClock.fromResolution(tsresol, -5);
    const units = BigInt(clock.unitsPerSecond);
    for (const count of samples) {
      clock.set(Number(count >> 32n), Number(count & 0xffffffffn));
      const seconds = count / units;
      const expectedSeconds = Number(seconds) - 5;
      const expectedNs = Number(((count % units) * 1_000_000_000n) / units);
      // Seconds beyond 2^53 cannot be exact as numbers; no real capture comes near.
      if (seconds < 1n << 53n) assert.equal(clock.timeSec, expectedSeconds, `tsresol ${tsresol} count ${count}`);
      // Whole nanoseconds per unit must be exact; finer binary units may round by one.
      const tolerance = 1_000_000_000n % units === 0n ? 0 : 1;
      assert.ok(Math.abs(clock.timeNs - expectedNs) <= tolerance, `tsresol ${tsresol} count ${count}: ${clock.timeNs} vs ${expectedNs}`);
      assert.ok(clock.timeNs >= 0 && clock.timeNs < 1e9);
    }
  }
});
