/**
 * The simulator's captures as `tcpdump -s 68` and `-s 64` would have recorded them. At 68 bytes of
 * Ethernet a Linux SYN keeps MSS, SACK-permitted and its whole TSval, so PAWS is found as in the full
 * capture; at 64 the TSval is cut, and nothing may be blamed on PAWS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync, type CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { handshakeJson } from '../../src/analyzer/buildReport.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { CutSynOptions } from '../../src/analyzer/cutSynOptions.js';
import { LINKTYPE_ETHERNET } from '../../src/analyzer/layers/linkTypes.js';
import { OptionsCut } from '../../src/analyzer/layers/tcpPacket.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import type { DiagnosisJson } from '../../src/analyzer/report.js';
import { SCENARIOS, scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import { runScenario } from '../../src/generator/scenario/simulation.js';
import { cutToSnaplen } from './snaplenCut.js';

const samplesDir = join(__dirname, '..', '..', 'samples');

interface CapturePair {
  client: Uint8Array;
  server: Uint8Array;
}

function analyse(bytes: Uint8Array, name: string): CaptureAnalysis {
  return analyzeCaptureSync(new MemorySource(bytes), name);
}

const story: CapturePair = {
  client: readFileSync(join(samplesDir, 'story-client.pcap')),
  server: readFileSync(join(samplesDir, 'story-server.pcap')),
};

/** Every scenario's two captures (story-mixed-formats writes its server side as pcapng). */
const SCENARIO_PAIRS = Object.keys(SCENARIOS).map((name) => {
  const spec = scenarioSpec(name);
  const { clientCapture, serverCapture } = runScenario(spec);
  // A scenario whose hosts send no timestamps (time-wait-collision) has no TSval for a snapshot length to cut.
  const timestamps = spec.clients.some((client) => client.timestamps !== false);
  return { name, timestamps, pair: { client: clientCapture, server: serverCapture } };
});

/** What a diagnosis claims: its cause, how sure, about which attempts. */
function claims(diagnoses: DiagnosisJson[]): { code: string; confidence: string; handshakeIds: number[] }[] {
  return diagnoses.map(({ code, confidence, handshakeIds }) => ({ code, confidence, handshakeIds }));
}

function correlated(pair: CapturePair, snaplen?: number): { client: CaptureAnalysis; server: CaptureAnalysis; diagnoses: DiagnosisJson[] } {
  const cut = (bytes: Uint8Array) => (snaplen === undefined ? bytes : cutToSnaplen(bytes, snaplen));
  const client = analyse(cut(pair.client), 'client');
  const server = analyse(cut(pair.server), 'server');
  return { client, server, diagnoses: correlateCaptures(client, server, 'en').diagnoses };
}

/** The attempts as the tracker saw them, without what the options records say. */
function attemptsOf(analysis: CaptureAnalysis, tsvals: 'with TSvals' | 'without TSvals' = 'with TSvals'): unknown[] {
  return analysis.handshakes.map((a) => ({
    id: a.id, client: a.client, server: a.server, isn: a.isn, syns: a.syns.map((s) => (tsvals === 'with TSvals' ? [s.frame, s.tsval] : [s.frame])),
    synAck: a.synAck?.frame ?? null, verdict: a.verdict, outcome: a.outcome,
  }));
}

function cutWarning(analysis: CaptureAnalysis): string | undefined {
  return analysis.warnings.find((w) => w.code === 'options-truncated')?.message;
}

test('snaplen 68: the story pair still gives paws-tw-recycle at high confidence, for the same attempts, with the warning', () => {
  const full = correlated(story);
  const cut = correlated(story, 68);
  const paws = cut.diagnoses.find((d) => d.code === 'paws-tw-recycle');
  assert.equal(paws?.confidence, 'high');
  assert.deepEqual(claims(cut.diagnoses), claims(full.diagnoses));
  assert.deepEqual(attemptsOf(cut.client), attemptsOf(full.client));
  assert.deepEqual(attemptsOf(cut.server), attemptsOf(full.server));
  for (const analysis of [cut.client, cut.server]) {
    const syns = analysis.handshakes.reduce((n, a) => n + a.syns.length, 0);
    assert.equal(cutWarning(analysis), `snapshot length 68 cut the TCP options of ${syns} SYNs: TSecr and the options after it lost (TSval kept)`);
  }
  assert.equal(cutWarning(full.client), undefined);
  assert.equal(cutWarning(full.server), undefined);
});

