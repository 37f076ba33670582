/**
 * Several captures of one path over a real LSP connection: correlatePath's rows in each capture's own
 * numbering with the path's causes and paths, its diagnostics on every capture (and gone when another
 * pairing takes a capture), the refusal of a capture sharing nothing, and matchingCaptures' suggestion.
 * Expected values come from the recording's truth.json and the CLI's own path report.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol/node.js';
import {
  AttemptDetailRequest, CorrelateCapturesRequest, CorrelatePathRequest, HandshakePageRequest, MatchingCapturesRequest, TextReportRequest, type HandshakeDiagnosticData,
} from '../../src/shared/lspExtensions.js';
import { parseTextReportUri } from '../../src/shared/textReportUri.js';
import { recording } from './realRecording.js';
import { ServerClient, sampleUri } from './serverClient.js';

const fixture = (name: string) => pathToFileURL(join(__dirname, '../fixtures/real/path-drops', name)).toString();
const POD = fixture('pod-a.pcap');
const NODE = fixture('node-any.pcap');
const SERVER = fixture('server-side.pcap');
const rec = recording('path-drops');
let lsp: ServerClient;

before(async () => {
  lsp = await ServerClient.start();
});
after(async () => {
  await lsp.stop();
});

const codes = (params: { diagnostics: Array<{ code?: string | number }> }) => params.diagnostics.map((d) => d.code);

test('correlatePath finds the server capture and shows each capture\'s rows in its own numbering, with the path\'s causes', { timeout: 60_000 }, async () => {
  const overview = await lsp.connection.sendRequest(CorrelatePathRequest.type, { uris: [SERVER, POD, NODE] });
  assert.equal(overview.server, 0, 'server-side.pcap is found at the server without being named');
  assert.deepEqual(overview.order, [1, 2, 0]);
  assert.equal(overview.captures.length, 3);
  for (const [index, uri] of [SERVER, POD, NODE].entries()) {
    const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri, path: { uris: [SERVER, POD, NODE] }, offset: 0, limit: 100 });
    assert.equal(page.total, overview.captures[index].totalHandshakes);
    assert.ok(page.rows.every((row) => row.path === undefined || row.path.at(-1)!.capture === 0), 'every path ends at the server capture');
  }
  // The pod's own attempts, its own ids: those the node's FORWARD chain dropped (source ports 62000-62099) are dropped-at-node.
  const pod = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: POD, path: { uris: [SERVER, POD, NODE] }, offset: 0, limit: 100 });
  assert.equal(pod.total, rec.load('pod-a.pcap').handshakes.length);
  const droppedAtNode = pod.rows.filter((row) => { const port = Number(row.client.split(':')[1]); return port >= 62000 && port < 62100; });
  assert.ok(droppedAtNode.length >= 2);
  for (const row of droppedAtNode) {
    assert.equal(row.cause, 'dropped-at-node', `pod-a #${row.id} ${row.client}`);
    assert.deepEqual(row.path!.map((step) => [step.capture, step.side, step.seen]), [[1, null, true], [2, 'before-nat', true], [2, 'after-nat', false], [0, null, false]]);
  }
  for (const uri of [SERVER, POD, NODE]) {
    const published = await lsp.diagnosticsFor(uri, (p) => codes(p).includes('dropped-at-node'));
    // Ids in the capture's own numbering: the pod's name its own attempts.
    const ids = (published.diagnostics.find((d) => d.code === 'dropped-at-node')!.data as HandshakeDiagnosticData).handshakeIds;
    if (uri === POD) assert.deepEqual(ids, droppedAtNode.map((row) => row.id));
  }
});

test('an attempt\'s ladder along the path has a column per capture point and each SYN where that capture holds it', { timeout: 60_000 }, async () => {
  const path = { uris: [SERVER, POD, NODE] };
  await lsp.connection.sendRequest(CorrelatePathRequest.type, path);
  const pod = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: POD, path, offset: 0, limit: 100 });
  const dropped = pod.rows.find((row) => row.cause === 'dropped-at-node')!;
  const detail = await lsp.connection.sendRequest(AttemptDetailRequest.type, { uri: POD, path, id: dropped.id });
  assert.deepEqual(detail.points!.map((p) => [p.file, p.side, p.seen, p.server]), [
    ['pod-a.pcap', null, true, false], ['node-any.pcap', 'before-nat', true, false], ['node-any.pcap', 'after-nat', false, false], ['server-side.pcap', null, false, true],
  ]);
  // Every transmission the pod sent, and each again at the node before its FORWARD chain dropped it.
  const syns = (point: number) => detail.packets.filter((p) => p.kind === 'syn' && p.point === point).map((p) => p.tsval);
  assert.equal(syns(0).length, dropped.synCount);
  assert.deepEqual(syns(1), syns(0));
  assert.deepEqual([...syns(2), ...syns(3)], []);
  // Each SYN reaches the node after it left the pod.
  for (const tsval of syns(0)) {
    const order = detail.packets.filter((p) => p.tsval === tsval && p.kind === 'syn').map((p) => p.point);
    assert.deepEqual(order, [0, 1]);
  }

  const server = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri: SERVER, path, offset: 0, limit: 100 });
  const passed = server.rows.find((row) => row.verdict === 'pass' && row.path?.length === 4)!;
  const along = await lsp.connection.sendRequest(AttemptDetailRequest.type, { uri: SERVER, path, id: passed.id });
  assert.deepEqual(along.points!.map((p) => p.seen), [true, true, true, true]);
  const synAckAt = along.packets.filter((p) => p.kind === 'syn-ack').map((p) => p.point);
  assert.deepEqual(synAckAt, [3, 2, 1, 0].filter((point) => point !== 2), 'the SYN-ACK leaves the server and arrives at the node and the pod (after NAT the node keeps only the SYN)');
});

test('the text report of a capture along the path carries the path\'s causes, and its URI names the path', { timeout: 60_000 }, async () => {
  const path = { uris: [POD, NODE, SERVER], serverUri: SERVER };
  await lsp.connection.sendRequest(CorrelatePathRequest.type, path);
  const report = await lsp.connection.sendRequest(TextReportRequest.type, { uri: POD, path });
  assert.match(report.text, /dropped-at-node/);
  assert.deepEqual(parseTextReportUri(report.reportUri), { uri: POD, path });
  const alone = await lsp.connection.sendRequest(TextReportRequest.type, { uri: POD });
  assert.doesNotMatch(alone.text, /dropped-at-node/, 'one capture alone cannot place a drop between two capture points');
});

test('a pairing that takes a capture off the path clears what the path published on the captures left behind', { timeout: 60_000 }, async () => {
  await lsp.connection.sendRequest(CorrelatePathRequest.type, { uris: [POD, NODE, SERVER], serverUri: SERVER });
  await lsp.diagnosticsFor(NODE, (p) => codes(p).includes('dropped-at-node'));
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: POD, serverUri: SERVER });
  // The node's capture is on no current pairing: its own analysis says nothing of a node between two captures.
  const node = await lsp.diagnosticsFor(NODE, (p) => !codes(p).includes('dropped-at-node'));
  assert.ok(!codes(node).includes('dropped-at-node'));
  const pod = await lsp.diagnosticsFor(POD, (p) => !codes(p).includes('dropped-at-node'));
  assert.ok(!codes(pod).includes('dropped-at-node'), 'the pair has no node to blame');
});

test('a capture sharing no attempt with the others is refused, named with the reason', { timeout: 60_000 }, async () => {
  const refused = await lsp.connection.sendRequest(CorrelatePathRequest.type, { uris: [POD, SERVER, sampleUri('story-server.pcap')] }).then(() => null, (error: unknown) => error);
  assert.ok(refused instanceof ResponseError);
  assert.match(refused.message, /^story-server\.pcap shares no connection attempt with the other captures \(no SYN with the same ISN and TSval\)/);
});

test('matchingCaptures ranks the captures sharing the traffic first and names the one clear match', { timeout: 60_000 }, async () => {
  const story = await lsp.connection.sendRequest(MatchingCapturesRequest.type, {
    uri: sampleUri('story-client.pcap'), candidates: [sampleUri('healthy.pcap'), SERVER, sampleUri('story-server.pcap'), sampleUri('no-such.pcap')],
  });
  assert.deepEqual(story.matches.map((m) => m.uri), [sampleUri('story-server.pcap')]);
  assert.equal(story.clear, sampleUri('story-server.pcap'));
  assert.equal(story.matches[0].matched, story.matches[0].attempts);

  const pod = await lsp.connection.sendRequest(MatchingCapturesRequest.type, { uri: POD, candidates: [fixture('pod-b.pcap'), NODE, SERVER] });
  assert.deepEqual(pod.matches.map((m) => m.uri), [NODE, SERVER], 'the node holds every attempt of the pod, the server fewer; the other pod none');
  assert.equal(pod.matches[0].matched, pod.matches[0].attempts);
  assert.equal(pod.clear, null, 'two captures share the pod\'s traffic');
});
