import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSysctl, hoverSysctl, quickFixes, Severity } from '../../src/server/artifacts/index.js';
import { readSysctl } from '../../src/analyzer/evidence/sysctlFile.js';

const SYSCTL_CONF = readFileSync(join(__dirname, '../fixtures/artifacts/sysctl.conf'), 'utf8');
/** Zero-based line of the fixture's tcp_tw_recycle and tcp_timestamps settings. */
const RECYCLE_LINE = 13;
const TIMESTAMPS_LINE = 11;

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

test('every syntax sysctl accepts is read, comments and stray lines are skipped', () => {
  const text = [
    '# comment', '; also a comment', '', 'net.core.somaxconn=4096', '  -net.ipv4.tcp_tw_recycle = 0',
    'net/ipv4/conf/eth0.100/rp_filter = 2', 'sysctl: permission denied on key \'fs.protected_hardlinks\'', 'net.ipv4.tcp_fin_timeout =',
  ].join('\n');
  const settings = readSysctl(text);
  assert.deepEqual(settings.map((s) => [s.line, s.key, s.value, s.ignoreErrors]), [
    [3, 'net.core.somaxconn', '4096', false],
    [4, 'net.ipv4.tcp_tw_recycle', '0', true],
    [5, 'net.ipv4.conf.eth0/100.rp_filter', '2', false],
    [7, 'net.ipv4.tcp_fin_timeout', '', false],
  ]);
  assert.deepEqual(settings[1].keyRange, range(4, 3, 26));
  assert.deepEqual(settings[1].valueRange, range(4, 29, 30));
  assert.deepEqual(settings[0].valueRange, range(3, 19, 23));
});

test('tcp_tw_recycle = 1 is an error over the whole setting, with a quick fix setting it to 0', () => {
  const diagnostics = analyzeSysctl(SYSCTL_CONF, 'en');
  const enabled = diagnostics.find((d) => d.code === 'tw-recycle-enabled');
  assert.ok(enabled);
  assert.equal(enabled.severity, Severity.Error);
  assert.equal(enabled.source, 'Handshake Lens');
  assert.deepEqual(enabled.range, range(RECYCLE_LINE, 0, 27));
  assert.match(enabled.message, /TCP timestamps are on \(line 12\)/);
  assert.match(enabled.message, /NAT/);
  assert.deepEqual(enabled.fixes, [{ title: 'Set net.ipv4.tcp_tw_recycle to 0', edits: [{ range: range(RECYCLE_LINE, 26, 27), newText: '0' }] }]);
});

test('the key removed in Linux 4.12 is a warning on the key, with a fix removing the line', () => {
  const removed = analyzeSysctl(SYSCTL_CONF, 'en').find((d) => d.code === 'tw-recycle-removed');
  assert.ok(removed);
  assert.equal(removed.severity, Severity.Warning);
  assert.deepEqual(removed.range, range(RECYCLE_LINE, 0, 23));
  assert.match(removed.message, /4\.12/);
  assert.deepEqual(removed.fixes?.[0].edits, [{ range: { start: { line: RECYCLE_LINE, character: 0 }, end: { line: RECYCLE_LINE + 1, character: 0 } }, newText: '' }]);
});

test('tcp_timestamps is flagged as what arms the recycle check', () => {
  const diagnostics = analyzeSysctl(SYSCTL_CONF, 'en');
  const armed = diagnostics.find((d) => d.code === 'timestamps-feed-tw-recycle');
  assert.ok(armed);
  assert.equal(armed.severity, Severity.Information);
  assert.deepEqual(armed.range, range(TIMESTAMPS_LINE, 0, 27));
  assert.match(armed.message, /line 14/);
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['timestamps-feed-tw-recycle', 'tw-recycle-enabled', 'tw-recycle-removed']);
});

test('without a tcp_timestamps line the default (on) is named', () => {
  const [enabled] = analyzeSysctl('net.ipv4.tcp_tw_recycle=1\n', 'en');
  assert.equal(enabled.code, 'tw-recycle-enabled');
  assert.match(enabled.message, /on by default/);
  assert.deepEqual(enabled.range, range(0, 0, 25));
});

test('timestamps off disarms tcp_tw_recycle: a warning, not an error', () => {
  const diagnostics = analyzeSysctl('net.ipv4.tcp_timestamps = 0\nnet.ipv4.tcp_tw_recycle = 2\n', 'en');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['tw-recycle-without-timestamps', Severity.Warning], ['tw-recycle-removed', Severity.Warning]]);
  assert.match(diagnostics[0].message, /line 1/);
});

test('tcp_tw_recycle = 0 only carries the removal warning; with "-" it is information', () => {
  assert.deepEqual(analyzeSysctl('net.ipv4.tcp_tw_recycle = 0', 'en').map((d) => [d.code, d.severity]), [['tw-recycle-removed', Severity.Warning]]);
  const [ignored] = analyzeSysctl('-net.ipv4.tcp_tw_recycle = 0', 'en');
  assert.equal(ignored.severity, Severity.Information);
  assert.deepEqual(ignored.range, range(0, 1, 24));
  assert.match(ignored.message, /"-"/);
  // The only line: removing it empties the line rather than reaching into a line that does not exist.
  assert.deepEqual(ignored.fixes?.[0].edits[0].range, range(0, 0, 28));
});

