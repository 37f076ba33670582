/**
 * The checks that two captures are of the same traffic, on degraded variants of the simulator's
 * captures built here: a wrong pairing, a server capture whose clock is hours or 37 s off, and a server
 * capture behind a firewall that rewrites the client's ISNs. Each must be named for what it is, and a
 * passed attempt must never get a failure cause.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync, type CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { decideCorrespondence, findCorrespondenceEvidence } from '../../src/analyzer/correlation/captureCorrespondence.js';
import { correlateCaptures, type CorrelationResult } from '../../src/analyzer/correlation/correlateCaptures.js';
import type { ServerCoverage } from '../../src/analyzer/correlation/failureLocation.js';
import { SCENARIOS, scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import { runScenario } from '../../src/generator/scenario/simulation.js';
import { attempt } from './attemptSketch.js';
import { rewriteClientSequenceNumbers, shiftPcapTime } from './pcapRewrite.js';

const PAIR_CHECKS = ['captures-do-not-correspond', 'isn-rewritten', 'captures-do-not-overlap', 'capture-roles-reversed'];
const HOURS = 3 * 3600;

function analyse(bytes: Uint8Array, name: string): CaptureAnalysis {
  return analyzeCaptureSync(new MemorySource(bytes), name);
}

const story = runScenario(scenarioSpec('story'));
const healthy = runScenario(scenarioSpec('healthy'));
const storyClient = () => analyse(story.clientCapture, 'story-client');
const storyServer = () => analyse(story.serverCapture, 'story-server');

function codes(result: CorrelationResult): string[] {
  return result.diagnoses.map((d) => d.code);
}

function causes(client: CaptureAnalysis, result: CorrelationResult): Array<[number, string | null, string | null]> {
  return client.handshakes.map((a) => [a.id, result.findings.get(a.id)?.cause ?? null, result.findings.get(a.id)?.confidence ?? null]);
}

function assertPassedUnblamed(client: CaptureAnalysis, result: CorrelationResult): void {
  for (const attempt of client.handshakes.filter((a) => a.verdict === 'pass')) {
    assert.equal(result.findings.get(attempt.id)?.cause ?? null, null, `passed attempt ${attempt.id}`);
  }
}

const reference = (() => {
  const client = storyClient();
  return { client, result: correlateCaptures(client, storyServer(), 'en') };
})();

for (const name of Object.keys(SCENARIOS)) {
  test(`${name}: the right pairing raises no pair check`, () => {
    const { clientCapture, serverCapture } = runScenario(scenarioSpec(name));
    const result = correlateCaptures(analyse(clientCapture, 'client'), analyse(serverCapture, 'server'), 'en');
    assert.deepEqual(codes(result).filter((code) => PAIR_CHECKS.includes(code)), []);
  });
}

test('the story client against another scenario\'s server capture: the captures do not correspond, and nothing is located', () => {
  const client = storyClient();
  const result = correlateCaptures(client, analyse(healthy.serverCapture, 'healthy-server'), 'en');
  assert.equal(codes(result)[0], 'captures-do-not-correspond');
  assert.deepEqual(codes(result).filter((c) => !PAIR_CHECKS.includes(c)), [], 'no location, no PAWS');
  const [diagnosis] = result.diagnoses;
  assert.equal(diagnosis.severity, 'warning');
  assert.equal(diagnosis.confidence, 'high');
  const { passedInSpan, found } = diagnosis.evidence[0].values;
  assert.equal(found, 0);
  assert.equal(passedInSpan, diagnosis.handshakeIds.length);
  assert.ok((passedInSpan as number) >= 3, `passed in span: ${passedInSpan}`);
  assert.equal(result.findings.size, 0);
  assert.equal(result.offset, null);
  assert.match(correlateCaptures(client, analyse(healthy.serverCapture, 'healthy-server'), 'zh-cn').diagnoses[0].title, /[\u4e00-\u9fff]/);
});

test('the story server capture with its clock hours off: the same traffic, matched, the offset found and the gap said', () => {
  const client = storyClient();
  const result = correlateCaptures(client, analyse(shiftPcapTime(story.serverCapture, HOURS), 'story-server-shifted'), 'en');
  const expectedMs = (HOURS + story.truth.server.clockOffsetSeconds) * 1000;
  assert.ok(Math.abs(result.offset!.medianMs - expectedMs) < 5, `offset ${result.offset!.medianMs}`);
  assert.deepEqual(causes(client, result), causes(reference.client, reference.result));
  const gap = result.diagnoses.find((d) => d.code === 'captures-do-not-overlap')!;
  assert.equal(gap.severity, 'info');
  assert.ok(Math.abs((gap.evidence[0].values.offsetMs as number) - expectedMs) < 5);
  assert.ok(!codes(result).includes('captures-do-not-correspond'));
  assert.equal(result.diagnoses.find((d) => d.code === 'paws-tw-recycle')!.confidence, 'high');
});

test('another scenario\'s server capture hours later: nothing in common, so every failure is not covered, none lost', () => {
  const client = storyClient();
  const result = correlateCaptures(client, analyse(shiftPcapTime(healthy.serverCapture, HOURS), 'healthy-server-later'), 'en');
  const gap = result.diagnoses.find((d) => d.code === 'captures-do-not-overlap')!;
  assert.equal(gap.evidence[0].values.offsetMs, null);
  assert.ok(!codes(result).includes('captures-do-not-correspond'), 'nothing passed inside the server capture: the pairing cannot be judged');
  assert.ok(!codes(result).includes('lost-before-server'));
  const failed = client.handshakes.filter((a) => a.verdict === 'fail');
  assert.ok(failed.length > 0);
  for (const attempt of failed) assert.equal(result.findings.get(attempt.id)?.cause, 'not-covered', `attempt ${attempt.id}`);
  assertPassedUnblamed(client, result);
});

test('a firewall rewriting the client ISNs: isn-rewritten, matched on port, TSval and time, located and PAWS as before', () => {
  const client = storyClient();
  const { bytes, deltas } = rewriteClientSequenceNumbers(story.serverCapture, 0x5eed);
  const result = correlateCaptures(client, analyse(bytes, 'story-server-asa'), 'en');
  const rewritten = result.diagnoses.find((d) => d.code === 'isn-rewritten')!;
  assert.equal(rewritten.severity, 'info');
  assert.equal(rewritten.confidence, 'high');
  const summary = rewritten.evidence[0].values;
  assert.equal(summary.pairs, client.handshakes.length);
  assert.equal(summary.distinctDeltas, new Set(deltas).size);
  assert.equal(summary.unchangedPairs, 0);
  const pair = rewritten.evidence[1].values;
  assert.equal(((pair.serverIsn as number) - (pair.clientIsn as number)) >>> 0, pair.isnDelta);
  assert.ok(deltas.includes(pair.isnDelta as number));
  assert.deepEqual(causes(client, result), causes(reference.client, reference.result));
  assert.deepEqual(codes(result).filter((c) => c !== 'isn-rewritten'), codes(reference.result));
  assert.ok(Math.abs(result.offset!.medianMs - reference.result.offset!.medianMs) < 1);
  assertPassedUnblamed(client, result);
});

test('rewritten ISNs on SYNs without timestamps: nothing identifies the attempts, so the pair is said not to correspond', () => {
  const spec = scenarioSpec('healthy');
  for (const host of spec.clients) host.timestamps = false;
  const run = runScenario(spec);
  const client = analyse(run.clientCapture, 'no-timestamps-client');
  assert.ok(client.handshakes.every((a) => a.syns.every((syn) => syn.tsval === null)));
  const untouched = correlateCaptures(client, analyse(run.serverCapture, 'no-timestamps-server'), 'en');
  assert.deepEqual(codes(untouched).filter((c) => PAIR_CHECKS.includes(c)), [], 'ISN and port match without timestamps');
  const result = correlateCaptures(client, analyse(rewriteClientSequenceNumbers(run.serverCapture, 7).bytes, 'no-timestamps-asa'), 'en');
  assert.equal(codes(result)[0], 'captures-do-not-correspond');
  assert.ok(!codes(result).includes('isn-rewritten'));
  assertPassedUnblamed(client, result);
});

test('the server capture\'s clock 37 s ahead: the offset is found and every verdict and cause stays', () => {
  const client = storyClient();
  const result = correlateCaptures(client, analyse(shiftPcapTime(story.serverCapture, 37), 'story-server-37s'), 'en');
  assert.ok(Math.abs(result.offset!.medianMs - reference.result.offset!.medianMs - 37_000) < 1, `offset ${result.offset!.medianMs}`);
  assert.deepEqual(causes(client, result), causes(reference.client, reference.result));
  assert.deepEqual(codes(result), codes(reference.result));
  assertPassedUnblamed(client, result);
});

test('the captures given the wrong way round: capture-roles-reversed, with the vantage counts', () => {
  const result = correlateCaptures(storyServer(), storyClient(), 'en');
  const roles = result.diagnoses.find((d) => d.code === 'capture-roles-reversed')!;
  assert.equal(roles.severity, 'info');
  const v = roles.evidence[0].values;
  assert.ok((v.clientCaptureAtServer as number) > (v.clientCaptureAtClient as number));
  assert.ok((v.serverCaptureAtClient as number) > (v.serverCaptureAtServer as number));
});

const T0 = 1_700_000_000;
const COVERAGE: ServerCoverage = { start: T0, end: T0 + 100, serverPorts: new Set([3306]), dropped: null, listedUntil: null, gaps: [] };

test('correspondence: judged only on passed attempts inside the server capture\'s span, sure from three of them', () => {
  const passed = [1, 2, 3].map((id) => attempt({ id, client: `10.0.0.1:${5000 + id}`, isn: id, syns: [[T0 + id, id]], synAckAt: T0 + id + 0.001 }));
  const outside = attempt({ id: 4, client: '10.0.0.1:5004', isn: 4, syns: [[T0 + 200, 4]], synAckAt: T0 + 200.001 });
  const otherPort = attempt({ id: 5, client: '10.0.0.1:5005', server: '192.168.11.250:80', isn: 5, syns: [[T0 + 5, 5]], synAckAt: T0 + 5.001 });
  const failed = attempt({ id: 6, client: '10.0.0.1:5006', isn: 6, syns: [[T0 + 6, 6]] });
  const all = [...passed, outside, otherPort, failed];
  const none = findCorrespondenceEvidence(all, new Set(), COVERAGE);
  assert.deepEqual(none.passedInSpan.map((a) => a.id), [1, 2, 3]);
  assert.deepEqual(decideCorrespondence(none), { verdict: 'does-not-correspond', confidence: 'high' });
  assert.deepEqual(decideCorrespondence(findCorrespondenceEvidence([passed[0], failed], new Set(), COVERAGE)), { verdict: 'does-not-correspond', confidence: 'medium' });
  assert.deepEqual(decideCorrespondence(findCorrespondenceEvidence(all, new Set([passed[1]]), COVERAGE)), { verdict: 'corresponds' });
  assert.deepEqual(decideCorrespondence(findCorrespondenceEvidence([outside, otherPort, failed], new Set(), COVERAGE)), { verdict: 'cannot-judge' });
});

test('a server capture that misses passed attempts of its span too makes a missing SYN only medium evidence of loss', () => {
  const SHIFT = 2.5;
  const clientSide = [1, 2, 3, 4].map((id) => attempt({ id, client: `10.0.0.1:${5000 + id}`, isn: id, syns: [[T0 + id * 10, id * 1000]], synAckAt: T0 + id * 10 + 0.001 }));
  const lost = attempt({ id: 5, client: '10.0.0.1:5005', isn: 5, syns: [[T0 + 25, 5000], [T0 + 26, 6000]] });
  const serverSide = (ids: number[]) => ids.map((id) => attempt({ id, client: `192.168.0.2:${5000 + id}`, isn: id, syns: [[T0 + id * 10 + SHIFT, id * 1000]], synAckAt: T0 + id * 10 + SHIFT }));

  const complete = correlateCaptures([...clientSide, lost], serverSide([1, 2, 3, 4]), 'en');
  assert.deepEqual(complete.findings.get(5), { cause: 'lost-before-server', confidence: 'high', atServer: null });
  assert.ok(complete.diagnoses[0].evidence.every((e) => e.values.passedMissing === undefined));

  const partial = correlateCaptures([...clientSide, lost], serverSide([1, 2, 4]), 'en');
  assert.deepEqual(partial.findings.get(5), { cause: 'lost-before-server', confidence: 'medium', atServer: null });
  const missing = partial.diagnoses.find((d) => d.code === 'lost-before-server')!.evidence.find((e) => e.values.passedMissing !== undefined)!;
  assert.deepEqual(missing.values, { passedInSpan: 4, passedMissing: 1 });
  assert.ok(!partial.diagnoses.some((d) => d.code === 'captures-do-not-correspond'));
});

test('a TSval stuck at one value identifies no attempt: no ISN rewriting is inferred from it', () => {
  const ids = Array.from({ length: 50 }, (_, i) => i + 1);
  const clientSide = ids.map((id) => attempt({ id, client: `10.0.0.1:${5000 + id}`, isn: id, syns: [[T0 + id, 0]], synAckAt: T0 + id + 0.001 }));
  const serverSide = ids.map((id) => attempt({ id, client: `192.168.0.2:${5000 + id}`, isn: 1_000_000 + id, syns: [[T0 + id + 0.0005, 0]], synAckAt: T0 + id + 0.0006 }));
  const result = correlateCaptures(clientSide, serverSide, 'en');
  assert.ok(!codes(result).includes('isn-rewritten'));
  assert.equal(codes(result)[0], 'captures-do-not-correspond');
});

test('thousands of attempts sharing one ISN and port are matched by nothing rather than each with each', () => {
  const ids = Array.from({ length: 5_000 }, (_, i) => i + 1);
  const side = (address: string, shift: number) => ids.map((id) => attempt({ id, client: `${address}:${1024 + id}`, isn: 7, syns: [[T0 + id / 100 + shift, null]], synAckAt: T0 + id / 100 + shift + 0.001 }));
  const result = correlateCaptures(side('10.0.0.1', 0), side('192.168.0.2', 0.0005), 'en');
  assert.equal(result.findings.size, 0);
  assert.equal(codes(result)[0], 'captures-do-not-correspond');
});

test('real recordings: the server-side capture behind a simulated ISN-randomising firewall gives the plain pair\'s causes', () => {
  const read = (file: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/real', file)));
  const client = analyse(read('node-side.pcap'), 'node-side');
  const plain = correlateCaptures(client, analyse(read('server-side.pcap'), 'server-side'), 'en');
  const result = correlateCaptures(client, analyse(rewriteClientSequenceNumbers(read('server-side.pcap'), 3).bytes, 'server-side-asa'), 'en');
  const rewritten = result.diagnoses.find((d) => d.code === 'isn-rewritten')!;
  assert.equal(rewritten.evidence[0].values.pairs, client.handshakes.length);
  assert.deepEqual(causes(client, result), causes(client, plain));
  assert.deepEqual(codes(result).filter((c) => c !== 'isn-rewritten'), codes(plain));
  assertPassedUnblamed(client, result);
});

test('with no passed attempt inside the server capture\'s span the pairing is unverified, and a missing SYN only medium evidence of loss', () => {
  // Inside the server capture's span (its first packet at T0 + 40, its last at T0 + 60).
  const lost = [1, 2, 3].map((id) => attempt({ id, client: `10.0.0.1:${5000 + id}`, isn: id, syns: [[T0 + 42 + id * 5, id * 1000]] }));
  const answered = [4, 5, 6].map((id) => attempt({ id, client: `10.0.0.1:${5000 + id}`, isn: id, syns: [[T0 + id * 10, id * 1000]], synAckAt: T0 + id * 10 + 0.001, verdict: 'fail' }));
  const serverSide = [4, 5, 6].map((id) => attempt({ id, client: `192.168.0.2:${5000 + id}`, isn: id, syns: [[T0 + id * 10 + 0.0005, id * 1000]], synAckAt: T0 + id * 10 + 0.0006 }));
  const result = correlateCaptures([...lost, ...answered], serverSide, 'en');
  for (const id of [1, 2, 3]) assert.equal(result.findings.get(id)?.confidence, 'medium', `attempt ${id}`);
  const diagnosis = result.diagnoses.find((d) => d.code === 'lost-before-server')!;
  assert.ok(diagnosis.evidence.some((e) => e.values.passedInSpan === 0 && /nothing shows/.test(e.text)));
});
