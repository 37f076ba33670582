import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchAttempts } from '../../src/analyzer/correlation/attemptMatching.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { estimateOffset } from '../../src/analyzer/correlation/clockOffset.js';
import { attempt } from './attemptSketch.js';

const T0 = 1_700_000_000;
/** The server capture's clock runs 3.2 s ahead; the path takes 0.5 ms. */
const SHIFT = 3.2005;

test('the offset is the median of the matched SYN pairs, with its spread', () => {
  assert.deepEqual(estimateOffset([10, 12, 11, 500, 9]), { medianMs: 11, spreadMs: 1, minMs: 9, maxMs: 500, pairs: 5 });
  assert.equal(estimateOffset([]), null);
});

test('matching goes by ISN, port and TSval through NAT, and never by time alone', () => {
  const client = [
    attempt({ id: 1, client: '10.244.1.7:51234', isn: 111, syns: [[T0, 5000]], synAckAt: T0 + 0.001 }),
    attempt({ id: 2, client: '10.244.1.7:51240', isn: 222, syns: [[T0 + 1, 6000]], synAckAt: T0 + 1.001 }),
    // same moment and port as server attempt 3, but another ISN: not the same attempt
    attempt({ id: 3, client: '10.244.1.7:51250', isn: 333, syns: [[T0 + 2, 7000]] }),
  ];
  const server = [
    attempt({ id: 1, client: '192.168.0.2:40001', isn: 111, syns: [[T0 + SHIFT, 5000]], synAckAt: T0 + SHIFT }),
    attempt({ id: 2, client: '192.168.0.2:40002', isn: 222, syns: [[T0 + 1 + SHIFT, 6000]], synAckAt: T0 + 1 + SHIFT }),
    attempt({ id: 3, client: '192.168.0.2:40003', isn: 999, syns: [[T0 + 2 + SHIFT, 7000]] }),
  ];
  const { matches, offset } = matchAttempts(client, server);
  assert.deepEqual(matches.map((m) => [m.client.id, m.server.id, m.by]), [[1, 1, 'isn-port-tsval'], [2, 2, 'isn-port-tsval']]);
  assert.ok(Math.abs(offset!.medianMs - SHIFT * 1000) < 0.01);
});

test('the same ISN and port with a TSval the client never sent is another attempt', () => {
  const client = [attempt({ id: 1, client: '10.0.0.1:5000', isn: 42, syns: [[T0, 5000]] })];
  const server = [attempt({ id: 1, client: '10.0.0.1:5000', isn: 42, syns: [[T0, 123456]] })];
  assert.deepEqual(matchAttempts(client, server).matches, []);
});

test('without timestamps, ISN and port match, and the server may see only the later SYNs', () => {
  const client = [
    attempt({ id: 1, client: '10.0.0.1:5000', isn: 42, syns: [[T0, null], [T0 + 1, null], [T0 + 3, null]] }),
    attempt({ id: 2, client: '10.0.0.1:5001', isn: 43, syns: [[T0 + 10, null]], synAckAt: T0 + 10.001 }),
  ];
  const server = [
    attempt({ id: 7, client: '192.168.0.2:6000', isn: 42, syns: [[T0 + 3 + SHIFT, null]] }),
    attempt({ id: 8, client: '192.168.0.2:6001', isn: 43, syns: [[T0 + 10 + SHIFT, null]], synAckAt: T0 + 10 + SHIFT }),
  ];
  const { matches } = matchAttempts(client, server);
  assert.deepEqual(matches.map((m) => [m.client.id, m.server.id, m.by, m.synPairs.map((p) => p.clientIndex)]), [[1, 7, 'isn-port', [2]], [2, 8, 'isn-port', [0]]]);
});

