/**
 * test/fixtures/real/clock-shift/ (tools/realcapture/clock-shift.sh): the plain topology's captures, and
 * server-side-shifted.pcap, the server capture with every timestamp moved by truth.json's
 * serverClockShiftSeconds (`editcap -t`): one machine's clock, so the true offset is the wire's delay
 * (microseconds) plus the shift. server-side-late.pcap is the server capture from the last connection's
 * start on (truth.json's lateCaptureStart), as if tcpdump had been started late.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAttemptsMatchSockets, assertCauses, correlate, noPawsBlameTests, recording, type SocketTruth } from './realRecording.js';

const rec = recording('clock-shift');
const { truth } = rec;
const SHIFT_MS = truth.serverClockShiftSeconds! * 1000;
const expectedCause = (c: SocketTruth): string | null => (c.connect === 'ok' ? null : c.connect === 'ECONNREFUSED' ? 'refused' : 'dropped-at-server');

test('clock-shift recording: a shift, and a refused and a dropped connection among established ones', () => {
  assert.ok(Math.abs(SHIFT_MS) > 10_000);
  assert.ok(truth.connections.some((c) => c.connect === 'ECONNREFUSED'));
  assert.ok(truth.connections.some((c) => c.connect === 'gave-up' && c.synsSeen['server-side.pcap'].transmissions > 1));
});

test('clock-shift: every attempt in every capture has the verdict and outcome of its socket', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

for (const [server, shiftMs] of [['server-side.pcap', 0], ['server-side-shifted.pcap', SHIFT_MS]] as const) {
  for (const side of ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap']) {
    test(`clock-shift: ${side} with ${server}: offset within 5 ms of ${shiftMs} ms, and the same causes`, () => {
      const { client, result } = correlate(rec, side, server);
      assert.ok(result.offset, 'offset');
      assert.ok(Math.abs(result.offset.medianMs - shiftMs) < 5, `offset ${result.offset.medianMs} ms`);
      assertCauses(rec, client.handshakes, expectedCause, result.findings);
    });
  }
  noPawsBlameTests(rec, ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'], server);
}

test('clock-shift recording: the late server capture holds only connections that completed', () => {
  const late = truth.connections.filter((c) => c.synsSeen['server-side-late.pcap'].transmissions > 0);
  assert.ok(late.length > 0 && late.every((c) => c.connect === 'ok'));
  assert.ok(truth.connections.some((c) => c.connect === 'gave-up' && c.synsSeen['server-side-late.pcap'].transmissions === 0));
});

// A refusal is the client capture's own evidence (the RST), whatever the server capture covers; unanswered
// SYNs from before the server capture began cannot be located.
const lateCause = (c: SocketTruth): string | null => (c.connect === 'ok' ? null : c.connect === 'ECONNREFUSED' ? 'refused' : 'not-covered');
for (const side of ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap']) {
  test(`clock-shift: ${side} with a late server capture: failures from before it began are not covered`, () => {
    const { client, result } = correlate(rec, side, 'server-side-late.pcap');
    assertCauses(rec, client.handshakes, lateCause, result.findings);
  });
}

noPawsBlameTests(rec, ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'], 'server-side-late.pcap');
