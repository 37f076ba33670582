/**
 * Times the TSval clock inference and the rates by attempt on a SYN-only capture of N attempts, and the
 * memory each holds once done:
 *
 *   node --expose-gc --import tsx tools/limits/clockMemory.ts [attempts=1000000] [flowsPerAddress=16]
 *
 * `flowsPerAddress` 1 is a flood from random sources: every address has one connection, which draws no
 * line. Held memory is the heap and the array buffers (typed arrays are not in heapUsed) after a full
 * collection. docs/limits.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { inferClocks, ratesByAttempt } from '../../src/analyzer/diagnosis/timestampClocks.js';
import { FileSource } from '../../src/node/fileSource.js';
import { held, timed } from './heldMemory.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';

const attempts = Number(process.argv[2] ?? 1_000_000);
const flowsPerAddress = Number(process.argv[3] ?? 16);
// At once, rather than after writing the capture, when node runs without --expose-gc.
held();

const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-clocks-'));
try {
  const path = join(directory, 'syn-only.pcap');
  writeSynOnlyCapture(path, attempts, flowsPerAddress);
  const source = new FileSource(path);
  const analysis = timed('analysis', () => analyzeCaptureSync(source, path));
  source.close();
  const clocks = timed('inferClocks', () => inferClocks(analysis.handshakes));
  const rateOf = timed('ratesByAttempt', () => ratesByAttempt(clocks));
  console.log(`${analysis.handshakes.length} attempts, ${flowsPerAddress} per address: ${clocks.length} addresses listed, rate of the first ${rateOf(1)} Hz; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
