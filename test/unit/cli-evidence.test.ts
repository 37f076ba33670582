/** `handshake-lens analyze … --evidence FILE`, run as users run it (dist/cli.js). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, writeFiles } from './cliRun.js';
import type { ReportJson } from '../../src/analyzer/report.js';
import { documentedFields } from './jsonContract.js';

const REAL = 'test/fixtures/real/accept-overflow';

test('--evidence: the snapshots are quoted in the diagnosis and listed in evidenceFiles, exit 0', () => {
  const result = runCli(['analyze', `${REAL}/node-side.pcap`, '--server', `${REAL}/server-side.pcap`, '--format', 'json',
    '--evidence', `${REAL}/nstat-server-before.txt`, '--evidence', `server=${REAL}/nstat-server-after.txt`]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  const report = JSON.parse(result.stdout) as ReportJson;
  assert.deepEqual(report.evidenceFiles.map((f) => [f.path, f.kind, f.host, f.hostFrom, f.moment, f.problem]), [
    [`${REAL}/nstat-server-before.txt`, 'nstat', 'server', 'name', 'before', null],
    [`${REAL}/nstat-server-after.txt`, 'nstat', 'server', 'given', 'after', null],
  ]);
  for (const file of report.evidenceFiles) assert.deepEqual(Object.keys(file).sort(), documentedFields('## Evidence file'));
  const overflow = report.diagnoses.find((d) => d.code === 'listen-overflow')!;
  assert.deepEqual(Object.keys(overflow).sort(), documentedFields('## Diagnosis'));
  const counters = overflow.evidence.flatMap((e) => e.counters ?? []);
  for (const counter of counters) assert.deepEqual(Object.keys(counter).sort(), documentedFields('### Counters quoted from evidence files').filter((f) => f !== 'perCpu'));
  assert.ok(counters.some((c) => c.name === 'ListenOverflows' && c.value === 53 && c.delta && c.verdict === 'confirms'));
});

test('--evidence with a file of random text: one message naming the file, the line and the reason; the analysis goes on', () => {
  const { notes } = writeFiles({ notes: 'shopping list\neggs\n' });
  const result = runCli(['analyze', `${REAL}/pod-a.pcap`, '--evidence', notes]);
  assert.equal(result.status, 0);
  assert.equal(result.stderr, `handshake-lens: ${notes}: line 1 "shopping list" is not netstat -s, nstat, sysctl, conntrack -S or ss -lnt output; the analysis goes on without it\n`);
  assert.match(result.stdout, /Why they failed/);
});

test('--evidence: a file of unknown host is said once; a missing file is exit 2 as for a capture; export refuses the option', () => {
  const { plain } = writeFiles({ plain: '#kernel\nTcpExtListenDrops 5 0.0\n' });
  const unknown = runCli(['analyze', `${REAL}/pod-a.pcap`, '--evidence', plain]);
  assert.equal(unknown.status, 0);
  assert.match(unknown.stderr, /^handshake-lens: .+: which host it was taken on is not known .*server=/);
  assert.equal(unknown.stderr.split('\n').length, 2);
  const missing = runCli(['analyze', `${REAL}/pod-a.pcap`, '--evidence', '/no/such/nstat.txt']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^handshake-lens: \/no\/such\/nstat\.txt: cannot read: no such file at byte 0\n$/);
  const exported = runCli(['export', `${REAL}/pod-a.pcap`, '--failed', '-o', '/tmp/x.pcapng', '--evidence', plain]);
  assert.equal(exported.status, 2);
});

test('--evidence: the same file given twice is one snapshot, not an interval in which nothing was counted', () => {
  const after = `${REAL}/nstat-server-after.txt`;
  const result = runCli(['analyze', `${REAL}/node-side.pcap`, '--server', `${REAL}/server-side.pcap`, '--format', 'json', '--evidence', after, '--evidence', `server=${after}`]);
  const report = JSON.parse(result.stdout) as ReportJson;
  assert.equal(report.evidenceFiles.length, 1);
  const counters = report.diagnoses.find((d) => d.code === 'listen-overflow')!.evidence.flatMap((e) => e.counters ?? []);
  assert.ok(counters.some((c) => c.name === 'ListenOverflows' && c.value === 53 && c.span === 'nstat'));
});

test('--help documents --evidence in both languages', () => {
  assert.match(runCli(['--help']).stdout, /--evidence \[host=\]<file>/);
  assert.match(runCli(['--help', '--lang', 'zh-cn']).stdout, /--evidence \[主机=\]<文件>/);
});
