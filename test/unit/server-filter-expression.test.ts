/**
 * handshakePage with a filter expression, over a real LSP connection on the story pair. The expected rows
 * come from the command line's JSON report of the same pair, never from the filter code.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HandshakeJson } from '../../src/analyzer/report.js';
import { CorrelateCapturesRequest, HandshakePageRequest, type HandshakeFilter } from '../../src/shared/lspExtensions.js';
import { storyPairReport } from './cliRun.js';
import { ServerClient, sampleUri } from './serverClient.js';

const client = sampleUri('story-client.pcap');
const server = sampleUri('story-server.pcap');
let lsp: ServerClient;
let report: HandshakeJson[];

before(async () => {
  lsp = await ServerClient.start();
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  report = storyPairReport().handshakes;
});
after(async () => {
  await lsp.stop();
});

const page = (filter: HandshakeFilter) =>
  lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client, pairedServerUri: server, offset: 0, limit: 5000, filter, sort: { column: 'id', direction: 'asc' } });

const idsOf = (rows: HandshakeJson[]) => rows.map((row) => row.id);

test('an expression filters the correlated rows as the JSON report says', { timeout: 60_000 }, async () => {
  const tsvals = report.map((row) => row.tsval ?? 0).sort((a, b) => a - b);
  const median = tsvals[tsvals.length >> 1]!;
  const rtts = report.flatMap((row) => row.rttMs ?? []).sort((a, b) => a - b);
  const medianRtt = rtts[rtts.length >> 1]!;
  const cases: Array<[string, (row: HandshakeJson) => boolean]> = [
    ['verdict == fail && syns >= 2', (row) => row.verdict === 'fail' && row.synCount >= 2],
    ['cause == paws-tw-recycle', (row) => row.cause === 'paws-tw-recycle'],
    ['!cause && verdict == pass', (row) => row.cause === null && row.verdict === 'pass'],
    [`rtt > ${medianRtt * 1000}us || outcome in {refused no-reply}`, (row) => (row.rttMs !== null && row.rttMs > medianRtt) || ['refused', 'no-reply'].includes(row.outcome)],
    [`server.port == 3306 and not tsval < ${median}`, (row) => row.server.endsWith(':3306') && !(row.tsval !== null && row.tsval < median)],
    ['!ts', (row) => row.tsval === null],
  ];
  for (const [expression, expected] of cases) {
    const reply = await page({ expression });
    assert.equal(reply.filterError, undefined, expression);
    const want = idsOf(report.filter(expected));
    assert.deepEqual(idsOf(reply.rows), want, expression);
    assert.equal(reply.total, want.length, expression);
    // Every case but the story's absent SYNs without timestamps keeps some rows and drops others.
    if (expression !== '!ts') assert.ok(want.length > 0 && want.length < report.length, expression);
  }
  // The story's failures are PAWS drops the client retransmitted: the first case is not empty.
  assert.ok(report.some((row) => row.verdict === 'fail' && row.synCount >= 2));
});

test('an expression combines with the other filter fields', { timeout: 60_000 }, async () => {
  const one = report.find((row) => row.verdict === 'fail')!;
  const reply = await page({ expression: 'syns >= 1', text: one.client });
  assert.deepEqual(idsOf(reply.rows), [one.id]);
});

test('an expression that does not parse gets its error instead of rows', { timeout: 60_000 }, async () => {
  const reply = await page({ expression: 'verdict == fail && syns >=' });
  assert.deepEqual(reply.rows, []);
  assert.equal(reply.total, 0);
  assert.deepEqual(reply.filterError, { code: 'expected-value', position: 26, args: ['>='], message: "expected a value after '>=' at 26" });
  // And a good one after it is not served from the failed one.
  assert.equal((await page({ expression: 'verdict == fail' })).total, report.filter((row) => row.verdict === 'fail').length);
});
