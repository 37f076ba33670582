/**
 * The language server weighs the evidence files beside a capture (same folder, an evidence name, content
 * of one of the kinds), as `--evidence` does on the command line.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CorrelateCapturesRequest } from '../../src/shared/lspExtensions.js';
import { evidenceBeside } from '../../src/server/evidenceBeside.js';
import { ServerClient } from './serverClient.js';

const REAL = join(__dirname, '../fixtures/real/accept-overflow');
let lsp: ServerClient;
let folder: string;
let bare: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'handshake-lens-evidence-'));
  bare = mkdtempSync(join(tmpdir(), 'handshake-lens-no-evidence-'));
  for (const name of ['node-side.pcap', 'server-side.pcap', 'nstat-server-before.txt', 'nstat-server-after.txt']) copyFileSync(join(REAL, name), join(folder, name));
  for (const name of ['node-side.pcap', 'server-side.pcap']) copyFileSync(join(REAL, name), join(bare, name));
  // Neither evidence by content nor of a known host: both left out.
  writeFileSync(join(folder, 'nstat-notes.txt'), 'remember to check the router\n');
  writeFileSync(join(bare, 'nstat.txt'), '#kernel\nTcpExtListenOverflows 900 0.0\n');
  lsp = await ServerClient.start();
});
after(async () => {
  await lsp.stop();
  rmSync(folder, { recursive: true, force: true });
  rmSync(bare, { recursive: true, force: true });
});

test('the files beside a capture that are evidence by name, content and host', () => {
  assert.deepEqual(evidenceBeside([join(folder, 'node-side.pcap')]).map((f) => [f.path.slice(folder.length + 1), f.kind, f.host]),
    [['nstat-server-after.txt', 'nstat', 'server'], ['nstat-server-before.txt', 'nstat', 'server']]);
  assert.deepEqual(evidenceBeside([join(bare, 'node-side.pcap')]), []);
});

test('a correlated pair with nstat snapshots beside it quotes the counters in its listen-overflow diagnosis', { timeout: 60_000 }, async () => {
  const uri = (dir: string, name: string) => pathToFileURL(join(dir, name)).toString();
  const withFiles = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: uri(folder, 'node-side.pcap'), serverUri: uri(folder, 'server-side.pcap') });
  const overflow = withFiles.diagnoses.find((d) => d.code === 'listen-overflow')!;
  const counters = overflow.evidence.flatMap((e) => e.counters ?? []);
  assert.ok(counters.some((c) => c.name === 'ListenOverflows' && c.value === 53 && c.verdict === 'confirms'), JSON.stringify(counters));
  assert.equal(overflow.confidenceFromCaptures, 'high');
  const without = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: uri(bare, 'node-side.pcap'), serverUri: uri(bare, 'server-side.pcap') });
  const plain = without.diagnoses.find((d) => d.code === 'listen-overflow')!;
  assert.ok(plain.evidence.every((e) => e.counters === undefined));
  assert.equal(plain.confidenceFromCaptures, undefined);
});
