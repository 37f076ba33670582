/**
 * What every measured pass returns and what the benchmark prints: one JSON line per measurement.
 */

/** One timed pass over a file. */
export interface PassResult {
  packets: number;
  bytes: number;
}

export interface MeasurementLine {
  name: string;
  file: string;
  packets: number;
  bytes: number;
  /** Best of the timed runs, after one untimed warm-up run. */
  seconds: number;
  packetsPerSecond: number;
  megabytesPerSecond: number;
  /** Peak resident set of the process that did the work (its whole life, warm-up included). */
  peakRssMB: number;
  /** Every timed run, so the spread between runs is on record. */
  runs: number[];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function measurementLine(name: string, file: string, pass: PassResult, runs: number[], peakRssMB: number): MeasurementLine {
  const seconds = Math.min(...runs);
  return {
    name, file, packets: pass.packets, bytes: pass.bytes, seconds: round(seconds, 4),
    packetsPerSecond: Math.round(pass.packets / seconds),
    megabytesPerSecond: round(pass.bytes / 1e6 / seconds, 1),
    peakRssMB: round(peakRssMB, 1),
    runs: runs.map((run) => round(run, 4)),
  };
}
