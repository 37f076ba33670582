/** The capture requests over a real LSP connection: analysis with progress, correlation and its diagnostics, pages, details, errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, ResponseError, WorkDoneProgress } from 'vscode-languageserver-protocol/node.js';
import {
  AnalyzeCaptureRequest, AttemptDetailRequest, CAPTURE_UNREADABLE_ERROR, CorrelateCapturesRequest, HandshakePageRequest,
  type CaptureErrorData, type HandshakeDiagnosticData, type HandshakeSort,
} from '../../src/shared/lspExtensions.js';
import { ServerClient, sampleUri } from './serverClient.js';

const client = sampleUri('story-client.pcap');
const server = sampleUri('story-server.pcap');
let lsp: ServerClient;

before(async () => {
  lsp = await ServerClient.start();
});
after(async () => {
  await lsp.stop();
});

test('analyzeCapture reports work-done progress up to 100 % and answers the overview without rows', { timeout: 30_000 }, async () => {
  const reports: Array<{ kind: string; percentage?: number }> = [];
  const disposable = lsp.connection.onProgress(WorkDoneProgress.type, 'story-progress', (value) => reports.push(value));
  const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: client, workDoneToken: 'story-progress' });
  disposable.dispose();
  assert.equal(reports[0].kind, 'begin');
  assert.equal(reports.at(-1)!.kind, 'end');
  assert.equal(reports.filter((r) => r.kind === 'report').at(-1)!.percentage, 100);
  assert.equal(overview.totalHandshakes, overview.capture.summary.attempts);
  assert.ok(overview.totalHandshakes > 20);
  assert.ok(overview.charts.tsval.length > 0);
  assert.ok(overview.charts.tsval.some((series) => series.points.some((point) => point.dropped)));
  assert.equal(overview.charts.attempts.reduce((sum, bucket) => sum + bucket.attempts, 0), overview.totalHandshakes);
});

test('correlateCaptures publishes the PAWS diagnosis as an error on both captures, with the handshake ids', { timeout: 30_000 }, async () => {
  const overview = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  assert.ok(overview.clockOffset !== null && overview.clockOffset.pairs > 0);
  assert.ok(overview.diagnoses.some((d) => d.code === 'paws-tw-recycle'));
  const isPaws = (d: { code?: string | number }) => d.code === 'paws-tw-recycle';
  for (const uri of [client, server]) {
    const published = await lsp.diagnosticsFor(uri, (p) => p.diagnostics.some(isPaws));
    const paws = published.diagnostics.find(isPaws)!;
    assert.equal(paws.severity, DiagnosticSeverity.Error);
    assert.match(paws.message, /tcp_tw_recycle/);
    assert.ok((paws.data as HandshakeDiagnosticData).handshakeIds.length > 0);
  }
  // On the server capture, the ids are the server capture's own: its editor selects them.
  const onServer = lsp.diagnostics.get(server)!.diagnostics.find(isPaws)!.data as HandshakeDiagnosticData;
  assert.deepEqual(Object.keys(onServer).sort(), onServer.handshakeCause ? ['handshakeCause', 'handshakeIds'] : ['handshakeIds']);
});

test('handshakePage filters, sorts and pages the correlated rows', { timeout: 30_000 }, async () => {
  const page = (params: Partial<Parameters<typeof lsp.connection.sendRequest>[1]> & object) =>
    lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 100, ...params });
  const all = await page({});
  const failed = await page({ filter: { failedOnly: true } });
  assert.ok(failed.total > 0 && failed.total < all.total);
  assert.ok(failed.rows.every((row) => row.verdict === 'fail'));
  const paws = await page({ filter: { cause: 'paws-tw-recycle' } });
  assert.ok(paws.total > 0 && paws.rows.every((row) => row.cause === 'paws-tw-recycle' && row.atServer !== null));

  const byTsvalDesc = await page({ sort: { column: 'tsval', direction: 'desc' } });
  const tsvals = byTsvalDesc.rows.map((row) => row.tsval ?? -1);
  assert.deepEqual(tsvals, [...tsvals].sort((a, b) => b - a));

  const second = await page({ offset: 5, limit: 5 });
  assert.equal(second.total, all.total);
  assert.deepEqual(second.rows.map((row) => row.id), all.rows.slice(5, 10).map((row) => row.id));
  const text = await page({ filter: { text: all.rows[3].client } });
  assert.deepEqual(text.rows.map((row) => row.id), [all.rows[3].id]);
});

test('handshakePage sorts by the columns a Wireshark user adds: ISN, connect latency with the absent ones last, frame', { timeout: 30_000 }, async () => {
  const page = (sort: HandshakeSort) => lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 100, sort });
  const isns = (await page({ column: 'isn', direction: 'asc' })).rows.map((row) => row.isn);
  assert.ok(new Set(isns).size > 1);
  assert.deepEqual(isns, [...isns].sort((a, b) => a - b));

  const connect = (await page({ column: 'connect', direction: 'asc' })).rows.map((row) => row.connectMs);
  const present = connect.filter((ms): ms is number => ms !== null);
  assert.ok(present.length > 0 && present.length < connect.length, 'passed and failed attempts both');
  assert.deepEqual(connect.slice(0, present.length), [...present].sort((a, b) => a - b));
  assert.ok(connect.slice(present.length).every((ms) => ms === null), 'attempts without an ACK after the others');

  const frames = (await page({ column: 'frame', direction: 'desc' })).rows.map((row) => row.syns[0]!.frame);
  assert.deepEqual(frames, [...frames].sort((a, b) => b - a));
});

test('attemptDetail returns the packets of a dropped attempt in both captures, on one timeline', { timeout: 30_000 }, async () => {
  const [dropped] = (await lsp.connection.sendRequest(HandshakePageRequest.type, {
    uri: client, pairedServerUri: server, offset: 0, limit: 1, filter: { cause: 'paws-tw-recycle' },
  })).rows;
  const detail = await lsp.connection.sendRequest(AttemptDetailRequest.type, { uri: client, pairedServerUri: server, id: dropped.id });
  assert.equal(detail.handshake.id, dropped.id);
  assert.ok(detail.atServer !== null);
  const syns = (capture: string) => detail.packets.filter((p) => p.capture === capture && p.kind === 'syn');
  assert.equal(syns('client').length, dropped.synCount);
  assert.ok(syns('server').length > 0, 'the SYNs arrive at the server');
  assert.equal(detail.packets.filter((p) => p.kind === 'syn-ack').length, 0, 'and no SYN-ACK ever leaves');
  for (const [index, arrival] of detail.packets.entries()) {
    if (arrival.capture !== 'server' || arrival.kind !== 'syn') continue;
    const send = detail.packets.findIndex((p) => p.capture === 'client' && p.kind === 'syn' && p.tsval === arrival.tsval);
    assert.ok(send >= 0 && send < index, `the SYN with TSval ${arrival.tsval} arrives after it was sent`);
  }
  assert.equal(detail.clientAfterNat, detail.atServer.client);
  const port = dropped.client.slice(dropped.client.lastIndexOf(':') + 1);
  assert.equal(detail.wiresharkFilter, `tcp.port == ${port} && ip.addr == ${dropped.server.slice(0, dropped.server.lastIndexOf(':'))}`);
  assert.match(detail.explanation ?? '', /TSval/);
});

test('a capture under another scheme is read from the base64 content the client sends', { timeout: 30_000 }, async () => {
  const bytes = readFileSync(fileURLToPath(sampleUri('refused-and-unanswered.pcap')));
  const uri = 'vscode-remote://ssh-remote+db/captures/refused.pcap';
  const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri, content: bytes.toString('base64') });
  assert.equal(overview.uri, uri);
  assert.ok(overview.capture.summary.failed > 0);
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10, filter: { failedOnly: true } });
  assert.equal(page.total, overview.capture.summary.failed);
});

test('an unreadable file is a ResponseError naming the file, the byte offset and the reason', { timeout: 30_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-'));
  try {
    const path = join(directory, 'not-a-capture.pcap');
    writeFileSync(path, Buffer.from('This is a text file, not a capture.\n'));
    const error: unknown = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(path).toString() }).then(
      () => assert.fail('the request succeeded'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof ResponseError);
    assert.equal(error.code, CAPTURE_UNREADABLE_ERROR);
    const data = error.data as CaptureErrorData;
    assert.equal(data.file, path);
    assert.equal(data.offset, 0);
    assert.match(data.reason, /magic/);
    assert.match(error.message, /not-a-capture\.pcap.*byte 0/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('pairing the client capture with a capture of other traffic says so, and leaves the story pair\'s rows as they were', { timeout: 30_000 }, async () => {
  const rows = () => lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 100 });
  const single = () => lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, offset: 0, limit: 100 });
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const [pairedBefore, singleBefore] = [await rows(), await single()];
  const other = sampleUri('healthy.pcap');
  await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: other });
  const mispaired = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: other });
  assert.equal(mispaired.diagnoses[0].code, 'captures-do-not-correspond');
  assert.equal(mispaired.diagnoses[0].severity, 'warning');
  assert.ok(!mispaired.diagnoses.some((d) => d.code === 'lost-before-server' || d.code === 'paws-tw-recycle'));
  const mispairedRows = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: other, offset: 0, limit: 100 });
  assert.ok(mispairedRows.rows.every((row) => row.cause === null && row.atServer === null));
  assert.deepEqual(await rows(), pairedBefore);
  assert.deepEqual(await single(), singleBefore);
});
