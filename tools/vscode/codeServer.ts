// Starts and stops a throwaway code-server (VS Code's server and web client) for tests: a free port on
// 127.0.0.1, fresh user data and extensions folders, settings that keep first-run prompts out of the
// way, and every wait bounded so a broken install fails the run instead of hanging it.
// Needs `npm run vscode:install` first (tools/vscode/install-code-server.sh).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { pollUntil } from './poll.js';

const repoRoot = resolve(__dirname, '../..');
export const codeServerEntry = join(repoRoot, '.cache/code-server/node_modules/code-server/out/node/entry.js');

/** Settings of a first run that would otherwise put dialogs, tabs or network calls in front of a test. */
const quietSettings = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** .vsix files installed (with code-server's --install-extension) before the server starts. */
  vsixPaths?: string[];
  /** Extra user settings, merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for its extension host (how a test suite gets its input). */
  env?: Record<string, string>;
  /** Bound on install and start-up, each. */
  timeoutMs?: number;
}

export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The URL that opens `folder` as the workspace. */
  folderUrl(folder: string): string;
  /** Everything code-server printed so far, for failure messages. */
  output(): string;
  /** Root of the temp folders (user data, extensions, config); removed by stop(). */
  tempRoot: string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed: run npm run vscode:install (looked for ${codeServerEntry})`);
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  const tempRoot = await mkdtemp(join(tmpdir(), 'handshake-lens-code-server-'));
  const dirs = {
    userData: join(tempRoot, 'user-data'),
    extensions: join(tempRoot, 'extensions'),
    xdg: join(tempRoot, 'xdg'),
  };
  await mkdir(join(dirs.userData, 'User'), { recursive: true });
  await mkdir(dirs.extensions, { recursive: true });
  await writeFile(
    join(dirs.userData, 'User/settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  // code-server keeps its config and last-opened folder under XDG paths: keep them out of $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    ...options.env,
  };
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', join(tempRoot, 'config.yaml')];

  for (const vsix of options.vsixPaths ?? []) {
    await promisify(execFile)(process.execPath, [codeServerEntry, ...common, '--install-extension', resolve(vsix)], {
      env,
      timeout: timeoutMs,
    });
  }

  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    // Its own process group, so stop() also ends the extension host and the file watcher it spawns.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const url = `http://127.0.0.1:${port}/`;
  const server: CodeServer = {
    url,
    folderUrl: (folder) => `${url}?folder=${encodeURIComponent(resolve(folder))}`,
    output: () => output,
    tempRoot,
    stop: async () => {
      await stopGroup(child);
      await rm(tempRoot, { recursive: true, force: true });
    },
  };
  try {
    await pollUntil(`code-server answering on ${url}`, timeoutMs, async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
      return (await answers(`${url}healthz`)) || undefined;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** True when the URL answers HTTP at all; each try is bounded so a half-open socket can't stall the poll. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** A port the OS says is free now; code-server binds it a moment later (a race we accept in tests). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** SIGTERM to the whole group, SIGKILL if it is still there after a few seconds. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const inTime = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
  if (!inTime) {
    signal('SIGKILL');
    await Promise.race([exited, delay(2_000)]);
  }
  signal('SIGKILL'); // children that outlived their parent in the group
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
