/** Runs the bundled command line (dist/cli.js, built by `npm test`) the way a user does. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import type { ReportJson } from '../../src/analyzer/report.js';
import { Conversation, type Step } from './handshakeScript.js';
import { pcapOf } from './captureFile.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The bundled command line's path, built first when it is not there. */
export function builtCli(): string {
  if (!existsSync(CLI)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  return CLI;
}

/** `input`: what the command reads on standard input (a capture for `analyze -`). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, input?: Uint8Array): CliResult {
  builtCli();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // A report of a few thousand attempts is megabytes: past spawnSync's default of 1 MiB.
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH, LANG: 'C', ...env },
    ...(input === undefined ? {} : { input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command line's JSON report of the bundled story pair, client capture correlated with the server's: what the editor's tests hold their pages to. */
export function storyPairReport(): ReportJson {
  const cli = runCli(['analyze', 'samples/story-client.pcap', '--server', 'samples/story-server.pcap', '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  return JSON.parse(cli.stdout) as ReportJson;
}

const T = 1_700_000_000;

/** Two passed, one refused, one unanswered (retransmitted) and one IPv6 attempt. */
export function mixedSteps(): Step[] {
  const a = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const b = new Conversation('10.244.1.8:40001', '192.168.11.250:3306');
  const c = new Conversation('10.244.1.9:40002', '192.168.11.250:3306');
  const d = new Conversation('10.244.1.9:40003', '192.168.11.250:3306');
  const v6 = new Conversation('[2001:db8::7]:50000', '[2001:db8::1]:443');
  return [
    a.syn(T, 1, { tsval: 100 }), a.synAck(T + 0.001, 9, 1, { tsval: 5, tsecr: 100 }), a.ack(T + 0.0011, 1, 9, { tsval: 101 }),
    b.syn(T + 1, 2), b.refuse(T + 1.001, 2),
    c.syn(T + 2, 3, { tsval: 50 }), c.syn(T + 3, 3, { tsval: 1050 }),
    v6.syn(T + 4, 5), v6.synAck(T + 4.02, 8, 5), v6.ack(T + 4.0201, 5, 8, { data: 10 }), v6.fromServer(T + 4.0202, TcpFlag.ACK, 9, 16),
    d.syn(T + 9, 4), d.synAck(T + 9.001, 7, 4), d.ack(T + 9.002, 4, 7),
  ];
}

/** Writes files into a fresh temporary directory and returns their paths by name. */
export function writeFiles(files: Record<string, Uint8Array | string>): Record<string, string> {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-cli-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) writeFileSync((paths[name] = join(directory, name)), content);
  return paths;
}

export function mixedCapture(): string {
  return writeFiles({ 'mixed.pcap': pcapOf(mixedSteps()) })['mixed.pcap'];
}