test('snaplen 68: the story server capture alone still gives paws-tw-recycle at high confidence for the same attempts', () => {
  const full = diagnoseSingle(analyse(story.server, 'server'), 'server', 'en');
  const cut = diagnoseSingle(analyse(cutToSnaplen(story.server, 68), 'server'), 'server', 'en');
  assert.equal(cut.diagnoses.find((d) => d.code === 'paws-tw-recycle')?.confidence, 'high');
  assert.deepEqual(claims(cut.diagnoses), claims(full.diagnoses));
});

test('snaplen 68: a SYN keeps MSS, SACK-permitted and TSval; TSecr and window scale are null, and the record says the TSecr was cut', () => {
  const full = analyse(story.client, 'client');
  const cut = analyse(cutToSnaplen(story.client, 68), 'client');
  for (const [index, attempt] of cut.handshakes.entries()) {
    const whole = full.handshakes[index].synOptions;
    assert.deepEqual(attempt.synOptions, { ...whole, tsecr: null, windowScale: null, cut: 'tsecr' }, `attempt ${attempt.id}`);
    for (const syn of attempt.syns) assert.equal(syn.tsvalCut, undefined, `attempt ${attempt.id}`);
    const json = handshakeJson(attempt);
    assert.equal(json.synOptions.cut, 'tsecr');
    assert.equal(json.tsval, whole.tsval);
  }
});

