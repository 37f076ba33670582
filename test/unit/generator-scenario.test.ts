import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NON_PAWS_SCENARIOS, SCENARIOS, scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import { runScenario, type ScenarioResult } from '../../src/generator/scenario/simulation.js';
import type { AttemptFate } from '../../src/generator/scenario/groundTruth.js';
import { tsharkFields, withTempCapture } from './generator-tshark.js';

const results = new Map<string, ScenarioResult>();
function result(name: string): ScenarioResult {
  let found = results.get(name);
  if (!found) {
    found = runScenario(scenarioSpec(name));
    results.set(name, found);
  }
  return found;
}

const failures = (name: string): number => result(name).truth.attempts.filter((a) => a.fate !== 'established').length;

test('every scenario is deterministic: the same spec gives the same bytes and truth', () => {
  for (const name of Object.keys(SCENARIOS)) {
    const again = runScenario(scenarioSpec(name));
    assert.ok(Buffer.from(again.clientCapture).equals(result(name).clientCapture), `${name} client capture`);
    assert.ok(Buffer.from(again.serverCapture).equals(result(name).serverCapture), `${name} server capture`);
    assert.deepEqual(again.truth, result(name).truth, `${name} truth`);
  }
});

test('story: some attempts are dropped by PAWS and some succeed, only from NATed pods behind one address', () => {
  const { truth } = result('story');
  assert.ok(truth.fates['paws-dropped'] >= 10, JSON.stringify(truth.fates));
  assert.ok(truth.fates.established >= 10, JSON.stringify(truth.fates));
  assert.equal(truth.fates['paws-dropped'] + truth.fates.established, truth.attempts.length);
  assert.ok(truth.attempts.every((a) => a.atServer.startsWith('192.168.0.2:')));
  // Intermittent: more than one pod sees both outcomes or at least two pods fail while another passes.
  const failingPods = new Set(truth.attempts.filter((a) => a.fate === 'paws-dropped').map((a) => a.host));
  const passingPods = new Set(truth.attempts.filter((a) => a.fate === 'established').map((a) => a.host));
  assert.ok(failingPods.size >= 2 && passingPods.size >= 2, `${[...failingPods]} / ${[...passingPods]}`);
});

test('every PAWS drop in every scenario obeys the kernel rule as recorded in the truth', () => {
  for (const name of Object.keys(SCENARIOS)) {
    const { truth } = result(name);
    let dropped = 0;
    for (const syn of truth.attempts.flatMap((a) => a.syns)) {
      if (syn.fate !== 'paws-dropped') continue;
      dropped++;
      assert.ok(syn.stamp, `${name}: a PAWS drop names its stamp`);
      assert.ok(syn.stamp.ageSeconds < 60, `${name}: stamp ${syn.stamp.ageSeconds} s old`);
      assert.ok(syn.tsval === null || ((syn.stamp.ts - syn.tsval) | 0) > 1, `${name}: tsval ${syn.tsval} vs stamp ${syn.stamp.ts}`);
      const setter = truth.attempts.find((a) => a.id === syn.stamp!.setByAttempt);
      assert.equal(setter?.fate, 'established', `${name}: the stamp comes from a connection the server closed`);
    }
    assert.equal(truth.counters.pawsPassiveRejected, dropped, name);
  }
});

test('paws-no-nat: one modern client without NAT still loses SYNs to PAWS', () => {
  const { truth } = result('paws-no-nat');
  assert.ok(truth.fates['paws-dropped'] >= 3, JSON.stringify(truth.fates));
  assert.ok(truth.fates.established >= 3, JSON.stringify(truth.fates));
  assert.ok(truth.attempts.every((a) => a.client === a.atServer), 'no NAT');
});

