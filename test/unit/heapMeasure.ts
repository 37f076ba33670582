/** Heap measurements for the resource-limit tests, with a real collection before each reading. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeCaptureSync, type CaptureAnalysis, type ScanOptions } from '../../src/analyzer/analyze.js';
import { FileSource } from '../../src/node/fileSource.js';

setFlagsFromString('--expose-gc');
/** V8's gc(), reachable without starting node with --expose-gc. */
export const collectGarbage = runInNewContext('gc') as () => void;

/** Live heap plus array buffers: what an allocation sized by a length field would show up in. */
export function liveBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs `work` and returns its result with the growth of live memory that it kept or allocated at the end. */
export function growthOf<T>(work: () => T): { result: T; growth: number } {
  const before = liveBytes();
  const result = work();
  return { result, growth: liveBytes() - before };
}

/**
 * Analyses a capture file: the analysis, the live memory it holds afterwards, and the peak of live
 * memory during it (a collection at every slice of records).
 */
export function analysisMemory(path: string, options: ScanOptions = {}): { analysis: CaptureAnalysis; growth: number; livePeak: number } {
  const source = new FileSource(path);
  let livePeak = 0;
  const start = liveBytes();
  try {
    const { result: analysis, growth } = growthOf(() => analyzeCaptureSync(source, path, () => { livePeak = Math.max(livePeak, liveBytes() - start); }, options));
    return { analysis, growth, livePeak };
  } finally {
    source.close();
  }
}
