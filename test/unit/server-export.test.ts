/** The export requests over a real LSP connection: packets to a pcapng file, rows as CSV, their errors. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError, WorkDoneProgress } from 'vscode-languageserver-protocol/node.js';
import {
  AnalyzeCaptureRequest, CorrelateCapturesRequest, ExportPacketsRequest, ExportRowsRequest, HandshakePageRequest, type RowsSelection,
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

/** The ids of a CSV's rows, in its order. */
const csvIds = (csv: string) => csv.split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[0]));

test('a table selection of every row but one exports exactly the others, as CSV rows and as pcapng, in the table\'s order', { timeout: 30_000 }, async () => {
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const sort = { column: 'tsval', direction: 'desc' } as const;
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 1000, sort });
  const order = page.rows.map((row) => row.id);
  const left = order[7]!;
  const allButOne = { all: true, ranges: [], added: [], removed: [left] };
  const { csv, rows } = await lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, pairedServerUri: server, sort, selection: allButOne });
  assert.equal(rows, order.length - 1);
  assert.deepEqual(csvIds(csv), order.filter((id) => id !== left));
  // Written by the server to a file: the same bytes, nothing left beside it.
  const csvTarget = join(dir, 'all-but-one.csv');
  const written = await lsp.connection.sendRequest(ExportRowsRequest.type, {
    uri: client, pairedServerUri: server, sort, selection: allButOne, targetUri: pathToFileURL(csvTarget).toString(),
  });
  assert.deepEqual(written, { csv: '', rows: order.length - 1 });
  assert.equal(readFileSync(csvTarget, 'utf8'), csv);
  await assert.rejects(
    lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, targetUri: pathToFileURL(join(dir, 'no', 'such', 'x.csv')).toString() }),
    (error: unknown) => error instanceof ResponseError && /cannot write: no such file/.test(error.message),
  );
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('partial')), []);

  const target = join(dir, 'all-but-one.pcapng');
  const selection = { kind: 'rows' as const, pairedServerUri: server, sort, rows: allButOne };
  const result = await lsp.connection.sendRequest(ExportPacketsRequest.type, { uri: client, selection, targetUri: pathToFileURL(target).toString() });
  assert.deepEqual(result.attempts.map((attempt) => attempt.id).sort((a, b) => a - b), order.filter((id) => id !== left).sort((a, b) => a - b));
  assert.equal(readAll(open(readFileSync(target), undefined, target)).length, result.packets);
});

test('a selection of ranges and ids exports those rows of the filtered, sorted table; a malformed one is refused', { timeout: 30_000 }, async () => {
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const sort = { column: 'tsval', direction: 'desc' } as const;
  const filter = { failedOnly: true };
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 1000, filter, sort });
  const ids = page.rows.map((row) => row.id);
  assert.ok(ids.length > 12, `${ids.length} failed rows`);
  // Positions 2 to 6 less the row at 4, plus the rows at 10 and 0 named by id (asked in any order), and an id the query lacks.
  const chosen = { all: false, ranges: [[2, 6]] as Array<[number, number]>, added: [ids[10]!, ids[0]!, 999_999], removed: [ids[4]!] };
  const { csv, rows } = await lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, pairedServerUri: server, filter, sort, selection: chosen });
  assert.deepEqual(csvIds(csv), [ids[0], ids[2], ids[3], ids[5], ids[6], ids[10]]);
  assert.equal(rows, 6);
  const malformed: Array<[unknown, RegExp]> = [
    ['all', /selection.all must be true or false/],
    [{ all: false, ranges: [[5, 2]], added: [], removed: [] }, /selection.ranges must be a list of \[first, last\] positions/],
    [{ all: false, ranges: [], added: ['3'], removed: [] }, /selection.added and selection.removed must be lists of attempt ids/],
  ];
  for (const [selection, message] of malformed) {
    await assert.rejects(
      lsp.connection.sendRequest(ExportRowsRequest.type, { uri: client, selection: selection as RowsSelection }),
      (error: unknown) => error instanceof ResponseError && message.test(error.message),
    );
  }
});
