/**
 * The editor is sent at most SENT_IDS ids per list of a diagnosis (server/sentIds.ts): a flood's
 * diagnosis that names every attempt arrives cut, with its count and, where the list is exactly the
 * attempts of its cause, that cause for the table to filter by.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AnalyzeCaptureRequest, HandshakePageRequest, type HandshakeDiagnosticData } from '../../src/shared/lspExtensions.js';
import { CaptureStore } from '../../src/server/captureStore.js';
import { SENT_IDS, sentDiagnoses } from '../../src/server/sentIds.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { sampleUri, serverForTests } from './serverClient.js';

const ATTEMPTS = SENT_IDS + 1_000;
const shared = serverForTests();

function floodUri(): string {
  const path = join(shared.directory, 'flood.pcap');
  writeSynOnlyCapture(path, ATTEMPTS);
  return pathToFileURL(path).toString();
}

test('a diagnosis naming more attempts than are sent arrives cut, with its count and its cause, in the overview and the Problems data', { timeout: 60_000 }, async () => {
  const { lsp } = shared;
  const uri = floodUri();
  const overview = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  // What the table shows when that cause is chosen: every attempt of it (the last ones, too young to
  // judge when the capture ends, have none).
  const page = await lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10, filter: { cause: 'unlocated' } });
  assert.ok(page.total > SENT_IDS && page.total < ATTEMPTS);
  const unlocated = overview.diagnoses.find((d) => d.code === 'unlocated')!;
  assert.equal(unlocated.handshakeIds.length, SENT_IDS);
  assert.equal(unlocated.handshakeTotal, page.total);
  assert.equal(unlocated.handshakeCause, 'unlocated');
  const cutFacts = unlocated.evidence.filter((fact) => fact.handshakeTotal !== undefined);
  assert.ok(cutFacts.length > 0);
  for (const fact of cutFacts) assert.equal(fact.handshakeIds.length, SENT_IDS);
  const published = await lsp.diagnosticsFor(uri, (params) => params.diagnostics.length > 0);
  const data = published.diagnostics.find((d) => d.code === 'unlocated')!.data as HandshakeDiagnosticData;
  assert.equal(data.handshakeIds.length, SENT_IDS);
  assert.equal(data.handshakeCause, 'unlocated');
});

test('lists of at most SENT_IDS ids are sent whole, without a count or a cause', { timeout: 30_000 }, async () => {
  const overview = await shared.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: sampleUri('story-client.pcap') });
  assert.ok(overview.diagnoses.some((d) => d.handshakeIds.length > 0));
  for (const diagnosis of overview.diagnoses) {
    assert.equal(diagnosis.handshakeTotal, undefined);
    assert.equal(diagnosis.handshakeCause, undefined);
    for (const fact of diagnosis.evidence) assert.equal(fact.handshakeTotal, undefined);
  }
});

test('a cut list that is not exactly the attempts of its cause gets a count but no cause', { timeout: 60_000 }, async () => {
  const store = new CaptureStore('en');
  const uri = floodUri();
  await store.read(uri);
  const view = store.single(uri)!;
  const unlocated = view.diagnoses.find((d) => d.code === 'unlocated')!;
  // One attempt fewer than have the cause; and the same list under another cause.
  const fewer = { ...unlocated, handshakeIds: unlocated.handshakeIds.slice(1), evidence: [] };
  const otherCause = { ...unlocated, code: 'dropped-at-server' as const, evidence: [] };
  const [sent, cutFewer, cutOther] = sentDiagnoses([unlocated, fewer, otherCause], view);
  assert.equal(sent.handshakeCause, 'unlocated');
  assert.equal(cutFewer.handshakeTotal, unlocated.handshakeIds.length - 1);
  assert.equal(cutFewer.handshakeCause, undefined);
  assert.equal(cutOther.handshakeTotal, unlocated.handshakeIds.length);
  assert.equal(cutOther.handshakeCause, undefined);
  assert.deepEqual(cutOther.handshakeIds, unlocated.handshakeIds.slice(0, SENT_IDS));
  // The view keeps every id: only what is sent is cut.
  assert.ok(unlocated.handshakeIds.length > SENT_IDS);
});
