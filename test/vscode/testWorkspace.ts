// The folder the VS Code tests open: a throwaway copy of the sample captures, the text artifacts of the
// story (sysctl.conf, netstat -s, nstat) and the hostile capture, so that a test that edits a file (the
// sysctl quick fix) never touches the repository.
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');

/** The files copied, by the name each has in the workspace. */
export const workspaceFiles = {
  samples: ['story-client.pcap', 'story-server.pcap', 'healthy.pcap', 'refused-and-unanswered.pcap'],
  artifacts: readdirSync(join(repoRoot, 'test/fixtures/artifacts')),
  hostile: 'injection.pcapng',
};

export function makeTestWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'handshake-lens-workspace-'));
  for (const name of workspaceFiles.samples) copyFileSync(join(repoRoot, 'samples', name), join(folder, name));
  for (const name of workspaceFiles.artifacts) copyFileSync(join(repoRoot, 'test/fixtures/artifacts', name), join(folder, name));
  const hostile = join(repoRoot, 'test/fixtures/hostile', workspaceFiles.hostile);
  if (existsSync(hostile)) copyFileSync(hostile, join(folder, workspaceFiles.hostile));
  return folder;
}

/** The .vsix `npm run package` writes: `<name>-<version>.vsix` at the repository root. */
export function packagedVsix(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { name, version } = require(join(repoRoot, 'package.json')) as { name: string; version: string };
  return join(repoRoot, `${name}-${version}.vsix`);
}
