/**
 * Runs one measurement in a child process of its own (peak RSS per measurement) and returns its line.
 */
import { spawnSync } from 'node:child_process';
import type { MeasurementLine } from './measurements/measurement.js';

export type PassName = 'reader-decode' | 'header-walk' | 'block-walk' | 'flag-walk' | 'pcap-parser' | 'full-analysis';

export function runMeasurement(bundle: string, pass: PassName, name: string, file: string, timedRuns: number): MeasurementLine {
  const child = spawnSync(process.execPath, ['--expose-gc', bundle, pass, name, file, String(timedRuns)], {
    stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`${name}: the measuring process exited with ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout.trim()) as MeasurementLine;
}