const expectedNegativeFailure: Record<string, AttemptFate | null> = {
  'one-clock-random-drops': 'dropped-at-server',
  'nat-no-recycle': 'dropped-at-server',
  'syn-lost-on-path': 'lost-before-server',
  'synack-lost-on-return': 'reply-lost',
  'refused-port': 'refused',
  'refused-and-unanswered': null,
  'healthy': null,
  'syn-cookies': 'reply-lost',
  'middlebox-reset': 'reset-by-middlebox',
  'slow-connect': null,
  'time-wait-collision': 'time-wait-collision',
};

for (const name of NON_PAWS_SCENARIOS) {
  test(`${name}: no attempt is dropped by PAWS and the failures are the scenario's own`, () => {
    const { truth } = result(name);
    assert.equal(truth.fates['paws-dropped'], 0);
    assert.equal(truth.counters.pawsPassiveRejected, 0);
    const expected = expectedNegativeFailure[name];
    if (expected) {
      assert.ok((truth.fates[expected] ?? 0) >= 3, JSON.stringify(truth.fates));
      assert.equal(truth.fates[expected] ?? 0, failures(name), JSON.stringify(truth.fates));
    }
  });
}

test('healthy: every attempt is established; refused-and-unanswered has both kinds of failure', () => {
  assert.equal(failures('healthy'), 0);
  const { fates } = result('refused-and-unanswered').truth;
  assert.ok(fates.refused >= 1 && fates['lost-before-server'] >= 1 && fates.established >= 1, JSON.stringify(fates));
});

test('pod-side: the client capture holds only pod-b, before NAT, with ports the NAT rewrote', () => {
  const { truth } = result('pod-side');
  const captured = truth.attempts.filter((a) => a.inClientCapture);
  assert.ok(captured.length >= 5);
  assert.ok(captured.every((a) => a.host === 'pod-b' && a.client.startsWith('10.244.1.12:')));
  const rewritten = captured.filter((a) => a.client.split(':')[1] !== a.atServer.split(':')[1]);
  assert.ok(rewritten.length >= captured.length - 1, 'random NAT ports differ from the pod ports');
  assert.ok(captured.some((a) => a.fate === 'paws-dropped'));
});

// ---- the captures agree with the truth, read by tshark ----

interface SegmentRow { src: string; srcPort: number; flags: number; seq: number; ack: number }

