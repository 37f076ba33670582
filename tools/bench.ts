/**
 * The benchmark (npm run bench): generates the benchmark captures once (cached in bench-data/), then
 * prints one JSON line per measurement on stdout, each measured in a process of its own, and how the
 * figures stand against the targets on stderr. Not part of npm test: timings belong here, not in tests.
 *
 *   npm run bench             2,000,000 packets, pcap and pcapng, the pcap compressed with gzip, zstd and
 *                             lz4 (beside zcat); tshark on a 200,000-packet slice
 *   npm run bench -- --big    the full analysis on a ~2 GB pcap: peak RSS and throughput
 *   npm run bench -- --runs 5 more timed runs per measurement (default 3, after one warm-up run)
 */
import { bundleMeasure } from './bench/bundleMeasure.js';
import { BIG_CAPTURE, STANDARD_CAPTURE, TSHARK_SLICE_PACKETS } from './bench/captureParameters.js';
import { ensureSlice } from './bench/captureSlice.js';
import { ensureCompressed, zcatSeconds, type BenchCompression } from './bench/compressedCaptures.js';
import { ensureCaptures } from './bench/generateCaptures.js';
import type { MeasurementLine } from './bench/measurements/measurement.js';
import { runMeasurement, type PassName } from './bench/runMeasurement.js';
import { checkTargets } from './bench/targets.js';
import { measureTshark, tsharkInstalled } from './bench/tsharkMeasurement.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

function optionValue(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const big = process.argv.includes('--big');
  const timedRuns = optionValue('--runs', 3);
  const bundle = bundleMeasure();
  const lines: MeasurementLine[] = [];
  const measure = (pass: PassName, name: string, file: string): void => {
    log(`measuring ${name} …`);
    const line = runMeasurement(bundle, pass, name, file, timedRuns);
    lines.push(line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };

  if (big) {
    const { pcap } = ensureCaptures(BIG_CAPTURE, false, log);
    measure('full-analysis', 'full analysis 2 GB pcap', pcap);
  } else {
    const { pcap, pcapng } = ensureCaptures(STANDARD_CAPTURE, true, log);
    measure('reader-decode', 'reader+decode pcap', pcap);
    measure('reader-decode', 'reader+decode pcapng', pcapng!);
    measure('header-walk', 'header walk pcap', pcap);
    measure('pcap-parser', 'pcap-parser pcap', pcap);
    measure('full-analysis', 'full analysis pcap', pcap);
    measure('full-analysis', 'full analysis pcapng', pcapng!);
    for (const compression of ['gzip', 'zstd', 'lz4'] as BenchCompression[]) {
      const made = await ensureCompressed(pcap, compression, log);
      if ('skipped' in made) {
        process.stdout.write(`${JSON.stringify({ name: `${compression} pcap`, skipped: made.skipped })}\n`);
        continue;
      }
      measure('reader-decode', `reader+decode pcap ${compression}`, made.path);
      measure('full-analysis', `full analysis pcap ${compression}`, made.path);
      if (compression === 'gzip') {
        log('measuring zcat …');
        const runs = zcatSeconds(made.path, timedRuns);
        const analysis = lines.at(-1)!;
        const zcat = { name: 'zcat pcap gzip > /dev/null', file: made.path, seconds: Math.min(...runs), runs, analysisOverZcat: Number((analysis.seconds / Math.min(...runs)).toFixed(2)) };
        process.stdout.write(`${JSON.stringify(zcat)}\n`);
        log(`full analysis of the .pcap.gz takes ${zcat.analysisOverZcat}× as long as zcat of it`);
      }
    }
    if (tsharkInstalled()) {
      const slice = ensureSlice(pcap, TSHARK_SLICE_PACKETS);
      log('measuring tshark …');
      const line = await measureTshark(`tshark -Y tcp.flags.syn==1 (${TSHARK_SLICE_PACKETS} packets)`, slice, TSHARK_SLICE_PACKETS, timedRuns);
      lines.push(line);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } else {
      process.stdout.write(`${JSON.stringify({ name: 'tshark', skipped: 'tshark is not installed' })}\n`);
    }
  }
  log(`timing: one warm-up run, then the best of ${timedRuns} (every run is in "runs")`);
  for (const check of checkTargets(lines)) log(`${check.met ? 'met   ' : 'MISSED'} ${check.target}: ${check.measured}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
