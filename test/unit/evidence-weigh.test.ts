/**
 * The table of counters per cause, weighed against diagnoses: confirmed causes rise, contradicted ones
 * fall, and evidence of another host, another kind or only since boot moves nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportDiagnosis } from '../../src/analyzer/buildReport.js';
import { CAUSE_EVIDENCE, PENDING_CAUSES } from '../../src/analyzer/evidence/causeEvidence.js';
import { readEvidenceFile, type EvidenceFile } from '../../src/analyzer/evidence/evidenceFile.js';
import { weighEvidence } from '../../src/analyzer/evidence/weighEvidence.js';
import { textsFor } from '../../src/analyzer/explain/catalog.js';
import { LANGUAGES } from '../../src/analyzer/explain/language.js';
import type { Confidence, DiagnosisCode } from '../../src/analyzer/model.js';
import type { DiagnosisJson } from '../../src/analyzer/report.js';

/** Every code of model.ts's DiagnosisCode, spelled out so that the compiler checks each. */
const KNOWN: Record<DiagnosisCode, true> = {
  'paws-tw-recycle': true, 'nat-multiple-clocks': true, 'dropped-at-server': true, 'lost-before-server': true, 'reply-lost': true,
  'refused': true, 'reset-by-middlebox': true, 'listen-overflow': true, 'not-covered': true, 'unlocated': true,
  'captures-do-not-correspond': true, 'isn-rewritten': true, 'captures-do-not-overlap': true, 'capture-roles-reversed': true, 'slow-connect': true, 'dropped-at-node': true, 'syn-cookies': true, 'time-wait-collision': true,
};

test('every key of the table is a known cause, or one marked pending that is not known yet', () => {
  for (const key of Object.keys(CAUSE_EVIDENCE)) {
    assert.ok(key in KNOWN !== PENDING_CAUSES.includes(key), `${key}: known ${key in KNOWN}, pending ${PENDING_CAUSES.includes(key)}`);
  }
  for (const pending of PENDING_CAUSES) assert.ok(pending in CAUSE_EVIDENCE, pending);
});

function diagnosis(code: DiagnosisCode, confidence: Confidence, ids = [1, 2]): ReportDiagnosis {
  const d: DiagnosisJson = { code, severity: 'error', confidence, title: 't', explanation: 'e', evidence: [], fix: null, handshakeIds: ids };
  return { diagnoses: [d], findings: new Map(ids.map((id) => [id, { cause: code as never, confidence, atServer: null }])) };
}

function nstat(path: string, values: Record<string, number>, host: 'server' | 'node' | null = null): EvidenceFile {
  const text = ['#kernel', ...Object.entries(values).map(([name, value]) => `${name.startsWith('Tcp') ? '' : 'TcpExt'}${name}  ${value}  0.0`)].join('\n');
  return readEvidenceFile(path, text, host) as EvidenceFile;
}

function weigh(d: ReportDiagnosis, files: EvidenceFile[], lang: 'en' | 'zh-cn' = 'en'): ReportDiagnosis {
  return weighEvidence(d, { files, texts: textsFor(lang).evidence, serverPortOf: () => 3306 });
}

const BEFORE = { ListenOverflows: 35, ListenDrops: 53, PAWSPassive: 0, TCPReqQFullDrop: 0 };
const AFTER = { ListenOverflows: 600, ListenDrops: 800, PAWSPassive: 0, TCPReqQFullDrop: 0 };

test('listen-overflow: ListenOverflows over the interval with PAWSPassive 0 confirms it, quoted with the values and files', () => {
  const files = [nstat('nstat-server-before.txt', BEFORE), nstat('nstat-server-after.txt', AFTER)];
  const result = weigh(diagnosis('listen-overflow', 'medium'), files);
  const [d] = result.diagnoses;
  assert.equal(d.confidence, 'high');
  assert.equal(d.confidenceFromCaptures, 'medium');
  assert.equal(result.findings.get(1)!.confidence, 'high');
  const line = d.evidence.find((e) => e.counters)!;
  assert.match(line.text, /`ListenOverflows` 565 and `ListenDrops` 747 while `PAWSPassive` is 0 between nstat-server-before\.txt and nstat-server-after\.txt: the listen queue, not timestamps\./);
  assert.deepEqual(line.counters!.find((c) => c.name === 'ListenOverflows'),
    { name: 'ListenOverflows', value: 565, file: 'nstat-server-after.txt', fromFile: 'nstat-server-before.txt', delta: true, span: 'interval', verdict: 'confirms' });
  for (const lang of LANGUAGES) assert.ok(weigh(diagnosis('listen-overflow', 'medium'), files, lang).diagnoses[0].evidence.every((e) => e.text.length > 0));
});

