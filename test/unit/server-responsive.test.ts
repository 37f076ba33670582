/**
 * The language server answers while it correlates two large captures: the correlation runs a pass at a
 * time (diagnosisSteps.ts), so a request for another capture's rows, sent once the reading is done,
 * comes back before the correlation's answer; and Cancel pressed then stops it.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node.js';
import { AnalyzeCaptureRequest, CorrelateCapturesRequest, CorrelatePathRequest, HandshakePageRequest } from '../../src/shared/lspExtensions.js';
import { DIAGNOSING_MESSAGE } from '../../src/server/workDoneProgress.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { sampleUri, serverForTests } from './serverClient.js';

const ATTEMPTS = 200_000;
/** A path's correlation does more per attempt (each capture against each other): fewer make it as long. */
const PATH_ATTEMPTS = 20_000;
const server = serverForTests();

test('a request answered while two large captures are correlated', { timeout: 180_000 }, async () => {
  const other = sampleUri('story-client.pcap');
  await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: other });
  // The same unanswered SYNs at both ends: every attempt matches, and each side has all of them to diagnose.
  const clientPath = join(server.directory, 'flood-client.pcap');
  const serverPath = join(server.directory, 'flood-server.pcap');
  writeSynOnlyCapture(clientPath, ATTEMPTS);
  copyFileSync(clientPath, serverPath);
  const answered: string[] = [];
  let page: Promise<unknown> | null = null;
  server.lsp.connection.onProgress(WorkDoneProgress.type, 'correlating', (value) => {
    if (value.kind !== 'report' || (value as WorkDoneProgressReport).message !== DIAGNOSING_MESSAGE || page !== null) return;
    page = server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri: other, offset: 0, limit: 5 }).then(() => answered.push('page'));
  });
  const correlated = await server.lsp.connection.sendRequest(CorrelateCapturesRequest.type, {
    clientUri: pathToFileURL(clientPath).toString(), serverUri: pathToFileURL(serverPath).toString(), workDoneToken: 'correlating',
  });
  answered.push('correlation');
  assert.ok(page !== null, 'the server said when the correlation began');
  await page;
  assert.deepEqual(answered, ['page', 'correlation']);
  assert.equal(correlated.client.totalHandshakes, ATTEMPTS);
});

test('Cancel once both captures are read stops their correlation; asked again, it is correlated anew', { timeout: 180_000 }, async () => {
  const clientPath = join(server.directory, 'cancelled-client.pcap');
  const serverPath = join(server.directory, 'cancelled-server.pcap');
  writeSynOnlyCapture(clientPath, ATTEMPTS);
  copyFileSync(clientPath, serverPath);
  const params = { clientUri: pathToFileURL(clientPath).toString(), serverUri: pathToFileURL(serverPath).toString() };
  const source = new CancellationTokenSource();
  server.lsp.connection.onProgress(WorkDoneProgress.type, 'cancelled-correlation', (value) => {
    if (value.kind === 'report' && (value as WorkDoneProgressReport).message === DIAGNOSING_MESSAGE) source.cancel();
  });
  await assert.rejects(
    server.lsp.connection.sendRequest(CorrelateCapturesRequest.type, { ...params, workDoneToken: 'cancelled-correlation' }, source.token),
    (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
  );
  const again = await server.lsp.connection.sendRequest(CorrelateCapturesRequest.type, params);
  assert.equal(again.client.totalHandshakes, ATTEMPTS);
  assert.ok(again.diagnoses.length > 0, 'correlated and diagnosed');
});

test('a path of large captures: answered meanwhile, Cancel once all are read stops it, asked again it is correlated', { timeout: 180_000 }, async () => {
  const other = sampleUri('story-client.pcap');
  await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: other });
  const paths = ['pod', 'node', 'server'].map((name) => join(server.directory, `path-${name}.pcap`));
  writeSynOnlyCapture(paths[0]!, PATH_ATTEMPTS);
  for (const copy of paths.slice(1)) copyFileSync(paths[0]!, copy);
  const uris = paths.map((path) => pathToFileURL(path).toString());
  const source = new CancellationTokenSource();
  const answered: string[] = [];
  let page: Promise<unknown> | null = null;
  server.lsp.connection.onProgress(WorkDoneProgress.type, 'path', (value) => {
    if (value.kind !== 'report' || (value as WorkDoneProgressReport).message !== DIAGNOSING_MESSAGE || page !== null) return;
    page = server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri: other, offset: 0, limit: 5 }).then(() => answered.push('page'));
    // Cancelled once the page is answered: the correlation went on meanwhile.
    void page.then(() => source.cancel());
  });
  await assert.rejects(
    server.lsp.connection.sendRequest(CorrelatePathRequest.type, { uris, serverUri: uris[2], workDoneToken: 'path' }, source.token).finally(() => answered.push('path')),
    (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
  );
  assert.deepEqual(answered, ['page', 'path']);
  const again = await server.lsp.connection.sendRequest(CorrelatePathRequest.type, { uris, serverUri: uris[2] });
  assert.equal(again.captures.length, 3);
  assert.equal(again.captures[0]!.totalHandshakes, PATH_ATTEMPTS);
});