function segments(path: string): SegmentRow[] | null {
  const rows = tsharkFields(path, ['ip.src', 'tcp.srcport', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw'], 'tcp.flags.syn==1 || tcp.flags.reset==1');
  return rows && rows.map(([src, port, flags, seq, ack]) => ({ src, srcPort: Number(port), flags: Number(flags), seq: Number(seq), ack: Number(ack) }));
}

for (const name of ['story', 'pod-side', 'story-mixed-formats', 'synack-lost-on-return', 'refused-port', 'syn-lost-on-path']) {
  test(`${name}: tshark sees in both captures the SYNs, SYN-ACKs and RSTs the truth describes`, async (t) => {
    const { clientCapture, serverCapture, truth } = result(name);
    await withTempCapture(t, serverCapture, async (serverPath) => {
      const atServer = segments(serverPath)!;
      const synsAtServer = atServer.filter((s) => s.flags === 0x002);
      const expectedAtServer = truth.attempts.flatMap((a) => a.syns.filter((syn) => syn.fate !== 'lost-before-server'));
      assert.equal(synsAtServer.length, expectedAtServer.length, 'SYNs in the server capture');
      const answeredIsns = new Set(atServer.filter((s) => s.flags === 0x012 || s.flags === 0x014).map((s) => (s.ack - 1) >>> 0));
      for (const attempt of truth.attempts) {
        const answered = attempt.syns.some((syn) => syn.fate === 'answered' || syn.fate === 'refused');
        assert.equal(answeredIsns.has(attempt.isn), answered, `attempt ${attempt.id} (${attempt.fate}) answered at the server`);
      }
      await withTempCapture(t, clientCapture, (clientPath) => {
        const atClient = segments(clientPath)!;
        const inCapture = truth.attempts.filter((a) => a.inClientCapture);
        assert.equal(atClient.filter((s) => s.flags === 0x002).length, inCapture.reduce((n, a) => n + a.syns.length, 0), 'SYNs in the client capture');
        const repliedIsns = new Set(atClient.filter((s) => s.flags === 0x012 || s.flags === 0x014).map((s) => (s.ack - 1) >>> 0));
        for (const attempt of inCapture) {
          assert.equal(repliedIsns.has(attempt.isn), attempt.fate === 'established' || attempt.fate === 'refused', `attempt ${attempt.id} (${attempt.fate}) answered at the client`);
        }
      });
    });
  });
}

test('story-mixed-formats: the server capture is big-endian pcapng with Linux SLL2 frames on interface "any"', async (t) => {
  const { serverCapture } = result('story-mixed-formats');
  assert.deepEqual([...serverCapture.subarray(0, 4)], [0x0a, 0x0d, 0x0d, 0x0a]);
  assert.deepEqual([...serverCapture.subarray(8, 12)], [0x1a, 0x2b, 0x3c, 0x4d]);
  await withTempCapture(t, serverCapture, (path) => {
    const rows = tsharkFields(path, ['frame.interface_name', 'sll.etype', 'frame.time_epoch'])!;
    assert.ok(rows.length > 0);
    assert.deepEqual(new Set(rows.map((r) => `${r[0]} ${r[1]}`)), new Set(['any 0x0800']));
  });
});

test('paws-linux-3.10 and -3.17: hosts without timestamps pass a fresh stamp before 3.17 and are dropped by it since', () => {
  const withoutTimestamps = (name: string) => {
    const { truth } = result(name);
    const hosts = new Set(truth.hosts.filter((h) => !h.timestamps).map((h) => h.name));
    assert.equal(hosts.size, 2, name);
    return truth.attempts.filter((a) => hosts.has(a.host)).flatMap((a) => a.syns);
  };
  const old = withoutTimestamps('paws-linux-3.10');
  assert.equal(result('paws-linux-3.10').truth.server.dropSynWithoutTimestamp, false);
  assert.ok(old.length >= 10 && old.every((s) => s.tsval === null && s.fate === 'answered'), JSON.stringify(old.map((s) => s.fate)));
  assert.ok(result('paws-linux-3.10').truth.fates['paws-dropped'] >= 5, 'the hosts with timestamps still meet the rule');
  const recent = withoutTimestamps('paws-linux-3.17');
  const dropped = recent.filter((s) => s.fate === 'paws-dropped');
  assert.ok(dropped.length >= 5 && dropped.every((s) => s.stamp!.ageSeconds < 60), `${dropped.length} dropped`);
  assert.ok(dropped.every((s) => s.tsval === null));
});

test('accept-queue-overflow: no tcp_tw_recycle, bursts of 20, and the full queues drop about 90 % of the SYNs', () => {
  const { truth } = result('accept-queue-overflow');
  assert.equal(truth.server.twRecycle, false);
  assert.equal(truth.counters.pawsPassiveRejected, 0);
  const syns = truth.attempts.flatMap((a) => a.syns);
  const dropped = syns.filter((s) => s.fate === 'dropped-at-server').length;
  assert.equal(truth.counters.listenDrops, dropped);
  assert.ok(dropped / syns.length > 0.85 && dropped / syns.length < 0.95, `${dropped} of ${syns.length}`);
  assert.ok(truth.fates.established >= 20, JSON.stringify(truth.fates));
  // Bursts: most attempts start within 30 ms of another from the same pod.
  const starts = truth.attempts.map((a) => `${a.host} ${a.start}`);
  const close = truth.attempts.filter((a) => truth.attempts.some((b) => b !== a && b.host === a.host && Math.abs(b.start - a.start) < 0.03));
  assert.ok(close.length >= 0.9 * truth.attempts.length, `${close.length} of ${starts.length}`);
  assert.ok(truth.hosts.every((h) => h.tsvalOffsetScope === 'connection' && h.natAddress === '192.168.0.2'));
});
