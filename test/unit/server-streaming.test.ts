/**
 * Rows while a capture is read, over a real LSP connection: the server's captureProgress notifications
 * come before the analysis answers, pages then answer from the rows decided so far, filtered and
 * sorted, and the answer replaces them with the whole capture's.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  AnalyzeCaptureRequest, CaptureProgressNotification, HandshakePageRequest,
  type CaptureProgressParams, type HandshakePage,
} from '../../src/shared/lspExtensions.js';
import { serverForTests } from './serverClient.js';
import { writeStreamingCapture } from './streamingCapture.js';

const ATTEMPTS = 120_000;
const server = serverForTests();

test('pages answer from the rows decided so far while the capture is read, then from the whole capture', { timeout: 120_000 }, async () => {
  const path = join(server.directory, 'streaming.pcap');
  writeStreamingCapture(path, ATTEMPTS);
  const uri = pathToFileURL(path).toString();
  const notifications: CaptureProgressParams[] = [];
  let answered = false;
  let early: Promise<{ notified: CaptureProgressParams; all: HandshakePage; failedLatestFirst: HandshakePage; answeredBefore: boolean }> | undefined;
  server.lsp.connection.onNotification(CaptureProgressNotification.type, (params) => {
    notifications.push(params);
    if (early !== undefined || params.rows === 0) return;
    // As the editor does on a notification: its window of rows, with the table's filter and sort.
    early = (async () => {
      const all = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 100 });
      const failedLatestFirst = await server.lsp.connection.sendRequest(HandshakePageRequest.type, {
        uri, offset: 0, limit: 100, filter: { failedOnly: true }, sort: { column: 'time', direction: 'desc' },
      });
      return { notified: params, all, failedLatestFirst, answeredBefore: !answered };
    })();
  });
  const overview = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  answered = true;
  assert.ok(early, 'a notification with rows came before the answer');
  const seen = await early;
  assert.ok(seen.answeredBefore, 'the pages were answered while the capture was read');
  assert.equal(overview.totalHandshakes, ATTEMPTS);

  const { notified, all, failedLatestFirst } = seen;
  assert.equal(notified.uri, uri);
  assert.ok(notified.percent < 100 && notified.bytesRead < notified.size, `the first rows came at ${notified.percent} %`);
  assert.ok(all.total >= notified.rows && all.total < ATTEMPTS, `some rows, not all: ${all.total}`);
  assert.equal(all.rows.length, Math.min(100, all.total));
  // The table's default order is by id, whatever order the verdicts became final in.
  assert.deepEqual(all.rows.map((row) => row.id), all.rows.map((row) => row.id).sort((a, b) => a - b));
  assert.ok(failedLatestFirst.rows.length > 0);
  assert.ok(failedLatestFirst.rows.every((row) => row.verdict === 'fail' && row.cause === null));
  const times = failedLatestFirst.rows.map((row) => row.synTime);
  assert.deepEqual(times, [...times].sort((a, b) => b - a));

  const percents = notifications.map((params) => params.percent);
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
  assert.ok(notifications.every((params) => params.failed <= params.rows && params.rows <= params.attempts));
  // The first packet's time, which the table's "seconds since the start" counts from, is known from the first rows on.
  assert.ok(notifications.filter((params) => params.rows > 0).every((params) => params.start === overview.capture.start));

  // The answer replaced the partial rows: pages now hold every attempt, with causes.
  const final = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10, filter: { failedOnly: true } });
  assert.equal(final.total, overview.capture.summary.failed);
  assert.ok(final.rows.every((row) => row.cause !== null));
});
