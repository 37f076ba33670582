/**
 * tshark on the same traffic, as users would run it to list SYNs: timed from outside (process start
 * included), peak RSS from GNU time's report, or from polling /proc when /usr/bin/time is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { measurementLine, type MeasurementLine } from './measurements/measurement.js';

const GNU_TIME = '/usr/bin/time';
const FIELDS = ['frame.number', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport', 'tcp.seq_raw', 'tcp.flags', 'tcp.options.timestamp.tsval'];

export function tsharkInstalled(): boolean {
  return spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
}

function tsharkArguments(file: string): string[] {
  return ['-n', '-r', file, '-Y', 'tcp.flags.syn==1', '-T', 'fields', ...FIELDS.flatMap((field) => ['-e', field])];
}

interface TsharkRun {
  seconds: number;
  peakRssMB: number;
  rows: number;
}

function runWithGnuTime(file: string): TsharkRun {
  const started = performance.now();
  const child = spawnSync(GNU_TIME, ['-v', 'tshark', ...tsharkArguments(file)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`tshark exited with ${child.status}: ${child.stderr.slice(-500)}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  if (peak === null) throw new Error('no "Maximum resident set size" in the output of /usr/bin/time -v');
  return { seconds, peakRssMB: Number(peak[1]) / 1024, rows: countLines(child.stdout) };
}

/** Without GNU time: VmHWM (the kernel's own peak RSS) read from /proc until the process exits. */
function runWithProcPolling(file: string): Promise<TsharkRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('tshark', tsharkArguments(file), { stdio: ['ignore', 'pipe', 'ignore'] });
    let peakKb = 0;
    let rows = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match !== null) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // The process has just exited: its last reading stands.
      }
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => (rows += countLines(chunk.toString('latin1'))));
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(poll);
      if (status !== 0) reject(new Error(`tshark exited with ${status}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: peakKb / 1024, rows });
    });
  });
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** One untimed warm-up run, then the best of `timedRuns`; `packets` is the slice's record count. */
export async function measureTshark(name: string, file: string, packets: number, timedRuns: number): Promise<MeasurementLine> {
  const run = existsSync(GNU_TIME) ? async (path: string) => runWithGnuTime(path) : runWithProcPolling;
  const warmUp = await run(file);
  if (warmUp.rows === 0) throw new Error(`tshark found no SYN in ${file}`);
  const runs: TsharkRun[] = [];
  for (let index = 0; index < timedRuns; index++) runs.push(await run(file));
  const peakRssMB = Math.max(...runs.map((each) => each.peakRssMB));
  return measurementLine(name, basename(file), { packets, bytes: statSync(file).size }, runs.map((each) => each.seconds), peakRssMB);
}
