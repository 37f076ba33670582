/**
 * tshark on the same traffic, as users would run it to list SYNs: an outside reference, timed and
 * measured as an external command (externalCommand.ts).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { runExternal, type ExternalRun } from './externalCommand.js';
import { measurementLine, type MeasurementLine } from './measurements/measurement.js';

const FIELDS = ['frame.number', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport', 'tcp.seq_raw', 'tcp.flags', 'tcp.options.timestamp.tsval'];

export function tsharkInstalled(): boolean {
  return spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
}

function tsharkArguments(file: string): string[] {
  return ['-n', '-r', file, '-Y', 'tcp.flags.syn==1', '-T', 'fields', ...FIELDS.flatMap((field) => ['-e', field])];
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** One untimed warm-up run, then the best of `timedRuns`; `packets` is the slice's record count. */
export async function measureTshark(name: string, file: string, packets: number, timedRuns: number): Promise<MeasurementLine> {
  const run = () => runExternal('tshark', tsharkArguments(file));
  const warmUp = await run();
  if (countLines(warmUp.stdout) === 0) throw new Error(`tshark found no SYN in ${file}`);
  const runs: ExternalRun[] = [];
  for (let index = 0; index < timedRuns; index++) runs.push(await run());
  const peakRssMB = Math.max(...runs.map((each) => each.peakRssMB));
  return measurementLine(name, basename(file), { packets, bytes: statSync(file).size }, runs.map((each) => each.seconds), peakRssMB);
}
