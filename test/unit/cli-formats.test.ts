import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pcapOf } from './captureFile.js';
import { mixedCapture, mixedSteps, runCli, writeFiles } from './cliRun.js';
import { documentedFields, EVIDENCE_ONLY_DIAGNOSIS_FIELDS, withoutPathFields } from './jsonContract.js';


test('JSON output carries every documented field and nothing undocumented', () => {
  const result = runCli(['analyze', mixedCapture(), '--format', 'json']);
  assert.equal(result.status, 0);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(report).sort(), documentedFields('## Top level'));
  assert.equal(report.version, 1);
  assert.ok(report.diagnoses.length > 0);
  for (const diagnosis of report.diagnoses) {
    assert.deepEqual(Object.keys(diagnosis).sort(), documentedFields('## Diagnosis').filter((f) => !EVIDENCE_ONLY_DIAGNOSIS_FIELDS.includes(f)));
    for (const evidence of diagnosis.evidence) assert.deepEqual(Object.keys(evidence).sort(), ['handshakeIds', 'text', 'values']);
  }
  const [capture] = report.captures;
  assert.deepEqual(Object.keys(capture).sort(), withoutPathFields('## Capture'));
  assert.deepEqual(Object.keys(capture.summary).sort(), documentedFields('### `summary`'));
  assert.deepEqual([capture.role, capture.format, capture.linkTypes, capture.packets, capture.tcpPackets], ['single', 'pcap', [1], 14, 14]);
  assert.equal(report.handshakes.length, 5);
  for (const handshake of report.handshakes) assert.deepEqual(Object.keys(handshake).sort(), withoutPathFields('## Handshake'));
  const [passed, refused, unanswered, v6] = report.handshakes;
  assert.deepEqual(
    [passed.id, passed.client, passed.server, passed.isn, passed.synTime, passed.synCount, passed.tsval, passed.verdict, passed.outcome, passed.rttMs, passed.cause],
    [1, '10.244.1.7:40000', '192.168.11.250:3306', 1, 1_700_000_000, 1, 100, 'pass', 'established', 1, null],
  );
  assert.deepEqual([refused.verdict, refused.outcome, refused.tsval, refused.cause], ['fail', 'refused', null, 'refused']);
  assert.ok(report.diagnoses.some((diagnosis: { code: string; handshakeIds: number[] }) => diagnosis.code === 'refused' && diagnosis.handshakeIds.includes(2)));
  assert.deepEqual([unanswered.outcome, unanswered.synCount], ['no-reply', 2]);
  assert.deepEqual([v6.client, v6.server, v6.ipVersion], ['[2001:db8::7]:50000', '[2001:db8::1]:443', 6]);
});

test('--failed keeps only the failures, in every format', () => {
  const capture = mixedCapture();
  const json = JSON.parse(runCli(['analyze', capture, '--format', 'json', '--failed']).stdout);
  assert.deepEqual(json.handshakes.map((h: { id: number }) => h.id), [2, 3]);
  assert.equal(json.captures[0].summary.attempts, 5);
  const table = runCli(['analyze', capture, '--failed']).stdout;
  assert.doesNotMatch(table, /PASS/);
  assert.equal(table.match(/FAIL/g)?.length, 2);
  assert.equal(runCli(['analyze', capture, '--format', 'csv', '--failed']).stdout.trimEnd().split('\r\n').length, 3);
});

