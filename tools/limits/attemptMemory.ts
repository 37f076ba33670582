/**
 * Measures the analyzer's memory per connection attempt on a SYN-only capture of N attempts:
 *
 *   node --expose-gc --import tsx tools/limits/attemptMemory.ts [attempts=1000000] [rowLimit] [--live]
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

/** The memory bounds the analysis is held to: a listed attempt's bytes once analysed, the resident set at ten million listed. */
const HELD_BOUND = 150;
const RSS_BOUND = 2 * 1024 ** 3;

export interface AttemptMemory {
  attempts: number;
  /** Attempts kept as records. */
  listed: number;
  retainedBytesPerAttempt: number;
  peakBytesPerAttempt: number;
  /**
   * With `live`: the peak of live memory per attempt while the capture is read, a collection before
   * each reading (the tracker's working state, garbage excluded, before the records are made); NaN without.
   */
  liveBytesPerAttempt: number;
  /** Heap growth at the peak of the analysis, and the process's resident set at its peak. */
  peakHeapBytes: number;
  peakRssBytes: number;
  analysisMs: number;
}

/** Heap and array buffers: the tracker's columns are typed arrays, whose memory is not in heapUsed. */
function heapAndBuffers(usage: NodeJS.MemoryUsage): number {
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Needs a `gc` function: run node with --expose-gc. `rowLimit` as the analysis option (default its
 * default); `live` collects garbage at every slice of records to read the live peak (slower).
 */
export function measureAttemptMemory(attempts: number, gc: () => void, rowLimit?: number, live = false, storedRecordsFrom?: number): AttemptMemory {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-attempts-'));
  const path = join(directory, 'syn-only.pcap');
  try {
    writeSynOnlyCapture(path, attempts);
    gc();
    const before = heapAndBuffers(process.memoryUsage());
    let peak = before;
    let livePeak = before;
    let peakRss = 0;
    const sample = (bytesRead = 0, total = 0) => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, heapAndBuffers(usage));
      peakRss = Math.max(peakRss, usage.rss);
      // Only while the capture is being read: after its last slice the records are made too.
      if (!live || bytesRead >= total) return;
      gc();
      livePeak = Math.max(livePeak, heapAndBuffers(process.memoryUsage()));
    };
    const source = new FileSource(path);
    const started = performance.now();
    const analysis = analyzeCaptureSync(source, path, sample, { rowLimit, storedRecordsFrom });
    const analysisMs = performance.now() - started;
    source.close();
    sample();
    gc();
    const retained = heapAndBuffers(process.memoryUsage()) - before;
    if (analysis.summary.attempts !== attempts) throw new Error(`expected ${attempts} attempts, the analysis counted ${analysis.summary.attempts}`);
    const listed = analysis.handshakes.length;
    if (listed + (analysis.unlisted?.attempts ?? 0) !== attempts) throw new Error(`${listed} attempts listed and ${analysis.unlisted?.attempts ?? 0} counted, not ${attempts}`);
    return {
      attempts, listed, retainedBytesPerAttempt: retained / attempts, peakBytesPerAttempt: (peak - before) / attempts,
      liveBytesPerAttempt: live ? (livePeak - before) / attempts : NaN,
      peakHeapBytes: peak - before, peakRssBytes: peakRss, analysisMs,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const live = process.argv.includes('--live');
  const numbers = process.argv.slice(2).filter((argument) => argument !== '--live');
  const attempts = Number(numbers[0] ?? 1_000_000);
  const rowLimit = numbers[1] === undefined ? undefined : Number(numbers[1]);
  const m = measureAttemptMemory(attempts, gc, rowLimit, live);
  const liveText = live ? `, ${Math.round(m.liveBytesPerAttempt)} live while tracking` : '';
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  const verdict = (met: boolean) => (met ? 'MET   ' : 'MISSED');
  const held = m.retainedBytesPerAttempt * m.attempts / Math.max(1, m.listed);
  const bounds = [`${verdict(held <= HELD_BOUND)} held per listed attempt ≤ ${HELD_BOUND} bytes: ${Math.round(held)}`];
  if (m.listed >= 10_000_000) bounds.push(`${verdict(m.peakRssBytes <= RSS_BOUND)} peak RSS ≤ 2 GB with 10,000,000 attempts listed: ${mb(m.peakRssBytes)} MB`);
  process.stdout.write(`${m.attempts} attempts analysed in ${(m.analysisMs / 1000).toFixed(1)} s (${m.listed} listed): ${Math.round(m.retainedBytesPerAttempt)} bytes per attempt held after the analysis, ${Math.round(m.peakBytesPerAttempt)} at the peak${liveText}; peak heap growth ${mb(m.peakHeapBytes)} MB, peak RSS ${mb(m.peakRssBytes)} MB\n${bounds.map((line) => `attemptMemory: ${line}\n`).join('')}`);
}
