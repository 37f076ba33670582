import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { NON_PAWS_SCENARIOS, SCENARIOS } from '../../src/generator/scenario/catalogue.js';
import { analyseScenario, EXPECTED_CAUSE, truthOf } from './scenarioAnalysis.js';

for (const name of Object.keys(SCENARIOS)) {
  test(`${name}: every client attempt carries the cause of its ground truth`, () => {
    const { truth, client, server } = analyseScenario(name);
    const { findings } = correlateCaptures(client, server, 'en');
    assert.ok(client.handshakes.length > 0);
    for (const attempt of client.handshakes) {
      const fate = truthOf(truth, attempt);
      assert.ok(fate, `attempt ${attempt.id} is in the ground truth`);
      assert.equal(findings.get(attempt.id)?.cause ?? null, EXPECTED_CAUSE[fate.fate], `attempt ${attempt.id} (${fate.fate})`);
      assert.equal(attempt.verdict === 'fail', fate.fate !== 'established', `attempt ${attempt.id} verdict`);
    }
  });
}

for (const name of NON_PAWS_SCENARIOS) {
  test(`${name}: no PAWS blame from both captures, the server capture alone or the client capture alone`, () => {
    const pair = analyseScenario(name);
    const result = correlateCaptures(pair.client, pair.server, 'en');
    const serverOnly = analyseScenario(name);
    const clientOnly = analyseScenario(name);
    const single = [diagnoseSingle(serverOnly.server, 'server', 'en'), diagnoseSingle(clientOnly.client, 'client', 'en')];
    for (const diagnoses of [result.diagnoses, ...single.map((s) => s.diagnoses)]) {
      assert.deepEqual(diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
    }
    for (const findings of [result.findings, result.serverFindings, ...single.map((s) => s.findings)]) {
      for (const [id, finding] of findings) assert.notEqual(finding.cause, 'paws-tw-recycle', `attempt ${id}`);
    }
  });
}

test('story: PAWS at high confidence, consistent replay, the fix, and four clocks behind 192.168.0.2', () => {
  const { truth, client, server } = analyseScenario('story');
  const result = correlateCaptures(client, server, 'en');
  const paws = result.diagnoses.find((d) => d.code === 'paws-tw-recycle')!;
  assert.equal(paws.confidence, 'high');
  assert.equal(paws.severity, 'error');
  assert.equal(paws.handshakeIds.length, truth.fates['paws-dropped']);
  assert.equal(result.paws.consistency, 'consistent');
  assert.equal(result.paws.counts.predictedDropsAnswered, 0);
  assert.equal(result.paws.counts.unansweredUnpredicted, 0);
  assert.equal(result.paws.counts.predictedDrops, truth.counters.pawsPassiveRejected);
  assert.ok(paws.fix!.commands.includes('sysctl -w net.ipv4.tcp_tw_recycle=0'));
  const synLine = paws.evidence.find((e) => e.values.stampTsval !== undefined)!;
  for (const key of ['synTsval', 'stampTsval', 'stampAgeSeconds', 'behindTicks', 'stampClient', 'stampCloseTime']) assert.ok(key in synLine.values, key);
  assert.ok((synLine.values.stampAgeSeconds as number) < 60);
  const clocks = result.diagnoses.find((d) => d.code === 'nat-multiple-clocks')!;
  assert.equal(clocks.severity, 'info');
  assert.equal(clocks.evidence.filter((e) => e.values.clock !== undefined).length, truth.hosts.length);
  for (const attempt of client.handshakes.filter((a) => result.findings.get(a.id)?.cause === 'paws-tw-recycle')) {
    assert.match(result.attemptExplanations.get(attempt.id)!, /^TSval \d+ is [\d,.]+ (ms|s|min|hours|days) behind \d+ recorded [\d.]+ s ago from 192\.168\.0\.2:\d+/);
  }
});

test('story: the client capture alone suspects PAWS at low confidence; the server capture alone proves it', () => {
  const clientOnly = analyseScenario('story');
  const fromClient = diagnoseSingle(clientOnly.client, 'client', 'en');
  const suspected = fromClient.diagnoses.find((d) => d.code === 'paws-tw-recycle')!;
  assert.equal(suspected.confidence, 'low');
  assert.match(suspected.title, /^Suspected/);
  const serverOnly = analyseScenario('story');
  const fromServer = diagnoseSingle(serverOnly.server, 'server', 'en');
  assert.equal(fromServer.diagnoses.find((d) => d.code === 'paws-tw-recycle')!.confidence, 'high');
});

test('pod-side: matched through NAT with ports rewritten, and the server clock seconds off', () => {
  const { truth, client, server } = analyseScenario('pod-side');
  const result = correlateCaptures(client, server, 'en');
  assert.ok(Math.abs(result.offset!.medianMs - truth.server.clockOffsetSeconds * 1000) < 5, `offset ${result.offset!.medianMs}`);
  assert.ok(result.offset!.spreadMs < 5);
  const [mapping] = result.translations.perAddress;
  assert.equal(mapping.serverSees, '192.168.0.2');
  assert.deepEqual(mapping.clients.map((c) => c.address), ['10.244.1.12']);
  assert.ok(mapping.portsRewritten > 0);
  for (const attempt of client.handshakes) {
    const fate = truthOf(truth, attempt)!;
    assert.equal(result.findings.get(attempt.id)?.atServer?.client, fate.atServer, `attempt ${attempt.id}`);
  }
  assert.ok(result.translations.perAttempt.some((t) => t.portRewritten && t.addressRewritten));
});

test('story-mixed-formats: pcap/Ethernet against big-endian pcapng/SLL2 still correlates every attempt', () => {
  const { client, server } = analyseScenario('story-mixed-formats');
  assert.notEqual(client.info.format, server.info.format);
  const result = correlateCaptures(client, server, 'en');
  assert.equal(result.translations.perAttempt.length, client.handshakes.length);
  assert.equal(result.diagnoses.find((d) => d.code === 'paws-tw-recycle')!.confidence, 'high');
});

test('nat-no-recycle: predicted drops that were answered say tcp_tw_recycle is off', () => {
  const { client, server } = analyseScenario('nat-no-recycle');
  const result = correlateCaptures(client, server, 'en');
  assert.equal(result.paws.consistency, 'contradicted');
  const dropped = result.diagnoses.find((d) => d.code === 'dropped-at-server')!;
  assert.ok(dropped.evidence.some((e) => /tcp_tw_recycle is evidently off/.test(e.text)));
});

test('paws-no-nat: one client with per-connection offsets is PAWS without NAT, and not counted as hosts', () => {
  const { client, server } = analyseScenario('paws-no-nat');
  const result = correlateCaptures(client, server, 'en');
  assert.equal(result.diagnoses.find((d) => d.code === 'paws-tw-recycle')!.confidence, 'high');
  const clocks = result.diagnoses.find((d) => d.code === 'nat-multiple-clocks')!;
  assert.match(clocks.title, /cannot be told/);
});

test('the story in Chinese: every title, explanation and evidence line is translated', () => {
  const { client, server } = analyseScenario('story');
  const zh = correlateCaptures(client, server, 'zh-cn');
  for (const diagnosis of zh.diagnoses) {
    for (const text of [diagnosis.title, diagnosis.explanation, ...diagnosis.evidence.map((e) => e.text), diagnosis.fix?.text ?? '中']) {
      assert.match(text, /[\u4e00-\u9fff]/, text);
    }
  }
  const paws = zh.diagnoses.find((d) => d.code === 'paws-tw-recycle')!;
  assert.match(paws.title, /tcp_tw_recycle/);
  assert.match(paws.explanation, /时间戳/);
});
