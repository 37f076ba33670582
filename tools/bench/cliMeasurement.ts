/**
 * `handshake-lens analyze FILE --format json > OUT` end to end, as a user runs it: the bundled CLI
 * (dist/cli.js, built first) in a child process, its output written to a file in bench-data/. Process
 * start, the analysis, the diagnosis and the JSON writing are all in the time.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BENCH_DATA_DIR } from './captureParameters.js';
import { runExternal, type ExternalRun } from './externalCommand.js';
import { measurementLine, type MeasurementLine } from './measurements/measurement.js';

const CLI = join('dist', 'cli.js');

/** The production bundles (CLI, language server), as the extension ships them. */
export function buildBundles(): void {
  const built = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`esbuild.mjs exited with ${built.status}`);
}

/** One untimed warm-up run, then the best of `timedRuns`; `packets` is the capture's record count. */
export async function measureCli(name: string, file: string, packets: number, timedRuns: number): Promise<MeasurementLine> {
  buildBundles();
  const output = join(BENCH_DATA_DIR, 'cli-output.json');
  // `exec` so that the measured process is node itself, not the shell that redirects its output.
  const run = () => runExternal('sh', ['-c', 'out=$1; shift; exec "$@" > "$out"', 'sh', output, process.execPath, CLI, 'analyze', file, '--format', 'json']);
  try {
    await run();
    if (statSync(output).size === 0) throw new Error(`${CLI} wrote nothing for ${file}`);
    const runs: ExternalRun[] = [];
    for (let index = 0; index < timedRuns; index++) runs.push(await run());
    const peakRssMB = Math.max(...runs.map((each) => each.peakRssMB));
    return measurementLine(name, basename(file), { packets, bytes: statSync(file).size }, runs.map((each) => each.seconds), peakRssMB);
  } finally {
    rmSync(output, { force: true });
  }
}
