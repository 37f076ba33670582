/**
 * The recordings of tools/realcapture/syn-cookies-visible.sh: net.ipv4.tcp_syncookies=2 in the server's
 * namespace, so every SYN was answered with a cookie (SyncookiesSent = TCPReqQFullDoCookies = the
 * connections, in the nstat files), each phase with a sign a capture can show:
 * - syn-cookies-tsval: the server's tcp_timestamps=2 (no random TSval offset), so the SYN-ACK's TSval
 *   carries the SYN's options (cookie_init_timestamp); pod-b runs with tcp_sack=0;
 * - syn-cookies-no-timestamps: pod-b without timestamps loses window scale and SACK, pod-a keeps them;
 *   both offered MSS 1400, and the SYN-ACK still carries the server's own 1460 (tcp_make_synack);
 * - syn-cookies-synack-drop: a router drops SYN-ACKs; the server never resends one on a timer.
 * What each connection was comes from truth.json (the sockets, the server's counters, tshark).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { DiagnosisJson } from '../../src/analyzer/report.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { assertAttemptsMatchSockets, assertCauses, connectionOf, correlate, noPawsBlameTests, recording, type Recording, type SocketTruth } from './realRecording.js';

const CLIENT_SIDES = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'];
const cookiesOf = (diagnoses: readonly DiagnosisJson[]) => diagnoses.find((d) => d.code === 'syn-cookies');
const signs = (d: DiagnosisJson) => d.evidence.map((e) => e.values.sign);
const idsWhere = (rec: Recording, attempts: readonly HandshakeAttempt[], which: (c: SocketTruth) => boolean) =>
  attempts.filter((a) => which(connectionOf(rec.truth, a))).map((a) => a.id);

function commonTests(rec: Recording): void {
  const { truth } = rec;
  test(`${truth.scenario}: every SYN was answered with a cookie (the server's counters)`, () => {
    const syns = truth.connections.reduce((n, c) => n + c.synsSeen['server-side.pcap'].transmissions, 0);
    assert.equal(truth.serverCounters.TcpExtSyncookiesSent, syns);
    assert.equal(truth.serverCounters.TcpExtTCPReqQFullDoCookies, syns);
  });
  test(`${truth.scenario}: every attempt in every capture has the verdict and outcome of its socket`, () => {
    for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
  });
  noPawsBlameTests(rec, CLIENT_SIDES, 'server-side.pcap');
}

// --- tsval

const tsval = recording('syn-cookies-tsval');
commonTests(tsval);

test('syn-cookies-tsval: every connection served, pod-b without SACK (its socket)', () => {
  for (const c of tsval.truth.connections) {
    assert.ok(c.connect === 'ok' && c.greeted && c.serverAccepted, c.local);
    assert.equal(c.tcpInfo!.options.sack, c.pod === 'pod-a', c.local);
  }
});

test('syn-cookies-tsval: every connection is named from every capture, alone and paired, from the TSval bits', () => {
  for (const side of [...CLIENT_SIDES, 'server-side.pcap']) {
    const capture = tsval.load(side);
    const all = capture.handshakes.map((a) => a.id);
    const alone = cookiesOf(diagnoseSingle(capture, side === 'server-side.pcap' ? 'server' : 'client', 'en').diagnoses);
    assert.ok(alone, side);
    assert.deepEqual([alone.confidence, alone.handshakeIds], ['high', all], side);
    const encoded = alone.evidence.find((e) => e.values.sign === 'tsval-options')!;
    assert.equal(encoded.values.attempts, all.length, side);
    assert.ok((encoded.values.pChance as number) < 1e-3, side);
    // No cause: every connection passed.
    assertCauses(tsval, capture.handshakes, () => null, diagnoseSingle(capture, 'single', 'en').findings);
    if (side === 'server-side.pcap') continue;
    const { result } = correlate(tsval, side, 'server-side.pcap');
    assert.deepEqual(cookiesOf(result.diagnoses)?.handshakeIds, all, `${side} paired`);
    assertCauses(tsval, capture.handshakes, () => null, result.findings);
  }
});

test('syn-cookies-tsval: the low bits follow each SYN: window scale and SACK from pod-a, no SACK from pod-b', () => {
  for (const attempt of tsval.load('node-side.pcap').handshakes) {
    const sack = connectionOf(tsval.truth, attempt).tcpInfo!.options.sack;
    const scale = attempt.synOptions.windowScale!;
    assert.equal(attempt.synAck!.options.tsval! & 0x1f, (scale & 0xf) | (sack ? 0x10 : 0), `attempt ${attempt.id}`);
  }
});

// --- no-timestamps

const noTs = recording('syn-cookies-no-timestamps');
commonTests(noTs);
const withoutTimestamps = (c: SocketTruth) => !c.tcpInfo!.options.timestamps;

test('syn-cookies-no-timestamps: the sockets without timestamps lost window scale and SACK, the others kept them', () => {
  for (const c of noTs.truth.connections) {
    assert.equal(c.connect, 'ok', c.local);
    const { timestamps, sack, wscale } = c.tcpInfo!.options;
    assert.equal(timestamps, c.pod === 'pod-a', c.local);
    assert.deepEqual([sack, wscale], [timestamps, timestamps], c.local);
  }
});

test('syn-cookies-no-timestamps: the MSS is no sign: SYNs offered 1400, the SYN-ACKs carry the server\'s own 1460, while the cookie kept 1300', () => {
  for (const attempt of noTs.load('server-side.pcap').handshakes) assert.deepEqual([attempt.synOptions.mss, attempt.synAck!.options.mss], [1400, 1460]);
  // The server's sockets (TCP_MAXSEG): msstab's 1300, less the 12 bytes of the timestamp option where there is one.
  for (const c of noTs.truth.connections) assert.equal(c.serverMss, c.tcpInfo!.options.timestamps ? 1288 : 1300, c.local);
});

test('syn-cookies-no-timestamps: the connections without timestamps are named where SYN-ACKs with the options show beside them', () => {
  for (const side of ['node-side.pcap', 'server-side.pcap']) {
    const capture = noTs.load(side);
    const expected = idsWhere(noTs, capture.handshakes, withoutTimestamps);
    const alone = cookiesOf(diagnoseSingle(capture, side === 'server-side.pcap' ? 'server' : 'client', 'en').diagnoses);
    assert.ok(alone, side);
    assert.deepEqual([alone.confidence, alone.handshakeIds, signs(alone)[0]], ['high', expected, 'options-lost'], side);
    assert.equal(alone.evidence[0].values.synAcksWithOptions, capture.handshakes.length - expected.length, side);
  }
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(noTs, side, 'server-side.pcap');
    assert.deepEqual(cookiesOf(result.diagnoses)?.handshakeIds, idsWhere(noTs, client.handshakes, withoutTimestamps), side);
    assertCauses(noTs, client.handshakes, () => null, result.findings);
  }
});

test('syn-cookies-no-timestamps negative: pod-b\'s capture alone shows only SYN-ACKs without the options, as a server with them off would send', () => {
  assert.equal(cookiesOf(diagnoseSingle(noTs.load('pod-b.pcap'), 'client', 'en').diagnoses), undefined);
  // pod-a's cookies kept the options in TSvals hidden by the random offset: nothing to see.
  assert.equal(cookiesOf(diagnoseSingle(noTs.load('pod-a.pcap'), 'client', 'en').diagnoses), undefined);
});

// --- synack-drop

const drop = recording('syn-cookies-synack-drop');
commonTests(drop);
const gaveUp = (c: SocketTruth) => c.connect === 'gave-up';

test('syn-cookies-synack-drop: the server sent one SYN-ACK per SYN, none of its own; the given-up clients saw none', () => {
  for (const c of drop.truth.connections) {
    const atServer = c.synsSeen['server-side.pcap'];
    assert.equal(atServer.synAcks, atServer.transmissions, c.local);
    if (gaveUp(c)) assert.equal(c.synsSeen['node-side.pcap'].synAcks, 0, c.local);
  }
  assert.equal(drop.truth.connections.filter(gaveUp).length, 3);
});

test('syn-cookies-synack-drop: from the server capture, the given-up connections whose SYN-ACKs were never resent are named, medium', () => {
  const server = drop.load('server-side.pcap');
  const alone = cookiesOf(diagnoseSingle(server, 'server', 'en').diagnoses);
  assert.ok(alone);
  // tcp_synack_retries=0 would leave the same: nothing in this capture shows the server's timer on.
  assert.deepEqual([alone.confidence, alone.handshakeIds, signs(alone)], ['medium', idsWhere(drop, server.handshakes, gaveUp), ['no-synack-retransmission']]);
  assert.equal(alone.evidence[0].values.timerRetransmitted, 0);
  assert.ok((alone.evidence[0].values.longestSilenceSeconds as number) > 8);
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(drop, side, 'server-side.pcap');
    assert.deepEqual(cookiesOf(result.diagnoses)?.handshakeIds, idsWhere(drop, client.handshakes, gaveUp), side);
    // The cookie explains no failure: the SYN-ACKs were lost on the way back.
    assertCauses(drop, client.handshakes, (c) => (gaveUp(c) ? 'reply-lost' : null), result.findings);
  }
});

test('syn-cookies-synack-drop negative: a client capture alone cannot show the server\'s timer', () => {
  for (const side of CLIENT_SIDES) assert.equal(cookiesOf(diagnoseSingle(drop.load(side), 'client', 'en').diagnoses), undefined, side);
});