test('listen-overflow: neither queue counter moving contradicts it, and the text names the counters', () => {
  const files = [nstat('nstat-server-before.txt', BEFORE), nstat('nstat-server-after.txt', { ...BEFORE, ListenDrops: 90 })];
  const [d] = weigh(diagnosis('listen-overflow', 'high'), files).diagnoses;
  assert.equal(d.confidence, 'medium');
  assert.match(d.evidence.find((e) => e.counters)!.text, /`ListenOverflows` and `TCPReqQFullDrop` are 0.*not the listen queue/);
});

test('paws-tw-recycle: PAWSPassive 0 over the interval lowers a medium blame; PAWSPassive grown raises it', () => {
  const idle = [nstat('nstat-server-before.txt', BEFORE), nstat('nstat-server-after.txt', AFTER)];
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), idle).diagnoses[0].confidence, 'low');
  const grown = [nstat('nstat-server-before.txt', BEFORE), nstat('nstat-server-after.txt', { ...AFTER, PAWSPassive: 40 })];
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), grown).diagnoses[0].confidence, 'high');
});

test('counters of another host, of an unknown host, or of another kind do not raise confidence', () => {
  const grown = { ...AFTER, PAWSPassive: 40 };
  const node = [nstat('nstat-node-before.txt', BEFORE), nstat('nstat-node-after.txt', grown)];
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), node).diagnoses[0].confidence, 'medium');
  const unknown = [nstat('a.txt', BEFORE), nstat('b.txt', grown)];
  assert.equal(unknown[0].host, null);
  assert.deepEqual(weigh(diagnosis('paws-tw-recycle', 'medium'), unknown).diagnoses[0].evidence, []);
  const conntrack = readEvidenceFile('conntrack-server.txt', 'cpu=0 found=0 insert_failed=9 drop=3\n') as EvidenceFile;
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), [conntrack]).diagnoses[0].confidence, 'medium');
});

test('a counter that went down weighs nothing and is said to have gone down', () => {
  const files = [nstat('nstat-server-before.txt', { ...AFTER, PAWSPassive: 90 }), nstat('nstat-server-after.txt', { ...BEFORE, PAWSPassive: 3 })];
  const [d] = weigh(diagnosis('paws-tw-recycle', 'medium'), files).diagnoses;
  assert.equal(d.confidence, 'medium');
  assert.ok(d.evidence.some((e) => /`PAWSPassive` went down from 90 .* to 3 .*not subtracted/.test(e.text)));
});

test('since boot only: a grown counter confirms nothing, a zero still contradicts', () => {
  const netstat = readEvidenceFile('netstat-s-server.txt', 'TcpExt:\n    173495 SYNs to LISTEN sockets dropped\n    12 passive connections rejected because of time stamp\n') as EvidenceFile;
  const [d] = weigh(diagnosis('paws-tw-recycle', 'medium'), [netstat]).diagnoses;
  assert.equal(d.confidence, 'medium');
  assert.equal(d.evidence.find((e) => e.counters)!.values.verdict, 'informs');
  const proc = readEvidenceFile('server-netstat', 'TcpExt: SyncookiesSent PAWSPassive ListenOverflows ListenDrops\nTcpExt: 0 0 0 0\n') as EvidenceFile;
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), [proc]).diagnoses[0].confidence, 'low');
});

test('paws-tw-recycle: tcp_tw_recycle = 1 confirms, = 0 contradicts, absent from sysctl -a of a 4.12+ kernel contradicts', () => {
  const sysctl = (text: string) => readEvidenceFile('sysctl-a-server.txt', text) as EvidenceFile;
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), [sysctl('net.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_timestamps = 1\n')]).diagnoses[0].confidence, 'high');
  assert.equal(weigh(diagnosis('paws-tw-recycle', 'medium'), [sysctl('net.ipv4.tcp_tw_recycle = 0\n')]).diagnoses[0].confidence, 'low');
  const modern = weigh(diagnosis('paws-tw-recycle', 'medium'), [sysctl('kernel.osrelease = 5.15.0-91-generic\nnet.ipv4.tcp_timestamps = 1\n')]).diagnoses[0];
  assert.equal(modern.confidence, 'low');
  assert.match(modern.evidence[0].text, /absent .*kernel 5\.15\.0-91-generic.*removed in Linux 4\.12/);
  const old = weigh(diagnosis('paws-tw-recycle', 'medium'), [sysctl('kernel.osrelease = 3.10.0-1160.el7.x86_64\nnet.ipv4.tcp_timestamps = 1\n')]).diagnoses[0];
  assert.equal(old.confidence, 'medium', 'absent on a 3.10 kernel proves nothing');
});

