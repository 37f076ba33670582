import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCounters, hoverCounters, Severity } from '../../src/server/artifacts/index.js';
import { readCounters } from '../../src/analyzer/evidence/counterReadings.js';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/artifacts', name), 'utf8');
/** The story's server: tcp_tw_recycle on, 173495 SYNs to LISTEN sockets dropped. */
const STORY_NETSTAT = fixture('netstat-s-3.10.txt');
/** A busy server whose application accepts too slowly. */
const OVERFLOW_NETSTAT = fixture('netstat-s-4.19.txt');
const STORY_NSTAT = fixture('nstat-story-server.txt');

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const hoverText = (hover: ReturnType<typeof hoverCounters>) => (hover?.contents as { value: string } | undefined)?.value ?? '';

test('netstat -s sentences and Name: value lines are read in their sections', () => {
  const readings = readCounters(STORY_NETSTAT);
  assert.deepEqual(readings.map((r) => [r.id, r.value]), [
    ['OutNoRoutes', 341], ['AttemptFails', 215], ['OutRsts', 34617], ['SyncookiesFailed', 6], ['PAWSPassive', 173412], ['PAWSEstab', 12],
    ['ListenOverflows', 83], ['ListenDrops', 173495], ['TCPBacklogDrop', 135], ['TCPChallengeACK', 1186], ['TCPSynRetrans', 1127],
  ]);
  const drops = readings.find((r) => r.id === 'ListenDrops');
  const line = lineOf(STORY_NETSTAT, 'SYNs to LISTEN sockets dropped');
  assert.deepEqual(drops?.range, range(line, 4, 41));
  assert.equal(readings.every((r) => r.shape === 'netstat'), true);
});

test('the story: ListenDrops far above ListenOverflows with PAWSPassive > 0 blames tcp_tw_recycle', () => {
  const diagnostics = analyzeCounters(STORY_NETSTAT, 'en');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [
    ['no-route', Severity.Information],
    ['syncookies-failed', Severity.Information],
    ['paws-passive', Severity.Error],
    ['paws-established', Severity.Information],
    ['listen-overflows', Severity.Warning],
    ['listen-drops-paws', Severity.Error],
    ['backlog-drop', Severity.Information],
  ]);
  const drops = diagnostics.find((d) => d.code === 'listen-drops-paws');
  assert.match(drops?.message ?? '', /^173,495 SYNs to listening sockets dropped since boot \(ListenDrops\); accept queue overflows: 83, rejected by timestamp: 173,412\./);
  assert.match(drops?.message ?? '', /tcp_tw_recycle is the likely cause/);
  const paws = diagnostics.find((d) => d.code === 'paws-passive');
  const line = lineOf(STORY_NETSTAT, 'passive connections rejected');
  assert.deepEqual(paws?.range, range(line, 4, 61));
  assert.match(paws?.message ?? '', /net\.ipv4\.tcp_tw_recycle = 0/);
  const noRoute = diagnostics.find((d) => d.code === 'no-route');
  assert.deepEqual(noRoute?.range, range(lineOf(STORY_NETSTAT, 'missing route'), 4, 40));
  assert.match(noRoute?.message ?? '', /^341 outgoing packets were dropped/);
  assert.deepEqual(diagnostics.find((d) => d.code === 'backlog-drop')?.range, range(lineOf(STORY_NETSTAT, 'TCPBacklogDrop'), 4, 23));
});

test('ListenOverflows about equal to ListenDrops is an accept queue overflow', () => {
  const diagnostics = analyzeCounters(OVERFLOW_NETSTAT, 'en');
  assert.deepEqual(diagnostics.map((d) => d.code), ['syncookies-sent', 'syncookies-failed', 'paws-established', 'listen-overflows', 'listen-drops-overflow']);
  const drops = diagnostics.find((d) => d.code === 'listen-drops-overflow');
  assert.equal(drops?.severity, Severity.Warning);
  assert.match(drops?.message ?? '', /accept queue overflows: 48,211, rejected by timestamp: not shown/);
  assert.match(drops?.message ?? '', /net\.core\.somaxconn/);
});

