/**
 * The performance bounds, as multiples of a floor measured in the same run: the bare header walk (the
 * file read in 4 MiB chunks, nothing looked at but record lengths) and `zcat FILE > /dev/null`. An
 * absolute rate passes on one machine and fails on another; a ratio to the floor of the same machine,
 * the same page cache and the same load says what the code costs above reading the bytes. Peak RSS is
 * bounded in megabytes, as memory does not scale with the processor.
 */
import type { MeasurementLine } from './measurements/measurement.js';

export interface TargetCheck {
  target: string;
  met: boolean;
  measured: string;
}

/** The header walk of the format a measurement read: pcapng for .pcapng, pcap otherwise (compressed ones too). */
export function headerWalkOf(line: Pick<MeasurementLine, 'file'>, walks: ReadonlyMap<'pcap' | 'pcapng', MeasurementLine>): MeasurementLine | undefined {
  return walks.get(/\.pcapng(\.|$)/.test(line.file) ? 'pcapng' : 'pcap');
}

/**
 * Time per packet over the header walk's time per packet (the same as the ratio of the seconds when
 * both read the same file; tshark reads a slice).
 */
export function timesHeaderWalk(line: MeasurementLine, walk: MeasurementLine): number {
  return Number(((line.seconds / line.packets) / (walk.seconds / walk.packets)).toFixed(2));
}

/** The language server's time from analyzeCapture to the first page with rows (firstRowsMeasurement.ts). */
export const FIRST_ROWS_MEASUREMENT = 'language server: analyzeCapture to the first page of rows, pcap';
/** The editor's requirement, in seconds with the file in the page cache: a person's wait, not the machine's. */
const FIRST_ROWS_BOUND_SECONDS = 1;

const ratioBound = (target: string, ratio: number, bound: number): TargetCheck => ({ target, met: ratio <= bound, measured: `${ratio.toFixed(2)}×` });

export function checkTargets(lines: readonly MeasurementLine[], walks: ReadonlyMap<'pcap' | 'pcapng', MeasurementLine>, analysisOverZcat: number | null): TargetCheck[] {
  const byName = new Map(lines.map((line) => [line.name, line]));
  const checks: TargetCheck[] = [];
  for (const format of ['pcap', 'pcapng'] as const) {
    const analysis = byName.get(`full analysis ${format}`);
    const walk = walks.get(format);
    if (analysis && walk) checks.push(ratioBound(`full analysis ${format} ≤ 2× the ${format} header walk`, timesHeaderWalk(analysis, walk), 2));
  }
  const cli = byName.get('handshake-lens analyze --format json > file, pcap');
  const pcapWalk = walks.get('pcap');
  if (cli && pcapWalk) checks.push(ratioBound('handshake-lens analyze --format json > file ≤ 3× the pcap header walk', timesHeaderWalk(cli, pcapWalk), 3));
  if (analysisOverZcat !== null) checks.push(ratioBound('full analysis of the .pcap.gz ≤ 1.2× zcat of it', analysisOverZcat, 1.2));
  const firstRows = byName.get(FIRST_ROWS_MEASUREMENT);
  if (firstRows) checks.push({ target: `first rows ≤ ${FIRST_ROWS_BOUND_SECONDS} s after opening (page cache)`, met: firstRows.seconds <= FIRST_ROWS_BOUND_SECONDS, measured: `${firstRows.seconds.toFixed(3)} s` });
  const readerPcap = byName.get('reader+decode pcap');
  const readerPcapng = byName.get('reader+decode pcapng');
  if (readerPcap && readerPcapng) checks.push(ratioBound('reader+decode of the pcapng ≤ 1.5× that of the pcap', readerPcapng.seconds / readerPcap.seconds, 1.5));
  for (const line of lines) {
    if (/^full analysis pcap (gzip|zstd|lz4)$/.test(line.name)) checks.push({ target: `peak RSS ≤ 200 MB, ${line.name}`, met: line.peakRssMB <= 200, measured: `${line.peakRssMB} MB` });
    if (line.name.startsWith('full analysis 2 GB')) checks.push({ target: 'peak RSS ≤ 200 MB on the 2 GB file', met: line.peakRssMB <= 200, measured: `${line.peakRssMB} MB` });
  }
  return checks;
}