test('refused: OutRsts 0 contradicts it; reset-by-middlebox: OutRsts 0 confirms it', () => {
  const files = [nstat('nstat-server-before.txt', { TcpOutRsts: 4, ListenDrops: 0 }), nstat('nstat-server-after.txt', { TcpOutRsts: 4, ListenDrops: 0 })];
  assert.equal(weigh(diagnosis('refused', 'high'), files).diagnoses[0].confidence, 'medium');
  assert.equal(weigh(diagnosis('reset-by-middlebox', 'medium'), files).diagnoses[0].confidence, 'high');
  const sent = [files[0], nstat('nstat-server-after.txt', { TcpOutRsts: 9, ListenDrops: 0 })];
  assert.equal(weigh(diagnosis('refused', 'medium'), sent).diagnoses[0].confidence, 'high');
});

test('listeners: a full accept queue on the server port confirms listen-overflow; no listener confirms refused', () => {
  const ss = (text: string) => readEvidenceFile('ss-lnt-server.txt', `State Recv-Q Send-Q Local Address:Port Peer Address:Port\n${text}\n`) as EvidenceFile;
  const full = weigh(diagnosis('listen-overflow', 'medium'), [ss('LISTEN 2 1 0.0.0.0:3306 0.0.0.0:*')]).diagnoses[0];
  assert.equal(full.confidence, 'high');
  assert.match(full.evidence[0].text, /2 connections queued \(Recv-Q\) of a backlog of 1 \(Send-Q\)/);
  assert.equal(weigh(diagnosis('listen-overflow', 'medium'), [ss('LISTEN 0 128 0.0.0.0:3306 0.0.0.0:*')]).diagnoses[0].confidence, 'medium');
  assert.equal(weigh(diagnosis('refused', 'medium'), [ss('LISTEN 0 128 0.0.0.0:22 0.0.0.0:*')]).diagnoses[0].confidence, 'high');
  assert.equal(weigh(diagnosis('refused', 'medium'), [ss('LISTEN 0 128 [::]:3306 [::]:*')]).diagnoses[0].confidence, 'medium');
});

test('lost-before-server: conntrack insert_failed on the node confirms it, per CPU in the quote; on the server it does not', () => {
  const ct = (path: string, failed: number) => readEvidenceFile(path, `cpu=0 found=0 insert_failed=${failed} drop=0 early_drop=0\ncpu=1 found=0 insert_failed=1 drop=0 early_drop=0\n`) as EvidenceFile;
  const node = weigh(diagnosis('lost-before-server', 'medium'), [ct('conntrack-node-before.txt', 2), ct('conntrack-node-after.txt', 9)]).diagnoses[0];
  assert.equal(node.confidence, 'high');
  assert.match(node.evidence[0].text, /`conntrack\.insert_failed` 7 \(cpu0 7, cpu1 0\)/);
  assert.deepEqual(node.evidence[0].counters![0].perCpu, [{ cpu: 0, value: 7 }, { cpu: 1, value: 0 }]);
  assert.equal(weigh(diagnosis('lost-before-server', 'medium'), [ct('conntrack-server-before.txt', 2), ct('conntrack-server-after.txt', 9)]).diagnoses[0].confidence, 'medium');
});

test('dropped-at-server: ListenDrops without the queue or PAWS names neither; nothing moving points before TCP; confidence stays', () => {
  const other = [nstat('nstat-server-before.txt', BEFORE), nstat('nstat-server-after.txt', { ...BEFORE, ListenDrops: 70 })];
  const [d] = weigh(diagnosis('dropped-at-server', 'high'), other).diagnoses;
  assert.equal(d.confidence, 'high');
  assert.ok(d.evidence.some((e) => /neither the listen queue nor the timestamp check/.test(e.text)));
  const still = [nstat('nstat-server-before.txt', { ...BEFORE, TCPBacklogDrop: 0 }), nstat('nstat-server-after.txt', { ...BEFORE, TCPBacklogDrop: 0 })];
  assert.ok(weigh(diagnosis('dropped-at-server', 'high'), still).diagnoses[0].evidence.some((e) => /before TCP saw them/.test(e.text)));
});

test('reply-lost: the server resending SYN-ACKs confirms it; none resent weighs nothing', () => {
  const files = (after: number) => [nstat('nstat-server-before.txt', { TCPSynRetrans: 2 }), nstat('nstat-server-after.txt', { TCPSynRetrans: after })];
  assert.equal(weigh(diagnosis('reply-lost', 'medium'), files(9)).diagnoses[0].confidence, 'high');
  assert.equal(weigh(diagnosis('reply-lost', 'medium'), files(2)).diagnoses[0].confidence, 'medium');
});

test('diagnoses without a row, and diagnoses without evidence files, are returned as they were', () => {
  const d = diagnosis('not-covered', 'medium');
  assert.deepEqual(weigh(d, [nstat('nstat-server.txt', AFTER)]).diagnoses, d.diagnoses);
  const l = diagnosis('listen-overflow', 'medium');
  assert.deepEqual(weigh(l, []).diagnoses, l.diagnoses);
});