test('each failure is located: dropped at the server, reply lost, lost before the server, refused, not covered', () => {
  const client = [
    attempt({ id: 1, client: '10.0.0.1:5000', isn: 1, syns: [[T0, 1000]], synAckAt: T0 + 0.001 }),
    attempt({ id: 2, client: '10.0.0.1:5001', isn: 2, syns: [[T0 + 5, 6000], [T0 + 6, 7000]] }),
    attempt({ id: 3, client: '10.0.0.1:5002', isn: 3, syns: [[T0 + 10, 11000], [T0 + 11, 12000]] }),
    attempt({ id: 4, client: '10.0.0.1:5003', isn: 4, syns: [[T0 + 20, 21000], [T0 + 21, 22000]] }),
    attempt({ id: 5, client: '10.0.0.1:5004', isn: 5, syns: [[T0 + 30, 31000]], rstAt: T0 + 30.001 }),
    attempt({ id: 6, client: '10.0.0.1:5005', isn: 6, server: '192.168.11.250:8080', syns: [[T0 + 31, 32000], [T0 + 32, 33000]] }),
    attempt({ id: 7, client: '10.0.0.1:5006', isn: 7, syns: [[T0 + 40, 41000]], synAckAt: T0 + 40.001 }),
  ];
  const server = [
    attempt({ id: 1, client: '192.168.0.2:5000', isn: 1, syns: [[T0 + SHIFT, 1000]], synAckAt: T0 + SHIFT }),
    attempt({ id: 2, client: '192.168.0.2:5001', isn: 2, syns: [[T0 + 5 + SHIFT, 6000], [T0 + 6 + SHIFT, 7000]] }),
    attempt({ id: 3, client: '192.168.0.2:5002', isn: 3, syns: [[T0 + 10 + SHIFT, 11000]], synAckAt: T0 + 10 + SHIFT }),
    attempt({ id: 5, client: '192.168.0.2:5004', isn: 5, syns: [[T0 + 30 + SHIFT, 31000]], rstAt: T0 + 30 + SHIFT }),
    attempt({ id: 7, client: '192.168.0.2:5006', isn: 7, syns: [[T0 + 40 + SHIFT, 41000]], synAckAt: T0 + 40 + SHIFT }),
  ];
  const result = correlateCaptures(client, server, 'en');
  const finding = (id: number) => result.findings.get(id);
  assert.deepEqual(client.map((a) => finding(a.id)?.cause ?? null), [null, 'dropped-at-server', 'reply-lost', 'lost-before-server', 'refused', 'not-covered', null]);
  const atServer = finding(2)!.atServer!;
  assert.deepEqual(atServer, { client: '192.168.0.2:5001', seen: true, replied: false, offsetMs: atServer.offsetMs });
  assert.ok(Math.abs(atServer.offsetMs - SHIFT * 1000) < 0.01);
  assert.equal(finding(4)!.atServer, null);
  assert.deepEqual(result.diagnoses.map((d) => d.code), ['dropped-at-server', 'lost-before-server', 'reply-lost', 'refused', 'not-covered']);
  assert.ok(result.diagnoses.every((d) => d.handshakeIds.length === 1));
});

test('pairing a capture after diagnosing it alone gives the pair\'s causes, and the single result keeps its own', () => {
  const client = [attempt({ id: 1, client: '10.0.0.1:5000', isn: 1, syns: [[T0, 1000], [T0 + 1, 2000]] })];
  const server = [attempt({ id: 1, client: '192.168.0.2:5000', isn: 1, syns: [[T0 + SHIFT, 1000], [T0 + 1 + SHIFT, 2000]] })];
  const alone = diagnoseSingle(client, 'client', 'en');
  const paired = correlateCaptures(client, server, 'en');
  const seen = paired.findings.get(1)!;
  assert.deepEqual([seen.cause, seen.confidence, seen.atServer?.seen], ['dropped-at-server', 'high', true]);
  assert.deepEqual(alone.findings.get(1), { cause: 'unlocated', confidence: 'medium', atServer: null });
});