test('drops neither overflows nor timestamps explain get the other causes', () => {
  const text = 'TcpExt:\n    20 times the listen queue of a socket overflowed\n    900 SYNs to LISTEN sockets ignored\n    TCPReqQFullDrop: 880\n';
  const diagnostics = analyzeCounters(text, 'en');
  assert.deepEqual(diagnostics.map((d) => d.code), ['listen-overflows', 'listen-drops-other', 'syn-queue-full-drop']);
  assert.match(diagnostics[1].message, /TCPReqQFullDrop/);
});

test('nstat rows: the delta of the story server', () => {
  const diagnostics = analyzeCounters(STORY_NSTAT, 'en');
  assert.deepEqual(diagnostics.map((d) => d.code), ['paws-passive', 'listen-drops-paws', 'backlog-drop']);
  const line = lineOf(STORY_NSTAT, 'TcpExtPAWSPassive');
  assert.deepEqual(diagnostics[0].range, range(line, 0, 34));
  assert.match(diagnostics[0].message, /^14 SYNs were rejected in this nstat reading/);
  assert.match(diagnostics[1].message, /accept queue overflows: not shown, rejected by timestamp: 14/);
});

test('nstat --json and /proc/net/netstat are read too', () => {
  const json = '{"kernel":{"TcpExtPAWSPassive":3,"TcpExtListenDrops":3,"TcpExtListenOverflows":0}}';
  assert.deepEqual(analyzeCounters(json, 'en').map((d) => [d.code, d.range]), [
    ['paws-passive', range(0, 11, 32)], ['listen-drops-paws', range(0, 33, 54)],
  ]);
  const proc = [
    'TcpExt: SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSPassive PAWSActive PAWSEstab DelayedACKs DelayedACKLocked DelayedACKLost ListenOverflows ListenDrops',
    'TcpExt: 0 0 6 3521 218 0 0 11 0 0 62711830 0 0 173412 0 12 6254107 1822 119864 83 173495',
    'IpExt: InNoRoutes InTruncatedPkts InMcastPkts',
    'IpExt: 0 0 2',
  ].join('\n');
  const readings = readCounters(proc);
  assert.deepEqual(readings.map((r) => [r.id, r.value, r.shape]), [
    ['SyncookiesSent', 0, 'proc'], ['SyncookiesRecv', 0, 'proc'], ['SyncookiesFailed', 6, 'proc'], ['TWRecycled', 0, 'proc'],
    ['PAWSPassive', 173412, 'proc'], ['PAWSActive', 0, 'proc'], ['PAWSEstab', 12, 'proc'], ['ListenOverflows', 83, 'proc'], ['ListenDrops', 173495, 'proc'],
  ]);
  const paws = readings.find((r) => r.id === 'PAWSPassive');
  const header = proc.split('\n')[0];
  const values = proc.split('\n')[1];
  assert.deepEqual(paws?.labelRange, range(0, header.indexOf('PAWSPassive'), header.indexOf('PAWSPassive') + 11));
  assert.deepEqual(paws?.range, range(1, values.indexOf('173412'), values.indexOf('173412') + 6));
  assert.equal(analyzeCounters(proc, 'en').find((d) => d.code === 'listen-drops-paws')?.severity, Severity.Error);
  assert.match(hoverText(hoverCounters(proc, 0, header.indexOf('PAWSPassive') + 2, 'en')), /\*\*TcpExtPAWSPassive\*\* = 173,412/);
});

test('two pasted readings are judged separately', () => {
  const before = 'TcpExtListenDrops 10 0.0\nTcpExtListenOverflows 10 0.0\n';
  const after = 'TcpExtListenDrops 500 0.0\nTcpExtListenOverflows 10 0.0\nTcpExtPAWSPassive 490 0.0\n';
  const codes = analyzeCounters(before + after, 'en').filter((d) => d.code.startsWith('listen-drops')).map((d) => d.code);
  assert.deepEqual(codes, ['listen-drops-overflow', 'listen-drops-paws']);
});

