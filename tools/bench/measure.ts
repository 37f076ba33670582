/**
 * One measurement in a process of its own, so that its peak RSS is its own: bundled by esbuild and run
 * as plain JavaScript (what users run), by tools/bench.ts.
 *
 *   node --expose-gc bench-data/measure.cjs <pass> <name> <file> <timed runs>
 *
 * Runs the pass once untimed (JIT warm-up, page cache), then `timed runs` times, and prints one JSON
 * line with the best run.
 */
import { basename } from 'node:path';
import { analyzeFile } from './measurements/fullAnalysis.js';
import { walkBlockHeaders, walkRecordHeaders, walkTcpFlags } from './measurements/headerWalk.js';
import { measurementLine, type PassResult } from './measurements/measurement.js';
import { parseWithPcapParser } from './measurements/pcapParser.js';
import { readAndDecode } from './measurements/readerDecode.js';

const passes: Record<string, (path: string) => PassResult | Promise<PassResult>> = {
  'reader-decode': readAndDecode,
  'header-walk': walkRecordHeaders,
  'block-walk': walkBlockHeaders,
  'flag-walk': walkTcpFlags,
  'pcap-parser': parseWithPcapParser,
  'full-analysis': analyzeFile,
};

/** global.gc exists when node runs with --expose-gc, as tools/bench.ts starts it. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const [passName, name, file, runsText] = process.argv.slice(2);
  const pass = passes[passName];
  if (pass === undefined || !file) throw new Error(`usage: measure.cjs <${Object.keys(passes).join('|')}> <name> <file> <runs>`);
  const timedRuns = Math.max(1, Number(runsText ?? 3));
  const expected = await pass(file);
  const runs: number[] = [];
  for (let run = 0; run < timedRuns; run++) {
    // Collect the previous pass's garbage first, so the peak RSS is that of one pass, not of several piled up.
    collectGarbage();
    const started = performance.now();
    const result = await pass(file);
    runs.push((performance.now() - started) / 1000);
    if (result.packets !== expected.packets) throw new Error(`${file}: ${result.packets} packets, then ${expected.packets}`);
  }
  // maxRSS is in kilobytes; the peak over the whole process, warm-up run included.
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(measurementLine(name, basename(file), expected, runs, peakRssMB))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
