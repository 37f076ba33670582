// The folder the VS Code tests open: a throwaway copy of the sample captures, the text artifacts of the
// story (sysctl.conf, netstat -s, nstat) and the hostile capture, so that a test that edits a file (the
// sysctl quick fix) never touches the repository.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { rotated } from '../unit/captureRing.js';

const repoRoot = resolve(__dirname, '../..');

/** The files copied, by the name each has in the workspace. */
export const workspaceFiles = {
  samples: ['story-client.pcap', 'story-server.pcap', 'healthy.pcap', 'refused-and-unanswered.pcap'],
  artifacts: readdirSync(join(repoRoot, 'test/fixtures/artifacts')),
  hostile: 'injection.pcapng',
  /** The story's client capture as a ring in this folder, for "Open capture set…". */
  ring: 'story-ring',
};

/** `editcap -c 40` cuts the story into ring_0000N_… files; without editcap, the project's own rotation. */
export function writeStoryRing(folder: string): void {
  const story = join(repoRoot, 'samples', 'story-client.pcap');
  mkdirSync(folder);
  if (spawnSync('editcap', ['-c', '40', story, join(folder, 'ring.pcap')]).status === 0) return;
  rotated(readFileSync(story), 6).forEach((file, index) => writeFileSync(join(folder, `ring.pcap${index}`), file));
}

export function makeTestWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'handshake-lens-workspace-'));
  for (const name of workspaceFiles.samples) copyFileSync(join(repoRoot, 'samples', name), join(folder, name));
  for (const name of workspaceFiles.artifacts) copyFileSync(join(repoRoot, 'test/fixtures/artifacts', name), join(folder, name));
  const hostile = join(repoRoot, 'test/fixtures/hostile', workspaceFiles.hostile);
  if (existsSync(hostile)) copyFileSync(hostile, join(folder, workspaceFiles.hostile));
  writeStoryRing(join(folder, workspaceFiles.ring));
  return folder;
}

/** The .vsix `npm run package` writes: `<name>-<version>.vsix` at the repository root. */
export function packagedVsix(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { name, version } = require(join(repoRoot, 'package.json')) as { name: string; version: string };
  return join(repoRoot, `${name}-${version}.vsix`);
}
