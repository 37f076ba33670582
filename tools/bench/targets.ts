/**
 * The performance targets of the capture engine and the handshake table, checked against the lines
 * just measured and reported on stderr (stdout keeps one JSON line per measurement).
 */
import type { MeasurementLine } from './measurements/measurement.js';

export interface TargetCheck {
  target: string;
  met: boolean;
  measured: string;
}

const millions = (value: number): string => `${(value / 1e6).toFixed(2)} M packets/s`;

export function checkTargets(lines: readonly MeasurementLine[]): TargetCheck[] {
  const byName = new Map(lines.map((line) => [line.name, line]));
  const checks: TargetCheck[] = [];
  const readerPcap = byName.get('reader+decode pcap');
  const readerPcapng = byName.get('reader+decode pcapng');
  if (readerPcap) checks.push({ target: 'reader+decode ≥ 5 M packets/s', met: readerPcap.packetsPerSecond >= 5e6, measured: millions(readerPcap.packetsPerSecond) });
  if (readerPcap && readerPcapng) {
    const ratio = readerPcapng.seconds / readerPcap.seconds;
    checks.push({ target: 'pcapng within 1.5× of pcap', met: ratio <= 1.5, measured: `${ratio.toFixed(2)}×` });
  }
  for (const format of ['pcap', 'pcapng']) {
    const analysis = byName.get(`full analysis ${format}`);
    if (analysis) checks.push({ target: `full analysis ${format} ≥ 4 M packets/s`, met: analysis.packetsPerSecond >= 4e6, measured: millions(analysis.packetsPerSecond) });
  }
  for (const line of lines) {
    if (/^full analysis pcap (gzip|zstd|lz4)$/.test(line.name)) checks.push({ target: `peak RSS < 200 MB, ${line.name}`, met: line.peakRssMB < 200, measured: `${line.peakRssMB} MB` });
    if (line.name.startsWith('full analysis 2 GB')) checks.push({ target: 'peak RSS < 200 MB on the 2 GB file', met: line.peakRssMB < 200, measured: `${line.peakRssMB} MB` });
  }
  return checks;
}
