/**
 * The real recordings with the nstat -az snapshots taken in the server's namespace before and after each
 * (test/fixtures/real/<scenario>/nstat-server-*.txt): every attempt's cause and confidence with and
 * without them, and the counters quoted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDiagnosis } from '../../src/analyzer/buildReport.js';
import { readEvidenceFile, type EvidenceFile } from '../../src/analyzer/evidence/evidenceFile.js';
import { weighEvidence } from '../../src/analyzer/evidence/weighEvidence.js';
import { textsFor } from '../../src/analyzer/explain/catalog.js';
import type { CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { connectionOf, correlate, recording, type SocketTruth } from './realRecording.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';

function serverSnapshots(scenario: string): EvidenceFile[] {
  const dir = join(__dirname, '../fixtures/real', scenario);
  return ['nstat-server-before.txt', 'nstat-server-after.txt'].map((name) => readEvidenceFile(name, readFileSync(join(dir, name), 'utf8')) as EvidenceFile);
}

function withEvidence(analysis: CaptureAnalysis, result: ReportDiagnosis, files: EvidenceFile[]): ReportDiagnosis {
  const ports = new Map(analysis.handshakes.map((h) => [h.id, h.server.port] as const));
  return weighEvidence(result, { files, texts: textsFor('en').evidence, serverPortOf: (id) => ports.get(id) ?? null });
}

/** Each attempt's cause and confidence, with and without the evidence, checked against what the sockets did. */
function assertFindings(
  scenario: string, side: string,
  expected: (c: SocketTruth) => { cause: string | null; without: string | null; with: string | null },
): ReportDiagnosis {
  const rec = recording(scenario);
  const { client, result } = correlate(rec, side, 'server-side.pcap');
  const weighed = withEvidence(client, result, serverSnapshots(scenario));
  for (const attempt of client.handshakes) {
    const connection = connectionOf(rec.truth, attempt);
    const want = expected(connection);
    const before = result.findings.get(attempt.id);
    const after = weighed.findings.get(attempt.id);
    const label = `${scenario} ${side}: ${connection.local} → ${connection.destination}`;
    assert.equal(before?.cause ?? null, want.cause, label);
    assert.equal(after?.cause ?? null, want.cause, label);
    assert.equal(before?.confidence ?? null, want.without, `${label}: without evidence`);
    assert.equal(after?.confidence ?? null, want.with, `${label}: with evidence`);
  }
  return weighed;
}

test('accept-overflow: the ListenOverflows delta confirms listen-overflow, quoted with its files', () => {
  for (const side of ['pod-a.pcap', 'node-side.pcap']) {
    const weighed = assertFindings('accept-overflow', side, (c) => {
      const failed = c.connect !== 'ok' || !c.serverAccepted;
      return failed ? { cause: 'listen-overflow', without: 'high', with: 'high' } : { cause: null, without: null, with: null };
    });
    const d = weighed.diagnoses.find((x) => x.code === 'listen-overflow')!;
    assert.equal(d.confidenceFromCaptures, 'high');
    const line = d.evidence.find((e) => e.values.says === 'listen-queue-not-paws')!;
    assert.match(line.text, /`ListenOverflows` 53, `TCPReqQFullDrop` 5 and `ListenDrops` 58 while this kernel has no `PAWSPassive` counter between nstat-server-before\.txt and nstat-server-after\.txt/);
    assert.deepEqual(line.counters!.map((c) => [c.name, c.value, c.verdict]), [
      ['ListenOverflows', 53, 'confirms'], ['TCPReqQFullDrop', 5, 'confirms'], ['PAWSPassive', 0, 'confirms'], ['ListenDrops', 58, 'informs'],
    ]);
  }
});

test('router-reset: nothing at the server sends a reset, so reset-by-middlebox rises from medium to high', () => {
  const weighed = assertFindings('router-reset', 'node-side.pcap', (c) => (c.connect === 'ECONNREFUSED'
    ? { cause: 'reset-by-middlebox', without: 'medium', with: 'high' }
    : { cause: null, without: null, with: null }));
  const d = weighed.diagnoses.find((x) => x.code === 'reset-by-middlebox')!;
  assert.match(d.evidence.find((e) => e.values.says === 'server-no-resets')!.text, /`OutRsts` is 0 .*the resets came from another device/);
  // The same counters would contradict a refusal by the server.
  const refused = weighEvidence({ diagnoses: [{ ...d, code: 'refused', confidence: 'high', evidence: [] }], findings: new Map() },
    { files: serverSnapshots('router-reset'), texts: textsFor('en').evidence, serverPortOf: () => 3307 });
  assert.equal(refused.diagnoses[0].confidence, 'medium');
  assert.equal(refused.diagnoses[0].evidence[0].values.verdict, 'contradicts');
});

test('server-side firewall DROP (node-any): ListenDrops 0, so not the listen queue; dropped-at-server holds, refused confirmed by OutRsts', () => {
  const weighed = assertFindings('node-any', 'node-any.pcap', (c) => {
    if (c.connect === 'ECONNREFUSED') return { cause: 'refused', without: 'high', with: 'high' };
    if (c.connect !== 'ok') return { cause: 'dropped-at-server', without: 'high', with: 'high' };
    return { cause: null, without: null, with: null };
  });
  const dropped = weighed.diagnoses.find((x) => x.code === 'dropped-at-server')!;
  const line = dropped.evidence.find((e) => e.values.says === 'no-tcp-drop')!;
  assert.match(line.text, /`ListenDrops` and `TCPBacklogDrop` are 0/);
  assert.ok(weighed.diagnoses.every((x) => x.code !== 'listen-overflow'));
  const refused = weighed.diagnoses.find((x) => x.code === 'refused')!;
  assert.match(refused.evidence.find((e) => e.values.says === 'server-resets')!.text, /`OutRsts` 1 between/);
});

test('synack-drop: TCPSynRetrans confirms reply-lost (already high); lost-before-server has no server counter to weigh', () => {
  const rec = recording('synack-drop');
  const { client, result } = correlate(rec, 'node-side.pcap', 'server-side.pcap');
  const weighed = withEvidence(client, result, serverSnapshots('synack-drop'));
  assert.deepEqual([...weighed.findings], [...result.findings]);
  const replyLost = weighed.diagnoses.find((d) => d.code === 'reply-lost')!;
  assert.match(replyLost.evidence.find((e) => e.values.says === 'synack-resent')!.text, /`TCPSynRetrans` 16 between/);
  assert.ok(weighed.diagnoses.find((d) => d.code === 'lost-before-server')!.evidence.every((e) => e.counters === undefined));
  // From the pod's capture alone the reply-lost attempt is medium: the server's resent SYN-ACKs raise it.
  const alone = rec.load('pod-a.pcap');
  const single = withEvidence(alone, diagnoseSingle(alone, 'single', 'en'), serverSnapshots('synack-drop'));
  const d = single.diagnoses.find((x) => x.code === 'reply-lost')!;
  assert.deepEqual([d.confidenceFromCaptures, d.confidence], ['medium', 'high']);
});
