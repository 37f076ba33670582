/**
 * A command timed from outside (process start included), its peak RSS from GNU time's report, or from
 * polling /proc when /usr/bin/time is missing: how tshark and the bundled CLI are measured.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';

export interface ExternalRun {
  seconds: number;
  peakRssMB: number;
  stdout: string;
}

function runWithGnuTime(command: string, args: readonly string[]): ExternalRun {
  const started = performance.now();
  const child = spawnSync(GNU_TIME, ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${command} exited with ${child.status}: ${child.stderr.slice(-500)}`);
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  if (peak === null) throw new Error('no "Maximum resident set size" in the output of /usr/bin/time -v');
  return { seconds, peakRssMB: Number(peak[1]) / 1024, stdout: child.stdout };
}

/** Without GNU time: VmHWM (the kernel's own peak RSS) read from /proc until the process exits. */
function runWithProcPolling(command: string, args: readonly string[]): Promise<ExternalRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let peakKb = 0;
    const chunks: string[] = [];
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match !== null) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // The process has just exited: its last reading stands.
      }
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('latin1')));
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(poll);
      if (status !== 0) reject(new Error(`${command} exited with ${status}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakRssMB: peakKb / 1024, stdout: chunks.join('') });
    });
  });
}

export async function runExternal(command: string, args: readonly string[]): Promise<ExternalRun> {
  return existsSync(GNU_TIME) ? runWithGnuTime(command, args) : runWithProcPolling(command, args);
}
