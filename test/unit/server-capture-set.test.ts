/**
 * A capture set over a real LSP connection: a wrapped ring named by one set URI (its folder, or files
 * chosen in it) is analysed as one capture with the whole file's attempts, its files and a gap between
 * them in the overview, and its packets exported from all its files; garbled set URIs are refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol/node.js';
import { AnalyzeCaptureRequest, ExportPacketsRequest, HandshakePageRequest } from '../../src/shared/lspExtensions.js';
import { captureSetPaths, captureSetUri } from '../../src/shared/captureSetUri.js';
import { pcapOf } from './captureFile.js';
import { open, readAll } from './captureFixtures.js';
import { rotated } from './captureRing.js';
import { Conversation } from './handshakeScript.js';
import { ServerClient, sampleUri } from './serverClient.js';

const CLIENT = readFileSync('samples/story-client.pcap');
let lsp: ServerClient;
let dir: string;

before(async () => {
  lsp = await ServerClient.start();
  dir = mkdtempSync(join(tmpdir(), 'handshake-lens-server-set-'));
});
after(async () => {
  await lsp.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The story cut into a ring of ten files whose numbering wrapped at `cap.pcap6`. */
function ring(folder: string): string[] {
  const files = rotated(CLIENT, 10);
  const paths = files.map((_, index) => join(folder, `cap.pcap${(index + 6) % 10}`));
  files.forEach((file, index) => writeFileSync(paths[index], file));
  return paths;
}

test('set URIs name a folder or its files, whatever characters their paths hold, with or without an empty authority', () => {
  assert.deepEqual(captureSetPaths(captureSetUri('/tmp/a ring')), ['/tmp/a ring']);
  assert.deepEqual(captureSetPaths(captureSetUri('/tmp/r', ['/tmp/r/cap 1.pcap', '/tmp/r/捕获.pcap'])), ['/tmp/r/cap 1.pcap', '/tmp/r/捕获.pcap']);
  assert.deepEqual(captureSetPaths('handshake-lens-set:///tmp/r'), ['/tmp/r']);
  assert.equal(captureSetPaths(sampleUri('healthy.pcap')), null);
  assert.equal(captureSetPaths('handshake-lens-set:/tmp/r?bm90IGpzb24'), null);
});

test('a folder\'s set URI is analysed as one capture: the whole file\'s attempts, its files in time order', { timeout: 60_000 }, async () => {
  const paths = ring(mkdtempSync(join(dir, 'ring-')));
  const uri = captureSetUri(join(paths[0], '..'));
  const set = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  const whole = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: sampleUri('story-client.pcap') });
  assert.deepEqual(set.capture.summary, whole.capture.summary);
  assert.deepEqual(set.capture.files!.map((file) => file.path), paths);
  assert.equal(set.capture.files!.reduce((total, file) => total + file.packets, 0), whole.capture.packets);
  assert.deepEqual(set.diagnoses.map((d) => d.code), whole.diagnoses.map((d) => d.code));
  const rows = async (of: string) => (await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: of, offset: 0, limit: 1000 })).rows;
  assert.deepEqual(await rows(uri), await rows(sampleUri('story-client.pcap')));

  // Exported from every file of the set: the frames the whole file's export has.
  const fromSet = join(dir, 'set.pcapng');
  const fromWhole = join(dir, 'whole.pcapng');
  const exported = await lsp.connection.sendRequest(ExportPacketsRequest.type, { uri, selection: { kind: 'failed' }, targetUri: pathToFileURL(fromSet).toString() });
  await lsp.connection.sendRequest(ExportPacketsRequest.type, { uri: sampleUri('story-client.pcap'), selection: { kind: 'failed' }, targetUri: pathToFileURL(fromWhole).toString() });
  const frames = (path: string) => readAll(open(readFileSync(path), undefined, path)).map((record) => `${record.timeSec}.${record.timeNs} ${Buffer.from(record.data).toString('hex')}`);
  assert.ok(exported.packets > 20, JSON.stringify(exported));
  assert.deepEqual(frames(fromSet), frames(fromWhole));
});

test('files chosen in a folder are one set, and a gap between them is a capture-gap warning of the overview', { timeout: 60_000 }, async () => {
  const folder = mkdtempSync(join(dir, 'gap-'));
  const T = 1_700_000_000;
  const handshake = (client: string, at: number) => {
    const c = new Conversation(client, '10.0.0.2:80');
    return [c.syn(at, 1000), c.synAck(at + 0.001, 5000, 1000), c.ack(at + 0.002, 1000, 5000)];
  };
  // Ten minutes between the files: more than the set's gap bound.
  const earlier = handshake('10.0.0.1:40000', T);
  const later = handshake('10.0.0.1:40001', T + 600);
  const first = join(folder, 'b-first.pcap');
  const second = join(folder, 'a-second.pcap');
  writeFileSync(first, pcapOf(earlier));
  writeFileSync(second, pcapOf(later));
  writeFileSync(join(folder, 'other.pcap'), pcapOf(earlier));
  const uri = captureSetUri(folder, [second, first]);
  const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  // In time order, whatever the order chosen; the folder's other capture is not among them.
  assert.deepEqual(overview.capture.files!.map((file) => file.path), [first, second]);
  assert.equal(overview.capture.summary.attempts, 2);
  const gap = overview.capture.warnings.find((warning) => warning.code === 'capture-gap');
  assert.ok(gap, JSON.stringify(overview.capture.warnings));
  assert.equal(gap.file, second);
});

test('a set URI that names no capture is an error naming it, not a crash', { timeout: 30_000 }, async () => {
  const empty = mkdtempSync(join(dir, 'empty-'));
  writeFileSync(join(empty, 'notes.txt'), 'no captures here\n');
  for (const [uri, message] of [[captureSetUri(empty), /no capture files in the folder/], ['handshake-lens-set:/tmp/r?bm90IGpzb24', /not a capture set/]] as const) {
    await assert.rejects(lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri }), (error: unknown) => error instanceof ResponseError && message.test(error.message));
  }
});
