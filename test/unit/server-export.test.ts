/** The export requests over a real LSP connection: packets to a pcapng file, rows as CSV, their errors. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError, WorkDoneProgress } from 'vscode-languageserver-protocol/node.js';
import {
  AnalyzeCaptureRequest, CorrelateCapturesRequest, ExportPacketsRequest, ExportRowsRequest, HandshakeIdsRequest, HandshakePageRequest,
} from '../../src/shared/lspExtensions.js';
import { open, readAll } from './captureFixtures.js';
import { ServerClient, sampleUri } from './serverClient.js';

const client = sampleUri('story-client.pcap');
const server = sampleUri('story-server.pcap');
let lsp: ServerClient;
let dir: string;

before(async () => {
  lsp = await ServerClient.start();
  dir = mkdtempSync(join(tmpdir(), 'handshake-lens-server-export-'));
});
after(async () => {
  await lsp.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('exportPackets writes the failed attempts\' frames to the target, with progress to 100 %', { timeout: 30_000 }, async () => {
  await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: client });
  const failed = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, offset: 0, limit: 1000, filter: { failedOnly: true } });
  const target = join(dir, 'failed.pcapng');
  const reports: Array<{ kind: string; percentage?: number }> = [];
  const progress = lsp.connection.onProgress(WorkDoneProgress.type, 'export-progress', (value) => reports.push(value));
  const result = await lsp.connection.sendRequest(ExportPacketsRequest.type, {
    uri: client, selection: { kind: 'failed' }, targetUri: pathToFileURL(target).toString(), workDoneToken: 'export-progress',
  });
  progress.dispose();
  assert.equal(result.cancelled, false);
  assert.deepEqual(result.attempts.map((attempt) => attempt.id), failed.rows.map((row) => row.id));
  // Each failed attempt of the story is a SYN sent four times without an answer.
  assert.ok(result.attempts.every((attempt) => attempt.packets === 4), JSON.stringify(result.attempts));
  const reader = open(readFileSync(target), undefined, target);
  assert.equal(readAll(reader).length, result.packets);
  assert.match(reader.info.comments.join('\n'), /^Handshake Lens: attempts 2, 4, .* of story-client\.pcap$/m);
  assert.equal(reports.filter((r) => r.kind === 'report').at(-1)?.percentage, 100);
});

test('exportPackets refuses unknown ids, targets that are not files, and unanalysed captures; nothing is left behind', { timeout: 30_000 }, async () => {
  await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: client });
  const target = join(dir, 'refused.pcapng');
  const cases: [Parameters<typeof lsp.connection.sendRequest<typeof ExportPacketsRequest.type>>[1], RegExp][] = [
    [{ uri: client, selection: { kind: 'attempts', ids: [2, 999] }, targetUri: pathToFileURL(target).toString() }, /no attempt 999 in this capture/],
    [{ uri: client, selection: { kind: 'failed' }, targetUri: 'untitled:export.pcapng' }, /file: URIs only/],
    [{ uri: client, selection: { kind: 'failed' }, targetUri: pathToFileURL(join(dir, 'no', 'such', 'x.pcapng')).toString() }, /cannot write: no such file/],
    [{ uri: sampleUri('healthy.pcap') + '?never', selection: { kind: 'failed' }, targetUri: pathToFileURL(target).toString() }, /has not been analysed/],
  ];
  for (const [params, message] of cases) {
    await assert.rejects(lsp.connection.sendRequest(ExportPacketsRequest.type, params), (error: unknown) => error instanceof ResponseError && message.test(error.message));
  }
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('partial')), []);
});

test('exportRows answers the CLI\'s CSV of every row the filter keeps, in the table\'s order', { timeout: 30_000 }, async () => {
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const sort = { column: 'id' as const, direction: 'desc' as const };
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 1000, filter: { failedOnly: true }, sort });
  const { csv, rows } = await lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, pairedServerUri: server, filter: { failedOnly: true }, sort });
  const lines = csv.split('\r\n').filter((line) => line.length > 0);
  assert.equal(lines[0], 'id,client,server,ipVersion,isn,synTime,synCount,tsval,ttl,verdict,outcome,rttMs,ackDelayMs,vantage,cause,confidence');
  assert.equal(rows, page.total);
  assert.deepEqual(lines.slice(1).map((line) => Number(line.split(',')[0])), page.rows.map((row) => row.id));
  // The correlated view's causes are in the rows: every failure of the story pair is located or explained.
  assert.ok(lines.slice(1).every((line) => line.split(',')[14] !== ''), csv);
});

test('handshakeIds gives every id of a query in its order, and exportRows with ids writes only those, in the same order', async () => {
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const sort = { column: 'tsval', direction: 'desc' } as const;
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 1000, filter: { failedOnly: true }, sort });
  const { ids } = await lsp.connection.sendRequest(HandshakeIdsRequest.type, { uri: client, pairedServerUri: server, filter: { failedOnly: true }, sort });
  assert.deepEqual(ids, page.rows.map((row) => row.id));
  const broken = await lsp.connection.sendRequest(HandshakeIdsRequest.type, { uri: client, filter: { expression: 'syns >=' } });
  assert.deepEqual(broken.ids, []);

  // The selection is asked for in any order; the CSV keeps the table's.
  const chosen = [ids[4]!, ids[0]!, ids[2]!, 999_999];
  const { csv, rows } = await lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, pairedServerUri: server, filter: { failedOnly: true }, sort, ids: chosen });
  assert.equal(rows, 3);
  assert.deepEqual(csv.split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[0])), [ids[0], ids[2], ids[4]]);
  await assert.rejects(
    lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, ids: 'all' as unknown as number[] }),
    (error: unknown) => error instanceof ResponseError && /ids must be a list of attempt ids/.test(error.message),
  );
});
