/**
 * A capture still being written, followed by the language server for the editor: records appended to
 * the file while it is read become rows within a second, pending until the record that decides them
 * and decided within a second of it; the analysis waits at the end instead of answering, stopFollowing
 * (Pause) answers with what was read, Resume (follow) goes on from there, forgetCapture stops
 * that follow and keeps nothing, and a file that does not grow is answered as before.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  AnalyzeCaptureRequest, CaptureProgressNotification, CorrelateCapturesRequest, ForgetCaptureNotification, HandshakePageRequest, LiveOverviewNotification,
  LivePairOverviewNotification, StopFollowingNotification, type CaptureOverview, type CaptureProgressParams, type LiveOverviewParams, type LivePairOverviewParams,
} from '../../src/shared/lspExtensions.js';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { pcapOf } from './captureFile.js';
import { pcapRecords } from './captureRing.js';
import { Conversation, type Step } from './handshakeScript.js';
import { ServerClient, serverForTests } from './serverClient.js';

const server = serverForTests();

/** The pcap file header and the records of `steps`, as the project's pcap writer writes them. */
function recordsOf(steps: Step[]): { header: Uint8Array; records: Uint8Array[] } {
  const pcap = pcapOf(steps);
  return { header: pcap.subarray(0, 24), records: pcapRecords(pcap) };
}

function appendSteps(path: string, steps: Step[]): void {
  for (const record of recordsOf(steps).records) appendFileSync(path, record);
}

/** The captureProgress notifications of `uri`, each with the time it came. */
function progressOf(uri: string): { at: number; params: CaptureProgressParams }[] {
  const seen: { at: number; params: CaptureProgressParams }[] = [];
  server.lsp.connection.onNotification(CaptureProgressNotification.type, (params) => {
    if (params.uri === uri) seen.push({ at: Date.now(), params });
  });
  return seen;
}