test('zero counters are quiet', () => {
  assert.deepEqual(analyzeCounters('#kernel\nTcpExtPAWSPassive 0 0.0\nTcpExtListenDrops 0 0.0\n', 'en'), []);
});

test('Chinese messages', () => {
  const diagnostics = analyzeCounters(STORY_NETSTAT, 'zh-cn');
  assert.match(diagnostics.find((d) => d.code === 'listen-drops-paws')?.message ?? '', /^自开机以来监听套接字共丢弃了 173,495 个 SYN（ListenDrops）；其中全连接队列溢出：83，因时间戳被拒绝：173,412。/);
  assert.match(diagnostics.find((d) => d.code === 'paws-passive')?.message ?? '', /tcp_tw_recycle = 1/);
});

test('hover on a counter: what it counts, its part in handshakes, since when', () => {
  const line = lineOf(STORY_NETSTAT, 'SYNs to LISTEN sockets dropped');
  const hover = hoverCounters(STORY_NETSTAT, line, 10, 'en');
  assert.deepEqual(hover?.range, range(line, 4, 41));
  const value = hoverText(hover);
  assert.match(value, /^\*\*TcpExtListenDrops\*\* = 173,495/);
  assert.match(value, /PAWSPassive > 0 means tcp_tw_recycle/);
  assert.match(value, /counts since boot/);
  assert.equal(hoverCounters(STORY_NETSTAT, line, 2, 'en'), null, 'the indentation');
  assert.equal(hoverCounters(STORY_NETSTAT, 1, 8, 'en'), null, 'a counter outside the catalogue');
  assert.match(hoverText(hoverCounters(STORY_NSTAT, lineOf(STORY_NSTAT, 'TcpExtPAWSPassive'), 3, 'zh-cn')), /nstat 显示的是自上次运行以来的增量/);
});

test('with an open capture, the hover relates the counter to it', () => {
  const line = lineOf(STORY_NSTAT, 'TcpExtPAWSPassive');
  const context = { captureName: 'story-server.pcap', unansweredSyns: 14, pawsPredictedDrops: 14 };
  assert.match(hoverText(hoverCounters(STORY_NSTAT, line, 3, 'en', context)),
    /The open capture story-server\.pcap shows 14 SYNs answered by nothing; the PAWS replay predicts 14 of them\.$/);
  assert.match(hoverText(hoverCounters(STORY_NSTAT, line, 3, 'zh-cn', context)),
    /打开的抓包 story-server\.pcap 中有 14 个 SYN 没有得到任何应答；PAWS 重放预计其中 14 个被丢弃。$/);
  assert.match(hoverText(hoverCounters(STORY_NSTAT, line, 3, 'en', { unansweredSyns: 0 })), /The open capture shows no SYN left unanswered\.$/);
  assert.match(hoverText(hoverCounters(STORY_NSTAT, line, 3, 'en', { pawsPredictedDrops: 1 })), /The PAWS replay of the open capture predicts 1 dropped SYN\.$/);
  const backlog = lineOf(STORY_NSTAT, 'TcpExtTCPBacklogDrop');
  assert.doesNotMatch(hoverText(hoverCounters(STORY_NSTAT, backlog, 3, 'en', context)), /open capture/, 'not a SYN drop counter');
});

test('garbage never throws', () => {
  const garbage = ['', 'Ip:', 'TcpExt:\n    ', 'TcpExt: a b\nTcpExt: 1', '{"kernel":', 'TcpExtListenDrops 99999999999999999999999', '\u0000'.repeat(1000), 'Ip:\r\n    341 dropped because of missing route\r\n'];
  for (const text of garbage) {
    assert.doesNotThrow(() => analyzeCounters(text, 'zh-cn'));
    assert.doesNotThrow(() => hoverCounters(text, 1, 5, 'en', {}));
  }
  assert.equal(analyzeCounters(garbage.at(-1)!, 'en')[0].code, 'no-route');
});