test('snaplen 64: the TSval is lost, the warning says so, every SYN is marked tsvalCut and nothing is blamed on PAWS', () => {
  const cut = correlated(story, 64);
  assert.deepEqual(cut.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
  for (const analysis of [cut.client, cut.server]) {
    assert.match(cutWarning(analysis) ?? '', /^snapshot length 64 cut the TCP options of \d+ SYNs: TSval lost: the timestamp check cannot be judged$/);
    for (const attempt of analysis.handshakes) {
      assert.equal(attempt.synOptions.cut, 'tsval');
      assert.equal(attempt.synOptions.tsval, null);
      for (const syn of attempt.syns) assert.deepEqual([syn.tsval, syn.tsvalCut], [null, true], `attempt ${attempt.id}`);
      assert.ok(handshakeJson(attempt).syns.every((syn) => syn.tsvalCut === true));
    }
  }
  const serverAlone = diagnoseSingle(analyse(cutToSnaplen(story.server, 64), 'server'), 'server', 'en');
  assert.deepEqual(serverAlone.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
  // Not "PAWS not indicated": the drops are the server's, and whether the timestamp rule made them cannot be told.
  for (const diagnoses of [cut.diagnoses, serverAlone.diagnoses]) {
    const dropped = diagnoses.find((d) => d.code === 'dropped-at-server');
    assert.ok(dropped, 'the unanswered SYNs are still dropped at the server');
    assert.ok(dropped.evidence.some((e) => /timestamp check cannot be judged/.test(e.text)), JSON.stringify(dropped.evidence.map((e) => e.text)));
  }
});

test('a snapshot length that keeps the whole TCP header (74 bytes of Ethernet) cuts no options and warns of none', () => {
  const cut = analyse(cutToSnaplen(story.client, 74), 'client');
  assert.equal(cutWarning(cut), undefined);
  for (const attempt of cut.handshakes) {
    assert.equal(attempt.synOptions.cut, undefined);
    assert.equal(attempt.synOptions.windowScale, 7);
    assert.equal('cut' in handshakeJson(attempt).synOptions, false);
  }
});

/**
 * Whether 68 bytes keep a Linux SYN's TSval: 14 bytes of Ethernet, 20 of IP, 20 of TCP and 12 of options
 * through the TSval are 66; behind the 20 bytes of Linux cooked capture v2 (`tcpdump -i any`) they are 72.
 */
function keepsTsvalAt68(analysis: CaptureAnalysis): boolean {
  return analysis.info.interfaces.every((face) => face.linkType === LINKTYPE_ETHERNET);
}

for (const { name, timestamps, pair } of SCENARIO_PAIRS) {
  test(`${name} at snaplen 68: the same diagnoses for the same attempts as the full captures where the TSval is kept, no PAWS blame where it is not`, () => {
    const full = correlated(pair);
    const cut = correlated(pair, 68);
    assert.deepEqual(attemptsOf(cut.client, 'without TSvals'), attemptsOf(full.client, 'without TSvals'));
    if (!timestamps) {
      // SYNs without the timestamp option fit whole in 68 bytes: nothing is cut, nothing changes.
      assert.deepEqual(claims(cut.diagnoses), claims(full.diagnoses));
      assert.equal(cutWarning(cut.client), undefined);
      assert.equal(cutWarning(cut.server), undefined);
    } else if (keepsTsvalAt68(cut.client) && keepsTsvalAt68(cut.server)) {
      // A SYN cookie's TSval encodes the SYN's window scale, which follows the timestamps and is cut at 68:
      // only the other signs remain, so syn-cookies names a subset.
      const cookies = (diagnoses: readonly DiagnosisJson[]) => diagnoses.find((d) => d.code === 'syn-cookies')?.handshakeIds ?? [];
      assert.ok(cookies(cut.diagnoses).every((id) => cookies(full.diagnoses).includes(id)), 'syn-cookies at 68 names a subset');
      const withoutCookies = (diagnoses: readonly DiagnosisJson[]) => diagnoses.filter((d) => d.code !== 'syn-cookies');
      assert.deepEqual(claims(withoutCookies(cut.diagnoses)), claims(withoutCookies(full.diagnoses)));
      assert.deepEqual(attemptsOf(cut.client), attemptsOf(full.client));
      assert.match(cutWarning(cut.server) ?? '', /^snapshot length 68 cut the TCP options of [\d,]+ SYNs: TSecr and the options after it lost \(TSval kept\)$/);
    } else {
      assert.deepEqual(cut.diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
      for (const analysis of [cut.client, cut.server].filter((side) => !keepsTsvalAt68(side))) {
        assert.match(cutWarning(analysis) ?? '', /^snapshot length 68 cut the TCP options of [\d,]+ SYNs: TSval lost: the timestamp check cannot be judged$/);
        assert.ok(analysis.handshakes.every((a) => a.syns.every((syn) => syn.tsvalCut === true)));
      }
    }
  });

  test(`${name} at snaplen 64: no PAWS blame from both captures or either alone`, () => {
    const cut = correlated(pair, 64);
    const alone = [
      diagnoseSingle(analyse(cutToSnaplen(pair.server, 64), 'server'), 'server', 'en'),
      diagnoseSingle(analyse(cutToSnaplen(pair.client, 64), 'client'), 'client', 'en'),
    ];
    for (const diagnoses of [cut.diagnoses, ...alone.map((result) => result.diagnoses)]) {
      assert.deepEqual(diagnoses.filter((d) => d.code === 'paws-tw-recycle'), []);
    }
    if (!timestamps) return;
    assert.ok(cut.server.handshakes.every((a) => a.syns.every((syn) => syn.tsvalCut === true)));
    assert.match(cutWarning(cut.client) ?? '', /TSval lost: the timestamp check cannot be judged/);
  });
}

test('the warning counts each kind of cut, and gives the range of snapshot lengths when the cut records differ', () => {
  const syns = new CutSynOptions();
  syns.note(OptionsCut.Tsecr, 68, 24);
  syns.note(OptionsCut.Tsecr, 68, 130);
  syns.note(OptionsCut.BeforeTimestamps, 60, 300);
  syns.note(OptionsCut.None, 1514, 400);
  assert.deepEqual(syns.warning(), {
    code: 'options-truncated',
    message: 'snapshot lengths 60 to 68 cut the TCP options of 3 SYNs: in 2, TSecr and the options after it lost (TSval kept); '
      + 'in 1, options lost before a timestamp option could be read, so whether they carried one is unknown: the timestamp check cannot be judged',
    offset: 24,
  });
  assert.equal(new CutSynOptions().warning(), null);
});
