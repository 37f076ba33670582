/**
 * tshark as an independent reader of what the generator writes. Tests skip (with the reason) when tshark
 * is not installed, so the suite still runs on a bare machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

let tsharkAvailable: boolean | undefined;

export function hasTshark(): boolean {
  tsharkAvailable ??= spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;
  return tsharkAvailable;
}

/** Writes the bytes to a temporary file, runs `body` on its path, then removes it; skips without tshark. */
export async function withTempCapture(t: TestContext, bytes: Uint8Array, body: (path: string) => void | Promise<void>): Promise<void> {
  if (!hasTshark()) {
    t.skip('tshark is not installed (apt-get install -y tshark): cannot cross-check the written file');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lens-gen-'));
  try {
    const path = join(dir, 'capture');
    writeFileSync(path, bytes);
    await body(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One row per frame of the named fields, as tshark prints them; null when tshark is missing. */
export function tsharkFields(path: string, fields: string[], filter?: string): string[][] | null {
  if (!hasTshark()) return null;
  const args = ['-n', '-r', path, '-T', 'fields', '-E', 'separator=\t', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.push('-Y', filter);
  const result = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tshark failed on ${path}: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line.length > 0).map((line) => line.split('\t'));
}
