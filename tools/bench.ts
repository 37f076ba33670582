/**
 * The benchmark (npm run bench): generates the benchmark captures once (cached in bench-data/), then
 * prints one JSON line per measurement on stdout, each measured in a process of its own, and how the
 * figures stand against the bounds on stderr. Every measurement is also given as a multiple of the bare
 * header walk of the same run (`timesHeaderWalk`), and the bounds are such multiples
 * (tools/bench/targets.ts), so they mean the same on a fast machine and a slow one. Not part of npm test:
 * timings belong here, not in tests.
 *
 *   npm run bench             2,000,000 packets, pcap and pcapng, the pcap compressed with gzip, zstd and
 *                             lz4 (beside zcat), the bundled CLI end to end, the language server's time from
 *                             opening a capture to its first rows; tshark on a 200,000-packet slice
 *   npm run bench -- --quick  the same on 200,000 packets (tshark on 20,000), in seconds: indicative only
 *   npm run bench -- --big    the full analysis on a ~2 GB pcap: peak RSS and throughput
 *   npm run bench -- --runs 5 more timed runs per measurement (default 3, after one warm-up run)
 */
import { bundleMeasure } from './bench/bundleMeasure.js';
import { BIG_CAPTURE, QUICK_CAPTURE, STANDARD_CAPTURE, TSHARK_SLICE_PACKETS } from './bench/captureParameters.js';
import { ensureSlice } from './bench/captureSlice.js';
import { measureCli } from './bench/cliMeasurement.js';
import { ensureCompressed, zcatSeconds, type BenchCompression } from './bench/compressedCaptures.js';
import { measureFirstRows } from './bench/firstRowsMeasurement.js';
import { ensureCaptures } from './bench/generateCaptures.js';
import type { MeasurementLine } from './bench/measurements/measurement.js';
import { runMeasurement, type PassName } from './bench/runMeasurement.js';
import { checkTargets, FIRST_ROWS_MEASUREMENT, headerWalkOf, timesHeaderWalk } from './bench/targets.js';
import { measureTshark, tsharkInstalled } from './bench/tsharkMeasurement.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

function optionValue(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const big = process.argv.includes('--big');
  const quick = process.argv.includes('--quick');
  const timedRuns = optionValue('--runs', 3);
  const bundle = bundleMeasure();
  const lines: MeasurementLine[] = [];
  const walks = new Map<'pcap' | 'pcapng', MeasurementLine>();
  let analysisOverZcat: number | null = null;
  const print = (line: MeasurementLine): void => {
    lines.push(line);
    const walk = headerWalkOf(line, walks);
    process.stdout.write(`${JSON.stringify(walk === undefined ? line : { ...line, timesHeaderWalk: timesHeaderWalk(line, walk) })}\n`);
  };
  const measure = (pass: PassName, name: string, file: string): MeasurementLine => {
    log(`measuring ${name} …`);
    const line = runMeasurement(bundle, pass, name, file, timedRuns);
    print(line);
    return line;
  };

  if (big) {
    const { pcap } = ensureCaptures(BIG_CAPTURE, false, log);
    measure('full-analysis', 'full analysis 2 GB pcap', pcap);
  } else {
    const parameters = quick ? QUICK_CAPTURE : STANDARD_CAPTURE;
    const { pcap, pcapng } = ensureCaptures(parameters, true, log);
    // The floors first, so that every later line can be given as a multiple of them.
    walks.set('pcap', measure('header-walk', 'header walk pcap', pcap));
    walks.set('pcapng', measure('block-walk', 'header walk pcapng', pcapng!));
    measure('flag-walk', 'header walk + TCP flag byte pcap', pcap);
    measure('reader-decode', 'reader+decode pcap', pcap);
    measure('reader-decode', 'reader+decode pcapng', pcapng!);
    measure('pcap-parser', 'pcap-parser pcap', pcap);
    const analysis = measure('full-analysis', 'full analysis pcap', pcap);
    measure('full-analysis', 'full analysis pcapng', pcapng!);
    log('measuring handshake-lens analyze --format json > file …');
    print(await measureCli('handshake-lens analyze --format json > file, pcap', pcap, analysis.packets, timedRuns));
    log('measuring the language server from analyzeCapture to the first page of rows …');
    print(await measureFirstRows(FIRST_ROWS_MEASUREMENT, pcap, analysis.packets, timedRuns));
    for (const compression of ['gzip', 'zstd', 'lz4'] as BenchCompression[]) {
      const made = await ensureCompressed(pcap, compression, log);
      if ('skipped' in made) {
        process.stdout.write(`${JSON.stringify({ name: `${compression} pcap`, skipped: made.skipped })}\n`);
        continue;
      }
      measure('reader-decode', `reader+decode pcap ${compression}`, made.path);
      const compressed = measure('full-analysis', `full analysis pcap ${compression}`, made.path);
      if (compression === 'gzip') {
        log('measuring zcat …');
        const runs = zcatSeconds(made.path, timedRuns);
        analysisOverZcat = Number((compressed.seconds / Math.min(...runs)).toFixed(2));
        const zcat = { name: 'zcat pcap gzip > /dev/null', file: made.path, seconds: Math.min(...runs), runs, analysisOverZcat };
        process.stdout.write(`${JSON.stringify(zcat)}\n`);
      }
    }
    if (tsharkInstalled()) {
      const slicePackets = Math.min(TSHARK_SLICE_PACKETS, parameters.packets / 10);
      const slice = ensureSlice(pcap, slicePackets);
      log('measuring tshark …');
      print(await measureTshark(`tshark -Y tcp.flags.syn==1 (${slicePackets} packets)`, slice, slicePackets, timedRuns));
    } else {
      process.stdout.write(`${JSON.stringify({ name: 'tshark', skipped: 'tshark is not installed' })}\n`);
    }
  }
  log(`timing: one warm-up run, then the best of ${timedRuns} (every run is in "runs")${quick ? '; --quick: indicative figures' : ''}`);
  for (const check of checkTargets(lines, walks, analysisOverZcat)) log(`${check.met ? 'MET   ' : 'MISSED'} ${check.target}: ${check.measured}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
