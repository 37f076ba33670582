/**
 * test/fixtures/real/syn-cookies/ (tools/realcapture/syn-cookies.sh): net.ipv4.tcp_syncookies=2, so the
 * server's kernel answered every SYN with a cookie and kept no request (tcp_conn_request,
 * cookie_v4_check). Every connection completed, and nothing in the captures shows the cookies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { assertAttemptsMatchSockets, correlate, noPawsBlameTests, recording } from './realRecording.js';

const rec = recording('syn-cookies');
const { truth } = rec;
const CLIENT_SIDES = ['pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'];

test('syn-cookies recording: a cookie for every SYN, and every connection served', () => {
  assert.equal(truth.serverCounters.TcpExtSyncookiesSent, truth.connections.length);
  assert.equal(truth.serverCounters.TcpExtSyncookiesRecv, truth.connections.length);
  for (const c of truth.connections) assert.ok(c.connect === 'ok' && c.greeted && c.serverAccepted, c.local);
});

test('syn-cookies: every attempt in every capture has the verdict and outcome of its socket', () => {
  for (const capture of truth.captures) assertAttemptsMatchSockets(rec, capture, rec.load(capture).handshakes);
});

test('syn-cookies: nothing failed, so no failure is located or explained', () => {
  for (const side of CLIENT_SIDES) {
    const { client, result } = correlate(rec, side, 'server-side.pcap');
    assert.deepEqual(client.handshakes.filter((a) => result.findings.get(a.id)?.cause != null).map((a) => a.id), [], side);
    assert.deepEqual(result.diagnoses.filter((d) => d.severity !== 'info').map((d) => d.code), [], side);
  }
  assert.deepEqual(diagnoseSingle(rec.load('server-side.pcap'), 'server', 'en').diagnoses.filter((d) => d.severity !== 'info').map((d) => d.code), []);
});

noPawsBlameTests(rec, CLIENT_SIDES, 'server-side.pcap');

test('syn-cookies negative: the cookies were sent, but these captures cannot show them, so none is named', () => {
  // With tcp_timestamps=1 the kernel adds a random offset per connection (tcp_rsk(req)->ts_off, in
  // tcp_make_synack) to the TSval whose low 6 bits cookie_init_timestamp set, so the options encoding is
  // hidden; the clients sent timestamps, so no option was lost; the SYN-ACK's MSS is the server's own;
  // no SYN-ACK was lost, so no timer was due. SyncookiesSent in the nstat files is the evidence
  // (syn-cookies-tsval, -no-timestamps and -synack-drop are the recordings that show it).
  assert.equal(truth.serverCounters.TcpExtSyncookiesSent, truth.connections.length);
  for (const side of CLIENT_SIDES) {
    assert.equal(correlate(rec, side, 'server-side.pcap').result.diagnoses.find((d) => d.code === 'syn-cookies'), undefined, side);
    assert.equal(diagnoseSingle(rec.load(side), 'client', 'en').diagnoses.find((d) => d.code === 'syn-cookies'), undefined, side);
  }
  assert.equal(diagnoseSingle(rec.load('server-side.pcap'), 'server', 'en').diagnoses.find((d) => d.code === 'syn-cookies'), undefined);
});
