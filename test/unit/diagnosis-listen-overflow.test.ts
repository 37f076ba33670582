/**
 * listen-overflow (diagnosis/listenOverflow.ts) is named only where SYNs went unanswered while
 * handshakes the server never accepted were pending. Its proof is the real accept-overflow recording
 * (real-accept-overflow.test.ts); here the cases that must not be named so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { listenOverflowEvidence } from '../../src/analyzer/diagnosis/listenOverflow.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { Conversation, track, type Step } from './handshakeScript.js';
import { analyseScenario } from './scenarioAnalysis.js';

const T = 1_700_000_000;
const REAL = join(__dirname, '../fixtures/real');
const load = (file: string) => analyzeCaptureSync(new MemorySource(readFileSync(join(REAL, file))), file);

function causes(findings: ReadonlyMap<number, { cause: string | null }>): string[] {
  return [...findings.values()].map((f) => f.cause ?? 'none');
}

test('a firewall DROP rule on chosen ports (the real server-side recording) stays dropped-at-server', () => {
  const server = load('server-side.pcap');
  const alone = diagnoseSingle(server, 'server', 'en');
  assert.ok(causes(alone.findings).includes('dropped-at-server'));
  assert.ok(!causes(alone.findings).includes('listen-overflow'));
  const pair = correlateCaptures(load('node-side.pcap'), server, 'en');
  assert.ok(causes(pair.findings).includes('dropped-at-server'));
  assert.deepEqual(pair.diagnoses.filter((d) => d.code === 'listen-overflow'), []);
});

for (const name of ['one-clock-random-drops', 'nat-no-recycle']) {
  test(`the simulator's random SYN drops (${name}) are not a listen queue overflow`, () => {
    const { client, server } = analyseScenario(name);
    const pair = correlateCaptures(client, server, 'en');
    assert.ok(causes(pair.findings).includes('dropped-at-server'), 'drops are there');
    assert.ok(!causes(pair.findings).includes('listen-overflow'));
    assert.ok(!causes(diagnoseSingle(server, 'server', 'en').findings).includes('listen-overflow'));
  });
}

/** One handshake to `port` the server never accepts (its FIN never acknowledged), from `start` on. */
function neverAccepted(port: number, clientPort: number, start: number): Step[] {
  const c = new Conversation(`10.244.1.7:${clientPort}`, `192.168.11.250:${port}`);
  return [c.syn(start, 10), c.synAck(start + 0.001, 20, 10), c.ack(start + 0.002, 10, 20), c.clientFin(start + 4, 10, 20)];
}

/** Three SYNs of one attempt from `clientPort` to `port`, never answered. */
function unanswered(port: number, clientPort: number, start: number): Step[] {
  const c = new Conversation(`10.244.1.8:${clientPort}`, `192.168.11.250:${port}`);
  return [c.syn(start, 30), c.syn(start + 1, 30), c.syn(start + 2, 30)];
}

test('drops at one server while another server\'s handshake is pending: not an overflow of either', () => {
  const attempts = track([...neverAccepted(3306, 40000, T), ...unanswered(8080, 40001, T + 1)], T + 10).handshakes;
  assert.deepEqual(attempts.map((a) => a.outcome), ['not-accepted', 'no-reply']);
  assert.deepEqual(listenOverflowEvidence(attempts, T + 10).facts, []);
  assert.ok(!causes(diagnoseSingle(attempts, 'server', 'en').findings).includes('listen-overflow'));
});

test('drops before the handshake was pending, or after its client left, are not named', () => {
  const before = track([...unanswered(3306, 40001, T), ...neverAccepted(3306, 40000, T + 2.5)], T + 10).handshakes;
  assert.deepEqual(listenOverflowEvidence(before, T + 10).facts, []);
  const after = track([...neverAccepted(3306, 40000, T), ...unanswered(3306, 40001, T + 5)], T + 10).handshakes;
  assert.deepEqual(listenOverflowEvidence(after, T + 10).facts, []);
});

test('one drop meeting one pending handshake is medium; a burst of drops meeting two is high', () => {
  const one = track([...neverAccepted(3306, 40000, T), ...unanswered(3306, 40001, T + 1)], T + 10).handshakes;
  const single = diagnoseSingle(one, 'server', 'en');
  assert.deepEqual(causes(single.findings).sort(), ['listen-overflow', 'listen-overflow']);
  assert.equal(single.diagnoses.find((d) => d.code === 'listen-overflow')?.confidence, 'medium');
  const burst = track([
    ...neverAccepted(3306, 40000, T), ...neverAccepted(3306, 40002, T + 0.1), ...unanswered(3306, 40001, T + 1), ...unanswered(3306, 40003, T + 1.1),
  ], T + 10).handshakes;
  const evidence = listenOverflowEvidence(burst, T + 10);
  assert.deepEqual(evidence.facts, [{ server: '192.168.11.250:3306', drops: 2, notAccepted: 2, mostPending: 2 }]);
  assert.deepEqual([...new Set(evidence.explained.values())], ['high']);
});

test('a handshake never accepted without drops beside it gets no cause: the application or the queue, nothing tells', () => {
  const c = new Conversation('10.244.1.7:40000', '192.168.11.250:8080');
  const request = c.fromClient(T + 0.01, TcpFlag.PSH | TcpFlag.ACK, 11, 21, { data: 50 });
  const attempts = track([c.syn(T, 10), c.synAck(T + 0.001, 20, 10), c.ack(T + 0.002, 10, 20), request], T + 10).handshakes;
  assert.equal(attempts[0].outcome, 'not-accepted');
  assert.deepEqual(causes(diagnoseSingle(attempts, 'server', 'en').findings), []);
});