/** Waits, a bounded number of times, until `ready` holds; fails with `what` otherwise. */
async function until(ready: () => boolean, what: string, limitMs = 8000): Promise<void> {
  for (let waited = 0; !ready(); waited += 20) {
    if (waited >= limitMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('records appended while the server reads become rows within a second; stopFollowing answers with what was read', { timeout: 60_000 }, async () => {
  const start = Math.floor(Date.now() / 1000);
  const passed = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const refused = new Conversation('10.244.1.8:40001', '192.168.11.250:3306');
  const greeted = (c: Conversation, at: number): Step[] => [
    c.syn(at, 1), c.synAck(at + 0.001, 9, 1), c.ack(at + 0.002, 1, 9), c.fromServer(at + 0.003, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 }),
  ];
  const path = join(server.directory, 'live.pcap');
  writeFileSync(path, recordsOf(greeted(passed, start)).header);
  appendSteps(path, greeted(passed, start));
  const uri = pathToFileURL(path).toString();
  const progress = progressOf(uri);
  let answer: CaptureOverview | undefined;
  const answered = server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri }).then((overview) => (answer = overview));
  // The writer goes on: the file grows while it is read, so the server follows it.
  await sleep(100);
  const second = new Conversation('10.244.1.7:40002', '192.168.11.250:3306');
  appendSteps(path, greeted(second, start + 0.1));
  await until(() => progress.some(({ params }) => params.following && params.rows === 2), 'two rows while following');
  assert.equal(answer, undefined, 'the analysis waits at the end of a file being written');
  assert.ok(progress.filter(({ params }) => params.following).every(({ params }) => params.size === params.bytesRead), 'the size is what the file holds');

  const writtenAt = Date.now();
  appendSteps(path, [refused.syn(start + 0.5, 2), refused.refuse(start + 0.501, 2)]);
  await until(() => progress.some(({ params }) => params.rows === 3), 'the refused attempt as a row');
  const row = progress.find(({ params }) => params.rows === 3)!;
  assert.ok(row.at - writtenAt < 1000, `the row came ${row.at - writtenAt} ms after its records were written`);
  const page = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10 });
  assert.deepEqual(page.rows.map((r) => [r.id, r.verdict, r.outcome]), [[1, 'pass', 'established'], [2, 'pass', 'established'], [3, 'fail', 'refused']]);
  assert.equal(answer, undefined);

  // A completed handshake whose server has not spoken yet is a pending row; the server's greeting decides it.
  const waiting = new Conversation('10.244.1.9:40004', '192.168.11.250:3306');
  appendSteps(path, [waiting.syn(start + 0.6, 1), waiting.synAck(start + 0.601, 9, 1), waiting.ack(start + 0.602, 1, 9)]);
  await until(() => progress.some(({ params }) => params.pending === 1 && params.rows === 4), 'the pending row');
  const pendingPage = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10 });
  assert.deepEqual(pendingPage.rows.map((r) => r.pending ?? false), [false, false, false, true]);
  assert.equal((await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10, filter: { failedOnly: true } })).total, 1);
  const greetedAt = Date.now();
  appendSteps(path, [waiting.fromServer(start + 0.7, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })]);
  await until(() => progress.some(({ params }) => params.pending === 0 && params.rows === 4), 'the pending row decided');
  const decided = progress.find(({ params }) => params.pending === 0 && params.rows === 4)!;
  assert.ok(decided.at - greetedAt < 1000, `the verdict changed ${decided.at - greetedAt} ms after the deciding record`);
  const decidedPage = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 3, limit: 1 });
  assert.deepEqual(decidedPage.rows.map((r) => [r.id, r.verdict, r.pending ?? false]), [[4, 'pass', false]]);

  // Quiet, the follow sends nothing new: a snapshot per change, not per period.
  const before = progress.length;
  await sleep(800);
  assert.equal(progress.length, before, 'no notification while nothing changes');

  server.lsp.connection.sendNotification(StopFollowingNotification.type, { uri });
  const overview = await answered;
  assert.equal(overview.totalHandshakes, 4);
  assert.equal(overview.capture.summary.failed, 1);
  const final = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10, filter: { failedOnly: true } });
  assert.ok(final.rows.every((r) => r.cause !== null), 'the answer replaced the rows with the diagnosed ones');

  // Resume goes on from where Pause left the read, followed although the file is quiet now: the bytes
  // read before are not read again. The first SYN's source address is changed in place under the
  // paused reader (as nothing writes it, but a read from the start would see it) to tell.
  const pausedAt = statSync(path).size;
  const firstSource = 24 + 16 + 14 + 12;
  const file = readFileSync(path);
  assert.deepEqual([...file.subarray(firstSource, firstSource + 4)], [10, 244, 1, 7], 'the first record is the first SYN over Ethernet');
  file[firstSource + 3] = 99;
  writeFileSync(path, file);
  const resumedFrom = progress.length;
  const resumed = server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri, follow: true });
  await until(() => progress.slice(resumedFrom).some(({ params }) => params.following && params.rows === 4), 'the resumed follow');
  appendSteps(path, greeted(new Conversation('10.244.1.10:40003', '192.168.11.250:3306'), start + 1));
  await until(() => progress.some(({ params }) => params.rows === 5), 'a row written after Resume');
  assert.ok(progress.slice(resumedFrom).every(({ params }) => params.bytesRead >= pausedAt), 'the read goes on from where it paused');
  const resumedPage = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10 });
  assert.deepEqual(resumedPage.rows.map((r) => [r.id, r.client]), [
    [1, '10.244.1.7:40000'], [2, '10.244.1.7:40002'], [3, '10.244.1.8:40001'], [4, '10.244.1.9:40004'], [5, '10.244.1.10:40003'],
  ], 'the rows keep their ids, and the first was not read again');
  // Closing the editor ends the follow; what it read is kept for nobody.
  server.lsp.connection.sendNotification(ForgetCaptureNotification.type, { uri });
  await assert.rejects(resumed, /was closed while it was followed/);
  await assert.rejects(server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10 }), /has not been analysed/);
});

