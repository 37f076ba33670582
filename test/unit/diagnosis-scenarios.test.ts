import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { NON_PAWS_SCENARIOS, SCENARIOS } from '../../src/generator/scenario/catalogue.js';
import { analyseScenario, expectedCause, truthOf } from './scenarioAnalysis.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { tsvalEncodesSynOptions } from '../../src/analyzer/diagnosis/synCookieSigns.js';
import { pairCollisions } from '../../src/analyzer/diagnosis/timeWaitCollision.js';

for (const name of Object.keys(SCENARIOS)) {
  test(`${name}: every client attempt carries the cause of its ground truth`, () => {
    const analysed = analyseScenario(name);
    const { truth, client, server } = analysed;
    const { findings } = correlateCaptures(client, server, 'en');
    assert.ok(client.handshakes.length > 0);
    for (const attempt of client.handshakes) {
      const fate = truthOf(truth, attempt);
      assert.ok(fate, `attempt ${attempt.id} is in the ground truth`);
      assert.equal(findings.get(attempt.id)?.cause ?? null, expectedCause(analysed, fate), `attempt ${attempt.id} (${fate.fate})`);
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
  assert.equal(suspected.severity, 'warning', 'a suspicion is no established error');
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

for (const [name, rule] of [['paws-linux-3.10', 'pre-3.17'], ['paws-linux-3.17', '3.17+']] as const) {
  test(`${name}: every PAWS drop at high confidence, nothing else blamed on it, the ${rule} rule named — from the pair and from the server alone`, () => {
    const pair = analyseScenario(name);
    const result = correlateCaptures(pair.client, pair.server, 'en');
    const serverOnly = analyseScenario(name);
    const single = diagnoseSingle(serverOnly.server, 'server', 'en');
    for (const [label, diagnoses, attempts] of [['pair', result.diagnoses, pair.client.handshakes], ['server alone', single.diagnoses, serverOnly.server.handshakes]] as const) {
      const paws = diagnoses.find((d) => d.code === 'paws-tw-recycle')!;
      assert.equal(paws.confidence, 'high', label);
      const truthDropped = attempts.filter((a) => truthOf(pair.truth, a)!.fate === 'paws-dropped').map((a) => a.id).sort((x, y) => x - y);
      assert.ok(truthDropped.length >= 5, `${label}: ${truthDropped.length} PAWS drops`);
      assert.deepEqual([...paws.handshakeIds].sort((x, y) => x - y), truthDropped, label);
      const kernel = paws.evidence.find((e) => e.values.kernelRule !== undefined)!;
      assert.equal(kernel.values.kernelRule, rule, label);
      const table = paws.evidence.find((e) => e.values.pValue !== undefined)!;
      assert.ok((table.values.pValue as number) < 0.001, label);
      assert.equal(table.values.acceptUnanswered, 0, label);
    }
    assert.equal(result.paws.kernel.rule, rule);
    assert.equal(result.paws.counts.predictedDrops, pair.truth.counters.pawsPassiveRejected);
  });
}

test('paws-linux-3.17: the fix does not offer turning client timestamps off; paws-linux-3.10 and the story do', () => {
  const fixOf = (name: string, lang: 'en' | 'zh-cn') => {
    const { client, server } = analyseScenario(name);
    return correlateCaptures(client, server, lang).diagnoses.find((d) => d.code === 'paws-tw-recycle')!.fix!.text;
  };
  assert.match(fixOf('paws-linux-3.17', 'en'), /Do not turn off net\.ipv4\.tcp_timestamps on the clients/);
  assert.doesNotMatch(fixOf('paws-linux-3.17', 'en'), /also stops the drops/);
  assert.match(fixOf('paws-linux-3.17', 'zh-cn'), /不要改为在客户端关闭/);
  assert.match(fixOf('paws-linux-3.10', 'en'), /also stops the drops/);
  assert.match(fixOf('story', 'en'), /also stops the drops/);
});

test('accept-queue-overflow: ~90 % of SYNs dropped by the full queue, judged against the base rate and not blamed on PAWS', () => {
  const { truth, client, server } = analyseScenario('accept-queue-overflow');
  const syns = truth.attempts.flatMap((a) => a.syns);
  const dropped = syns.filter((s) => s.fate === 'dropped-at-server').length;
  assert.ok(dropped / syns.length >= 0.85, `${dropped} of ${syns.length}`);
  const result = correlateCaptures(client, server, 'en');
  assert.equal(result.paws.consistency, 'base-rate');
  // The replay does predict drops here, unanswered at about the server's own drop rate: the trap.
  assert.ok(result.paws.counts.predictedDropsUnanswered >= 50);
  const located = result.diagnoses.find((d) => d.code === 'dropped-at-server')!;
  const line = located.evidence.find((e) => e.values.pawsConsistency === 'base-rate')!;
  assert.match(line.text, /does not explain these drops/);
  assert.ok((line.values.acceptUnansweredRate as number) > 0.8);
  assert.ok((line.values.pValue as number) > 0.001);
  const zh = correlateCaptures(analyseScenario('accept-queue-overflow').client, analyseScenario('accept-queue-overflow').server, 'zh-cn');
  assert.match(zh.diagnoses.find((d) => d.code === 'dropped-at-server')!.evidence.map((e) => e.text).join(''), /无法解释这些丢包/);
});

test('dropped-at-server where nothing can be judged says so and why, in both languages', () => {
  for (const [lang, pattern] of [['en', /cannot be judged from this capture: the server never closed a connection first/], ['zh-cn', /无法根据这份抓包判断.*服务器从未主动关闭连接/]] as const) {
    const { server } = analyseScenario('one-clock-random-drops');
    // The server closed first in the simulation; seen from a capture where the client closed first, no stamp is recorded.
    for (const attempt of server.handshakes) if (attempt.teardown.firstFin === 'server') attempt.teardown.firstFin = 'client';
    const located = diagnoseSingle(server, 'server', lang).diagnoses.find((d) => d.code === 'dropped-at-server')!;
    const line = located.evidence.find((e) => e.values.pawsConsistency === 'cannot-judge')!;
    assert.match(line.text, pattern);
    assert.equal(line.values.cannotJudge, 'no-time-wait');
  }
});

test('syn-cookies: the cookie attempts of the ground truth are named, from the pair and the server capture alone, beside 1-in-32 chance matches only', () => {
  const { truth, client, server } = analyseScenario('syn-cookies');
  const cookie = (a: HandshakeAttempt) => truthOf(truth, a)!.syns.some((s) => s.cookie === true);
  const expected = client.handshakes.filter(cookie).map((a) => a.id);
  assert.ok(expected.length >= 10, `${expected.length} cookie attempts`);
  const result = correlateCaptures(client, server, 'en');
  const found = result.diagnoses.find((d) => d.code === 'syn-cookies')!;
  assert.deepEqual([found.severity, found.confidence], ['warning', 'high']);
  for (const id of expected) assert.ok(found.handshakeIds.includes(id), `cookie attempt ${id} named`);
  // An ordinary SYN-ACK's TSval matches the encoding 1 time in 32; those are named with the cookies, and nothing else is.
  const extra = client.handshakes.filter((a) => found.handshakeIds.includes(a.id) && !cookie(a));
  assert.ok(extra.every(tsvalEncodesSynOptions), 'extras are chance TSval matches');
  assert.ok(extra.length <= 3, `${extra.length} chance matches of ${client.handshakes.length - expected.length}`);
  const sign = (s: string) => found.evidence.find((e) => e.values.sign === s)!.values;
  // pod-c sends no timestamps: its cookies lost the options, beside the others' SYN-ACKs that kept them.
  const podC = client.handshakes.filter((a) => cookie(a) && truthOf(truth, a)!.host === 'pod-c').length;
  assert.equal(sign('options-lost').attempts, podC);
  // The server resent the requests' lost SYN-ACKs on its timer, never the cookies'.
  assert.ok((sign('no-synack-retransmission').timerRetransmitted as number) > 0);
  const lostCookies = truth.attempts.filter((t) => t.fate === 'reply-lost' && t.syns.some((s) => s.cookie)).length;
  assert.equal(sign('no-synack-retransmission').attempts, lostCookies);
  // From the server capture alone the same; from the client capture alone the timer is not judged.
  assert.deepEqual(diagnoseSingle(server, 'server', 'en').diagnoses.find((d) => d.code === 'syn-cookies')!.handshakeIds.length, found.handshakeIds.length);
  const fromClient = diagnoseSingle(client, 'client', 'en').diagnoses.find((d) => d.code === 'syn-cookies')!;
  assert.deepEqual(fromClient.evidence.at(-1)!.values, { sign: 'no-synack-retransmission', judged: false });
  for (const id of expected.filter((id) => truthOf(truth, client.handshakes[id - 1])!.fate === 'established')) assert.ok(fromClient.handshakeIds.includes(id), `attempt ${id} from the client capture`);
});

test('syn-cookies negative: no other scenario is named, from the pair, the server capture alone or the client capture alone', () => {
  for (const name of Object.keys(SCENARIOS).filter((n) => n !== 'syn-cookies')) {
    const { client, server } = analyseScenario(name);
    const views = [correlateCaptures(client, server, 'en').diagnoses, diagnoseSingle(server, 'server', 'en').diagnoses, diagnoseSingle(client, 'client', 'en').diagnoses];
    for (const diagnoses of views) assert.equal(diagnoses.find((d) => d.code === 'syn-cookies'), undefined, name);
  }
});

test('middlebox-reset: the server capture never sees the reset SYNs, and the client capture alone tells the resets by their TTL', () => {
  const { truth, client, server } = analyseScenario('middlebox-reset');
  const reset = truth.attempts.filter((t) => t.fate === 'reset-by-middlebox');
  assert.ok(reset.length >= 3 && truth.fates.established >= 3, JSON.stringify(truth.fates));
  assert.deepEqual(server.handshakes.filter((a) => a.server.port === 3307), []);
  const alone = diagnoseSingle(client, 'client', 'en');
  for (const attempt of client.handshakes) {
    const expected = truthOf(truth, attempt)!.fate === 'reset-by-middlebox' ? 'reset-by-middlebox' : null;
    assert.equal(alone.findings.get(attempt.id)?.cause ?? null, expected, `attempt ${attempt.id}`);
    if (expected) assert.notEqual(attempt.rst!.ttl, client.handshakes.find((a) => a.synAck)!.synAck!.ttl);
  }
  assert.equal(alone.diagnoses.find((d) => d.code === 'reset-by-middlebox')!.confidence, 'medium');
});

test('slow-connect: the attempts whose first SYN was lost are the slow connects, lost before the server; nothing failed', () => {
  const { truth, client, server } = analyseScenario('slow-connect');
  assert.equal(truth.fates.established, truth.attempts.length);
  const lostFirst = client.handshakes.filter((a) => truthOf(truth, a)!.syns[0].fate === 'lost-before-server').map((a) => a.id);
  assert.ok(lostFirst.length >= 5, `${lostFirst.length} slow connects`);
  const result = correlateCaptures(client, server, 'en');
  const slow = result.diagnoses.find((d) => d.code === 'slow-connect')!;
  assert.deepEqual(slow.handshakeIds, lostFirst);
  assert.deepEqual(slow.evidence.filter((e) => typeof e.values.group === 'string').map((e) => e.values.group), ['lost-before-server']);
  assert.deepEqual(result.diagnoses.filter((d) => d.severity === 'error'), []);
});

test('time-wait-collision: the collided attempts from the pair, the server capture alone and the uplink capture alone; no PAWS, no drop blamed', () => {
  const { truth, client, server } = analyseScenario('time-wait-collision');
  const collidedIn = (attempts: typeof client.handshakes) => attempts.filter((a) => truthOf(truth, a)!.syns.some((s) => s.fate === 'time-wait-ack')).map((a) => a.id);
  const failedIn = (attempts: typeof client.handshakes) => attempts.filter((a) => truthOf(truth, a)!.fate === 'time-wait-collision').map((a) => a.id);
  assert.ok(failedIn(client.handshakes).length >= 3 && collidedIn(client.handshakes).length > failedIn(client.handshakes).length);
  const pair = correlateCaptures(client, server, 'en');
  const views = [
    { name: 'pair', attempts: client.handshakes, result: pair },
    { name: 'server alone', attempts: server.handshakes, result: diagnoseSingle(server, 'server', 'en') },
    { name: 'uplink alone', attempts: client.handshakes, result: diagnoseSingle(client, 'client', 'en') },
  ];
  for (const { name, attempts, result } of views) {
    const diagnosis = result.diagnoses.find((d) => d.code === 'time-wait-collision');
    assert.ok(diagnosis, name);
    assert.equal(diagnosis.severity, 'error', name);
    assert.equal(diagnosis.confidence, 'high', name);
    assert.deepEqual(diagnosis.handshakeIds, collidedIn(attempts), name);
    const caused = attempts.filter((a) => result.findings.get(a.id)?.cause === 'time-wait-collision').map((a) => a.id);
    assert.deepEqual(caused, failedIn(attempts), name);
    assert.ok(!result.diagnoses.some((d) => ['paws-tw-recycle', 'dropped-at-server', 'reply-lost', 'lost-before-server'].includes(d.code)), `${name}: ${result.diagnoses.map((d) => d.code)}`);
    assert.ok(diagnosis.fix!.commands.some((c) => c.includes('MASQUERADE|SNAT')), name);
    assert.ok(!diagnosis.fix!.commands.some((c) => c.includes('tcp_tw_recycle')), name);
    const slow = result.diagnoses.find((d) => d.code === 'slow-connect')!;
    const group = slow.evidence.find((e) => e.values.group === 'time-wait-collision')!;
    assert.deepEqual(group.handshakeIds, collidedIn(attempts).filter((id) => !failedIn(attempts).includes(id)), name);
  }
  // From the server capture the previous connection shows: closed by the server, within TIME-WAIT, for
  // every collided attempt (those after a failed one too: the one before it holds the four-tuple).
  const facts = pairCollisions(client.handshakes, server.handshakes, (a) => server.handshakes.find((s) => s.isn === a.isn));
  assert.deepEqual([...facts.keys()], collidedIn(client.handshakes));
  for (const fact of facts.values()) assert.deepEqual([fact.previous?.holder, fact.previous?.withinTimeWait], ['server-time-wait', true], `attempt ${fact.id}`);
  const lines = pair.diagnoses.find((d) => d.code === 'time-wait-collision')!.evidence.filter((e) => e.values.holder !== undefined);
  assert.ok(lines.length > 0);
  for (const line of lines) {
    assert.equal(line.values.holder, 'server-time-wait', line.text);
    assert.ok((line.values.secondsSinceClose as number) < 60 && line.values.ackNumber !== line.values.expectedAck, line.text);
  }
});