test('the table has a PASS/FAIL column and a summary, without colour when piped or with NO_COLOR', () => {
  const capture = mixedCapture();
  const table = runCli(['analyze', capture]).stdout;
  const lines = table.split('\n');
  assert.match(lines[0], /^ID\s+CLIENT\s+SERVER\s+SYN TIME \(UTC\)\s+SYNS\s+RTT ms\s+VERDICT\s+OUTCOME\s+CAUSE$/);
  assert.match(lines[1], /^ 1 {2}10\.244\.1\.7:40000 +192\.168\.11\.250:3306 +2023-11-14 22:13:20\.000000 +1 +1\.000 {2}PASS +established$/);
  const verdictColumn = lines[0].indexOf('VERDICT');
  assert.deepEqual(lines.slice(1, 6).map((line) => line.slice(verdictColumn, verdictColumn + 4)), ['PASS', 'FAIL', 'FAIL', 'PASS', 'PASS']);
  assert.match(table, /5 connection attempts: 3 passed, 2 failed, 0 unknown/);
  assert.match(table, /192\.168\.11\.250:3306 {2}2\/4 \(50\.0%\)/);
  assert.doesNotMatch(table, /\x1b\[/);
  assert.doesNotMatch(runCli(['analyze', capture], { NO_COLOR: '1' }).stdout, /\x1b\[/);
});

test('the table in Chinese keeps its columns aligned', () => {
  const lines = runCli(['analyze', mixedCapture(), '--lang', 'zh-cn']).stdout.split('\n');
  assert.match(lines[0], /^编号 +客户端/);
  assert.match(lines[2], /失败/);
  assert.match(lines.join('\n'), /5 次连接尝试/);
});

test('CSV has the JSON field names as header and one row per handshake', () => {
  const rows = runCli(['analyze', mixedCapture(), '--format', 'csv']).stdout.trimEnd().split('\r\n');
  assert.equal(rows[0], 'id,client,server,ipVersion,isn,synTime,synCount,tsval,ttl,verdict,outcome,rttMs,ackDelayMs,vantage,cause,confidence');
  assert.equal(rows.length, 6);
  assert.match(rows[2], /^2,10\.244\.1\.8:40001,192\.168\.11\.250:3306,4,2,1700000001,1,,64,fail,refused,,,unknown,refused,\w+$/);
  assert.match(rows[4], /^4,\[2001:db8::7\]:50000,/);
});

test('CSV along a path has a path column last: each capture point by its file, seen or missed', () => {
  const dir = 'test/fixtures/real/path-drops';
  const rows = runCli(['analyze', `${dir}/pod-a.pcap`, `${dir}/node-any.pcap`, `${dir}/server-side.pcap`, '--format', 'csv']).stdout.trimEnd().split('\r\n');
  assert.match(rows[0], /,cause,confidence,path$/);
  // The node's FORWARD chain dropped pod-a's SYNs from ports 62000-62099: seen in the pod and before the NAT only.
  const dropped = rows.filter((row) => /:620\d\d,/.test(row));
  assert.ok(dropped.length >= 2);
  for (const row of dropped) assert.match(row, /,dropped-at-node,high,pod-a seen > node-any before-nat seen > node-any after-nat missed > server-side missed$/);
  const single = runCli(['analyze', mixedCapture(), '--format', 'csv']).stdout.split('\r\n')[0];
  assert.doesNotMatch(single, /path/, 'one capture has no path column');
});

test('Markdown is a table with a separator row and the summary as a list', () => {
  const markdown = runCli(['analyze', mixedCapture(), '--format', 'markdown']).stdout;
  const lines = markdown.split('\n');
  assert.match(lines[0], /^\| ID \| CLIENT \| SERVER \|/);
  assert.match(lines[1], /^\| ---: \| --- \| --- \|/);
  assert.match(lines[3], /\| \*\*FAIL\*\* \| refused \|/);
  assert.match(markdown, /^- 5 connection attempts/m);
});

test('with --server both captures are reported, client first', () => {
  const { client, server } = writeFiles({ client: pcapOf(mixedSteps()), server: pcapOf(mixedSteps(), 276) });
  const report = JSON.parse(runCli(['analyze', client, '--server', server, '--format', 'json']).stdout);
  assert.deepEqual(report.captures.map((c: { role: string; linkTypes: number[] }) => [c.role, c.linkTypes]), [['client', [1]], ['server', [276]]]);
  assert.equal(report.handshakes.length, 5);
});

const PATH_DROPS = 'test/fixtures/real/path-drops';

test('along a path the JSON carries every documented field, path fields included; a pair with --server stays without them', () => {
  const captures = ['server-side.pcap', 'pod-a.pcap', 'pod-b.pcap', 'node-side.pcap'].map((name) => `${PATH_DROPS}/${name}`);
  const result = runCli(['analyze', ...captures, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(report.captures.map((c: { role: string }) => c.role), ['server', 'client', 'client', 'client']);
  for (const capture of report.captures) assert.deepEqual(Object.keys(capture).sort(), documentedFields('## Capture'));
  assert.equal(report.captures[0].offsetMs, 0);
  assert.ok(report.captures.every((c: { offsetMs: number | null }) => c.offsetMs !== null && Math.abs(c.offsetMs) < 1));
  for (const handshake of report.handshakes) assert.deepEqual(Object.keys(handshake).sort(), documentedFields('## Handshake'));
  for (const handshake of report.handshakes) for (const step of handshake.path) assert.deepEqual(Object.keys(step).sort(), ['capture', 'client', 'firstSynTime', 'replied', 'seen', 'side']);
  assert.ok(report.handshakes.some((h: { cause: string | null }) => h.cause === 'dropped-at-node'));

  const pair = JSON.parse(runCli(['analyze', `${PATH_DROPS}/pod-a.pcap`, '--server', `${PATH_DROPS}/server-side.pcap`, '--format', 'json']).stdout);
  for (const capture of pair.captures) assert.ok(!('offsetMs' in capture));
  for (const handshake of pair.handshakes) assert.ok(!('path' in handshake));
});

test('the table shows the path of each failed attempt along a path, in English and Chinese', () => {
  const captures = ['pod-a.pcap', 'pod-b.pcap', 'node-any.pcap', 'server-side.pcap'].map((name) => `${PATH_DROPS}/${name}`);
  const table = runCli(['analyze', ...captures, '--failed']).stdout;
  assert.match(table.split('\n')[0], /CAUSE\s+PATH$/);
  assert.match(table, /dropped-at-node \(high\) +pod-a ✓ → node-any \(before NAT\) ✓ → node-any \(after NAT\) ✗ → server-side ✗/);
  const chinese = runCli(['analyze', ...captures, '--failed', '--lang', 'zh-cn']).stdout;
  assert.match(chinese, /pod-a ✓ → node-any \(NAT 之前\) ✓ → node-any \(NAT 之后\) ✗ → server-side ✗/);
  const markdown = runCli(['analyze', ...captures, '--failed', '--format', 'markdown']).stdout;
  assert.match(markdown, /\| dropped-at-node \(high\) \| pod-a ✓ → node-any \(before NAT\) ✓ → node-any \(after NAT\) ✗ → server-side ✗ \|/);
});
