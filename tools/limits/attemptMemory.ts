/**
 * Measures the analyzer's memory per connection attempt on a SYN-only capture of N attempts:
 *
 *   node --expose-gc --import tsx tools/limits/attemptMemory.ts [attempts=1000000]
 *
 * Prints the heap held per attempt once the analysis is done (the records every front end keeps) and
 * the peak per attempt during it (tracker state and garbage not yet collected). docs/limits.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { FileSource } from '../../src/node/fileSource.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';

export interface AttemptMemory {
  attempts: number;
  retainedBytesPerAttempt: number;
  peakBytesPerAttempt: number;
  analysisMs: number;
}

/** Needs a `gc` function: run node with --expose-gc. */
export function measureAttemptMemory(attempts: number, gc: () => void): AttemptMemory {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-attempts-'));
  const path = join(directory, 'syn-only.pcap');
  try {
    writeSynOnlyCapture(path, attempts);
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const source = new FileSource(path);
    const started = performance.now();
    const analysis = analyzeCaptureSync(source, path, () => { peak = Math.max(peak, process.memoryUsage().heapUsed); });
    const analysisMs = performance.now() - started;
    source.close();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    if (analysis.handshakes.length !== attempts) throw new Error(`expected ${attempts} attempts, the analysis found ${analysis.handshakes.length}`);
    return { attempts, retainedBytesPerAttempt: retained / attempts, peakBytesPerAttempt: (peak - before) / attempts, analysisMs };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const attempts = Number(process.argv[2] ?? 1_000_000);
  const m = measureAttemptMemory(attempts, gc);
  process.stdout.write(`${m.attempts} attempts analysed in ${(m.analysisMs / 1000).toFixed(1)} s: ${Math.round(m.retainedBytesPerAttempt)} bytes per attempt held after the analysis, ${Math.round(m.peakBytesPerAttempt)} at the peak\n`);
}
