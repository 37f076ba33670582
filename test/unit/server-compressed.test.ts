/** The language server opens compressed captures from disk as it opens plain ones, progress and correlation included. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WorkDoneProgress } from 'vscode-languageserver-protocol/node.js';
import { AnalyzeCaptureRequest, CorrelateCapturesRequest } from '../../src/shared/lspExtensions.js';
import { ServerClient, sampleUri } from './serverClient.js';

let lsp: ServerClient;
let directory: string;

before(async () => {
  lsp = await ServerClient.start();
  directory = mkdtempSync(join(tmpdir(), 'handshake-lens-compressed-'));
  writeFileSync(join(directory, 'story-client.pcap.gz'), gzipSync(readFileSync('samples/story-client.pcap')));
  copyFileSync('test/fixtures/compressed/story-client.pcap.zst', join(directory, 'story-client.pcap.zst'));
});
after(async () => {
  await lsp.stop();
  rmSync(directory, { recursive: true, force: true });
});

const uriOf = (name: string): string => pathToFileURL(join(directory, name)).toString();

test('a .pcap.gz and a .pcap.zst give the overview of the plain capture, with progress to 100 %', { timeout: 30_000 }, async () => {
  const plain = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: sampleUri('story-client.pcap') });
  for (const [name, compression] of [['story-client.pcap.gz', 'gzip'], ['story-client.pcap.zst', 'zstd']] as const) {
    const reports: Array<{ kind: string; percentage?: number }> = [];
    const token = `progress-${compression}`;
    const disposable = lsp.connection.onProgress(WorkDoneProgress.type, token, (value) => reports.push(value));
    const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: uriOf(name), workDoneToken: token });
    disposable.dispose();
    assert.equal(reports.filter((r) => r.kind === 'report').at(-1)?.percentage, 100, name);
    assert.equal(overview.capture.compression, compression);
    assert.deepEqual({ ...overview, uri: '', capture: { ...overview.capture, path: '', compression: null } }, { ...plain, uri: '', capture: { ...plain.capture, path: '', compression: null } }, name);
  }
});

test('a gzip client capture correlates with the plain server capture: the PAWS diagnosis', { timeout: 30_000 }, async () => {
  const overview = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: uriOf('story-client.pcap.gz'), serverUri: sampleUri('story-server.pcap') });
  assert.ok(overview.diagnoses.some((diagnosis) => diagnosis.code === 'paws-tw-recycle'));
});