test('a file modified lately that does not grow is answered after a short look at its end, without following', { timeout: 30_000 }, async () => {
  const start = Math.floor(Date.now() / 1000);
  const path = join(server.directory, 'copied.pcap');
  // An unanswered SYN 2.5 s before the capture's last packet is still too young to judge at its end; the
  // look at the end is wall-clock time, not capture time, and must not age it into a failure.
  const steps = [
    new Conversation('10.244.2.7:40000', '192.168.11.250:443').syn(start, 1),
    new Conversation('10.244.2.8:40000', '192.168.11.250:443').syn(start + 2.5, 2),
  ];
  writeFileSync(path, pcapOf(steps));
  const uri = pathToFileURL(path).toString();
  const progress = progressOf(uri);
  const begun = Date.now();
  const overview = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  assert.ok(Date.now() - begun < 3000, `answered after ${Date.now() - begun} ms`);
  assert.equal(overview.totalHandshakes, 2);
  assert.ok(progress.every(({ params }) => !params.following));
  const alone = analyzeCaptureSync(new MemorySource(readFileSync(path)), 'copied.pcap').summary;
  const { failed, unknown } = overview.capture.summary;
  assert.deepEqual({ failed, unknown }, { failed: alone.failed, unknown: alone.unknown });
  assert.equal(unknown, 2);

  // An old file is read as before: no look at its end.
  const old = join(server.directory, 'old.pcap');
  writeFileSync(old, pcapOf(steps));
  utimesSync(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const quick = Date.now();
  await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(old).toString() });
  assert.ok(Date.now() - quick < 900, `an old file answered after ${Date.now() - quick} ms`);
});

test('past the row limit a followed capture counts its attempts: the rows stay at the limit however long it grows', { timeout: 60_000 }, async () => {
  const limited = await ServerClient.start({ explanationLanguage: 'en', maxRows: 5 });
  try {
    const start = Math.floor(Date.now() / 1000);
    const path = join(server.directory, 'long.pcap');
    const first = greetedAttempt(0, start);
    writeFileSync(path, recordsOf(first).header);
    appendSteps(path, first);
    const uri = pathToFileURL(path).toString();
    const seen: CaptureProgressParams[] = [];
    limited.connection.onNotification(CaptureProgressNotification.type, (params) => void seen.push(params));
    const answered = limited.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
    const ATTEMPTS = 40;
    for (let index = 1; index < ATTEMPTS; index++) {
      appendSteps(path, greetedAttempt(index, start + index / 10));
      await sleep(20);
    }
    await until(() => seen.some((params) => params.following && params.attempts === 5 && params.bytesRead === statSync(path).size), 'the whole file read');
    assert.ok(seen.every((params) => params.rows <= 5), `rows: ${seen.map((params) => params.rows).join(', ')}`);
    limited.connection.sendNotification(StopFollowingNotification.type, { uri });
    const overview = await answered;
    assert.equal(overview.totalHandshakes, 5);
    assert.equal(overview.capture.summary.attempts, ATTEMPTS);
  } finally {
    await limited.stop();
  }
});

/** The `index`th attempt of a client, greeted by the server (decided by its last record). */
function greetedAttempt(index: number, at: number): Step[] {
  const c = new Conversation(`10.244.3.${1 + (index % 200)}:${41000 + index}`, '192.168.11.250:3306');
  return [c.syn(at, 1), c.synAck(at + 0.001, 9, 1), c.ack(at + 0.002, 1, 9), c.fromServer(at + 0.003, TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })];
}

/** The liveOverview notifications of `uri`. */
function liveOf(client: ServerClient, uri: string): LiveOverviewParams[] {
  const seen: LiveOverviewParams[] = [];
  client.connection.onNotification(LiveOverviewNotification.type, (params) => {
    if (params.uri === uri) seen.push(params);
  });
  return seen;
}

test('while a capture is followed its causes come as it is written, without Pause, and Pause answers with the same', { timeout: 60_000 }, async () => {
  const sample = new Uint8Array(readFileSync('samples/story-client.pcap'));
  const records = pcapRecords(sample);
  const path = join(server.directory, 'story-live.pcap');
  const half = Math.floor(records.length / 2);
  writeFileSync(path, sample.subarray(0, 24));
  for (const record of records.slice(0, half)) appendFileSync(path, record);
  const uri = pathToFileURL(path).toString();
  const progress = progressOf(uri);
  const live = liveOf(server.lsp, uri);
  let answer: CaptureOverview | undefined;
  const answered = server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri }).then((overview) => (answer = overview));
  // The rest is written record by record, as tcpdump -U writes it.
  for (const record of records.slice(half)) {
    appendFileSync(path, record);
    await sleep(5);
  }
  await until(() => live.some(({ overview }) => overview.capture.packets === records.length), 'a live overview of the whole file', 15_000);
  assert.equal(answer, undefined, 'still followed: no Pause, no answer');
  assert.ok(progress.at(-1)!.params.following, 'the capture is still followed');
  const early = live[0].overview;
  assert.ok(early.capture.packets >= half && early.capture.packets <= records.length);
  const latest = live.at(-1)!.overview;
  assert.ok(latest.diagnoses.some((d) => d.code === 'paws-tw-recycle'), `causes while following: ${latest.diagnoses.map((d) => d.code).join(', ')}`);
  assert.ok(latest.charts !== undefined && latest.breakdown !== undefined);
  assert.ok(live.length <= 4, `at most one overview per period and change (${live.length})`);

  // Quiet, the follow publishes no overview again.
  const before = live.length;
  await sleep(6000);
  assert.equal(live.length, before, 'no overview while nothing changes');

  server.lsp.connection.sendNotification(StopFollowingNotification.type, { uri });
  const overview = await answered;
  assert.deepEqual(overview.diagnoses.map((d) => [d.code, d.handshakeIds]), latest.diagnoses.map((d) => [d.code, d.handshakeIds]));
  assert.equal(overview.totalHandshakes, latest.totalHandshakes);
  server.lsp.connection.sendNotification(ForgetCaptureNotification.type, { uri });
});

