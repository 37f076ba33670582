/**
 * Measures the analyzer's memory per connection attempt on a SYN-only capture of N attempts:
 *
 *   node --expose-gc --import tsx tools/limits/attemptMemory.ts [attempts=1000000]
 *
 * Prints the heap held per attempt once the analysis is done (the records every front end keeps) and
 * the peak per attempt during it (tracker state and garbage not yet collected), then the whole heap and
 * the process's resident memory at their peak. Past the row limit (10,000,000 attempts by default, or
 * the second argument) attempts are counted, not listed, and the per-attempt figures shrink: the totals
 * are the ones to read. docs/limits.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { FileSource } from '../../src/node/fileSource.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';

export interface AttemptMemory {
  attempts: number;
  /** Attempts kept as records. */
  listed: number;
  retainedBytesPerAttempt: number;
  peakBytesPerAttempt: number;
  /** Heap growth at the peak of the analysis, and the process's resident set at its peak. */
  peakHeapBytes: number;
  peakRssBytes: number;
  analysisMs: number;
}

/** Needs a `gc` function: run node with --expose-gc. `rowLimit` as the analysis option (default its default). */
export function measureAttemptMemory(attempts: number, gc: () => void, rowLimit?: number): AttemptMemory {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-attempts-'));
  const path = join(directory, 'syn-only.pcap');
  try {
    writeSynOnlyCapture(path, attempts);
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let peakRss = 0;
    const sample = () => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
    };
    const source = new FileSource(path);
    const started = performance.now();
    const analysis = analyzeCaptureSync(source, path, sample, rowLimit === undefined ? {} : { rowLimit });
    const analysisMs = performance.now() - started;
    source.close();
    sample();
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    if (analysis.summary.attempts !== attempts) throw new Error(`expected ${attempts} attempts, the analysis counted ${analysis.summary.attempts}`);
    const listed = analysis.handshakes.length;
    if (listed + (analysis.unlisted?.attempts ?? 0) !== attempts) throw new Error(`${listed} attempts listed and ${analysis.unlisted?.attempts ?? 0} counted, not ${attempts}`);
    return {
      attempts, listed, retainedBytesPerAttempt: retained / attempts, peakBytesPerAttempt: (peak - before) / attempts,
      peakHeapBytes: peak - before, peakRssBytes: peakRss, analysisMs,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const attempts = Number(process.argv[2] ?? 1_000_000);
  const rowLimit = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const m = measureAttemptMemory(attempts, gc, rowLimit);
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  process.stdout.write(`${m.attempts} attempts analysed in ${(m.analysisMs / 1000).toFixed(1)} s (${m.listed} listed): ${Math.round(m.retainedBytesPerAttempt)} bytes per attempt held after the analysis, ${Math.round(m.peakBytesPerAttempt)} at the peak; peak heap growth ${mb(m.peakHeapBytes)} MB, peak RSS ${mb(m.peakRssBytes)} MB\n`);
}
