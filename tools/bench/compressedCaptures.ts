/**
 * The benchmark capture compressed, made once beside it in bench-data/ as `tcpdump -z` and the command
 * line tools would: gzip through zlib's stream (level 6, gzip's default), zstd and lz4 with their own
 * tools at their default levels when they are installed. A file is reused while it is newer than the
 * capture; one that cannot be made is reported as skipped.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export type BenchCompression = 'gzip' | 'zstd' | 'lz4';

const EXTENSIONS: Record<BenchCompression, string> = { gzip: 'gz', zstd: 'zst', lz4: 'lz4' };

function fresh(path: string, source: string): boolean {
  return existsSync(path) && statSync(path).mtimeMs >= statSync(source).mtimeMs;
}

export function toolInstalled(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The compressed file's path, or a sentence saying why there is none. */
export async function ensureCompressed(capture: string, compression: BenchCompression, log: (line: string) => void): Promise<{ path: string } | { skipped: string }> {
  const path = `${capture}.${EXTENSIONS[compression]}`;
  if (fresh(path, capture)) return { path };
  if (compression !== 'gzip' && !toolInstalled(compression)) return { skipped: `${compression} is not installed` };
  log(`compressing ${capture} with ${compression} …`);
  const started = performance.now();
  const partial = `${path}.partial`;
  if (compression === 'gzip') {
    await pipeline(createReadStream(capture), createGzip(), createWriteStream(partial));
  } else {
    const args = compression === 'zstd' ? ['-q', '-f', capture, '-o', partial] : ['-q', '-f', capture, partial];
    const made = spawnSync(compression, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (made.status !== 0) return { skipped: `${compression} exited with ${made.status}` };
  }
  renameSync(partial, path);
  log(`compressed in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  return { path };
}

/** `zcat FILE > /dev/null`: the floor any reader of a .gz stands on. Best of `runs` after a warm-up. */
export function zcatSeconds(path: string, runs: number): number[] {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const child = spawnSync('sh', ['-c', 'zcat "$0" > /dev/null', path], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`zcat ${path} exited with ${child.status}`);
    if (run > 0) times.push((performance.now() - started) / 1000);
  }
  return times;
}