test('correlating a followed capture with another being written keeps following both and correlates again as they grow', { timeout: 90_000 }, async () => {
  const sides = ['client', 'server'].map((side) => {
    const sample = new Uint8Array(readFileSync(`samples/story-${side}.pcap`));
    const records = pcapRecords(sample);
    const path = join(server.directory, `pair-live-${side}.pcap`);
    writeFileSync(path, sample.subarray(0, 24));
    return { path, uri: pathToFileURL(path).toString(), records, written: 0 };
  });
  const [client, serverSide] = sides;
  /** Writes both captures up to `share` of their records, a record of each at a time, as two tcpdumps would. */
  const writeUpTo = async (share: number) => {
    for (;;) {
      let wrote = false;
      for (const side of sides) {
        if (side.written >= Math.floor(side.records.length * share)) continue;
        appendFileSync(side.path, side.records[side.written++]);
        wrote = true;
      }
      if (!wrote) return;
      await sleep(5);
    }
  };
  const progress = progressOf(client.uri);
  const pairs: LivePairOverviewParams[] = [];
  server.lsp.connection.onNotification(LivePairOverviewNotification.type, (params) => {
    if (params.clientUri === client.uri) pairs.push(params);
  });
  await writeUpTo(0.3);
  let answer: CaptureOverview | undefined;
  const answered = server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: client.uri }).then((overview) => (answer = overview));
  await writeUpTo(0.4);
  await until(() => progress.some(({ params }) => params.following), 'the client capture followed');

  // Both go on being written while they are correlated.
  const writing = writeUpTo(1);
  const correlated = await server.lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client.uri, serverUri: serverSide.uri });
  assert.ok(correlated.client.capture.packets < client.records.length, 'correlated on what the client capture holds so far');
  assert.equal(answer, undefined, 'the client capture is still followed');
  await writing;
  const whole = (params: LivePairOverviewParams) =>
    params.overview.client.capture.packets === client.records.length && params.overview.server.capture.packets === serverSide.records.length;
  await until(() => pairs.some(whole), 'the pair correlated again on both whole captures', 30_000);
  assert.equal(answer, undefined, 'still followed, no Pause');
  const latest = pairs.find(whole)!.overview;
  const paws = latest.diagnoses.find((d) => d.code === 'paws-tw-recycle');
  assert.equal(paws?.confidence, 'high', `the server capture confirms PAWS: ${latest.diagnoses.map((d) => `${d.code} ${d.confidence}`).join(', ')}`);
  const page = await server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri: client.uri, pairedServerUri: serverSide.uri, offset: 0, limit: 100, filter: { failedOnly: true } });
  assert.ok(page.rows.length > 0 && page.rows.every((row) => row.cause !== null), 'the pair\'s rows carry their causes while following');

  // Pause ends both follows; the pair built on the final analyses says the same.
  server.lsp.connection.sendNotification(StopFollowingNotification.type, { uri: client.uri });
  await answered;
  const final = await server.lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client.uri, serverUri: serverSide.uri });
  assert.deepEqual(final.diagnoses.map((d) => [d.code, d.confidence, d.handshakeIds]), latest.diagnoses.map((d) => [d.code, d.confidence, d.handshakeIds]));
  for (const side of sides) server.lsp.connection.sendNotification(ForgetCaptureNotification.type, { uri: side.uri });
});