test('slash-separated keys and sysctl -a output are understood', () => {
  const [enabled] = analyzeSysctl('net/ipv4/tcp_tw_recycle = 1', 'en');
  assert.equal(enabled.code, 'tw-recycle-enabled');
  const sysctlA = 'net.ipv4.tcp_timestamps = 1\nnet.ipv4.tcp_tw_recycle = 1\nnet.ipv4.tcp_tw_reuse = 0\n';
  assert.deepEqual(analyzeSysctl(sysctlA, 'en').map((d) => d.code).sort(), ['timestamps-feed-tw-recycle', 'tw-recycle-enabled', 'tw-recycle-removed']);
});

test('messages and fix titles exist in Simplified Chinese', () => {
  const diagnostics = analyzeSysctl(SYSCTL_CONF, 'zh-cn');
  const enabled = diagnostics.find((d) => d.code === 'tw-recycle-enabled');
  assert.match(enabled?.message ?? '', /第 12 行/);
  assert.match(enabled?.message ?? '', /NAT 后面客户端的 SYN/);
  assert.equal(enabled?.fixes?.[0].title, '将 net.ipv4.tcp_tw_recycle 设为 0');
  assert.match(diagnostics.find((d) => d.code === 'tw-recycle-removed')?.message ?? '', /Linux 4\.12/);
});

test('quickFixes recomputes the fix for a diagnostic sent back by the client', () => {
  const [fix] = quickFixes(SYSCTL_CONF, { code: 'tw-recycle-enabled', range: range(RECYCLE_LINE, 0, 27) });
  assert.deepEqual(fix.edits, [{ range: range(RECYCLE_LINE, 26, 27), newText: '0' }]);
  assert.equal(quickFixes(SYSCTL_CONF, { code: 'tw-recycle-enabled', range: range(RECYCLE_LINE - 1, 0, 27) }).length, 0, 'stale range');
  assert.equal(quickFixes(SYSCTL_CONF, { code: 'tw-recycle-removed', range: range(RECYCLE_LINE, 0, 23) }, 'zh-cn')[0].title, '删除 net.ipv4.tcp_tw_recycle 这一行');
});

test('hovering a key that matters says what it does, its default and the value set here', () => {
  const hover = hoverSysctl(SYSCTL_CONF, RECYCLE_LINE, 12, 'en');
  assert.ok(hover);
  assert.deepEqual(hover.range, range(RECYCLE_LINE, 0, 23));
  const value = (hover.contents as { kind: string; value: string }).value;
  assert.match(value, /^\*\*net\.ipv4\.tcp_tw_recycle\*\*/);
  assert.match(value, /Default: 0/);
  assert.match(value, /Set here to: `1`/);
  assert.match(value, /Removed in Linux 4\.12/);
});

test('hovers cover every connection set-up key of the fixture, on the key and on the value', () => {
  const expected: Array<[number, RegExp]> = [
    [9, /rp_filter/], [10, /SYN cookies/], [11, /RFC 7323/], [12, /TIME-WAIT/], [14, /FIN-WAIT-2/], [15, /SYN queue/],
    [16, /TIME-WAIT/], [17, /32768 60999/], [18, /accept queue/], [19, /conntrack/], [20, /SYN-ACK/],
  ];
  for (const [line, pattern] of expected) {
    const hover = hoverSysctl(SYSCTL_CONF, line, 5, 'en');
    assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', pattern, `line ${line}`);
    const valueColumn = SYSCTL_CONF.split('\n')[line].lastIndexOf(' ') + 1;
    assert.ok(hoverSysctl(SYSCTL_CONF, line, valueColumn, 'en'), `value of line ${line}`);
  }
  assert.equal(hoverSysctl(SYSCTL_CONF, 4, 3, 'en'), null, 'kernel.sysrq is not about connections');
  assert.equal(hoverSysctl(SYSCTL_CONF, 0, 3, 'en'), null, 'comment');
  assert.equal(hoverSysctl(SYSCTL_CONF, 99, 0, 'en'), null, 'past the end');
});

test('net.nf_conntrack_max and per-interface rp_filter have hovers in Chinese', () => {
  const conntrack = hoverSysctl('net.nf_conntrack_max = 65536', 0, 4, 'zh-cn');
  assert.match((conntrack?.contents as { value: string }).value, /默认值：|默认值: /);
  const rp = hoverSysctl('net.ipv4.conf.eth0.rp_filter = 1', 0, 20, 'zh-cn');
  assert.match((rp?.contents as { value: string }).value, /反向路径过滤/);
});

test('garbage never throws', () => {
  const garbage = ['', '=', '==== =', '-', '-=1', '\u0000\uFFFF = \uD800', 'a'.repeat(100_000), '\r\n\r\n=\r', '#=1\n;=2\n net.ipv4.tcp_tw_recycle'];
  for (const text of garbage) {
    assert.doesNotThrow(() => analyzeSysctl(text, 'en'));
    assert.doesNotThrow(() => hoverSysctl(text, 0, 1, 'zh-cn'));
    assert.doesNotThrow(() => quickFixes(text, { code: 'tw-recycle-enabled', range: range(0, 0, 1) }));
  }
});
