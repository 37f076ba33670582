import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixedCapture, runCli, writeFiles } from './cliRun.js';
import { pcapOf } from './captureFile.js';
import { mixedSteps } from './cliRun.js';

const ERROR_LINE = /^handshake-lens: (.+?): (.+) at byte (\d+)\n$/;

test('an analysed capture exits 0, failures or not', () => {
  const result = runCli(['analyze', mixedCapture()]);
  assert.equal(result.status, 0);
  assert.equal(result.stderr, '');
});

test('a missing file is one line naming it, exit 2', () => {
  const result = runCli(['analyze', '/no/such/capture.pcap']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, ERROR_LINE);
  assert.equal(ERROR_LINE.exec(result.stderr)![1], '/no/such/capture.pcap');
});

test('a file that is not a capture is one line with the reason and the byte, exit 2, no stack trace', () => {
  const { notes, empty } = writeFiles({ notes: 'just some text, not packets', empty: '' });
  for (const path of [notes, empty]) {
    const result = runCli(['analyze', path]);
    assert.equal(result.status, 2, result.stderr);
    const match = ERROR_LINE.exec(result.stderr);
    assert.ok(match, result.stderr);
    assert.deepEqual([match[1], match[3]], [path, '0']);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test('an unreadable server capture fails the same way', () => {
  const result = runCli(['analyze', mixedCapture(), '--server', '/no/such/server.pcap']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^handshake-lens: \/no\/such\/server\.pcap: .+ at byte 0\n$/);
});

test('a capture cut short is still analysed, with a warning', () => {
  const bytes = pcapOf(mixedSteps());
  const { cut } = writeFiles({ cut: bytes.subarray(0, bytes.length - 20) });
  const result = runCli(['analyze', cut, '--format', 'json']);
  assert.equal(result.status, 0);
  assert.ok(JSON.parse(result.stdout).captures[0].warnings.length >= 1);
});

test('usage mistakes exit 2 with the reason and a hint', () => {
  for (const args of [[], ['analyze'], ['frobnicate', 'x'], ['analyze', 'x.pcap', '--format', 'xml'], ['analyze', 'x.pcap', '--bogus'], ['analyze', 'x.pcap', '--server'], ['export', 'a', 'b', '--failed', '-o', 'x.pcapng']]) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0], /^handshake-lens: /);
    assert.match(lines[1], /--help/);
  }
});

test('several captures are a path: one that cannot be read is named, exit 2', () => {
  const result = runCli(['analyze', 'test/fixtures/real/path-drops/pod-a.pcap', 'no-such-capture.pcap']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^handshake-lens: .*no-such-capture\.pcap/);
});

test('--help and --version', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: handshake-lens analyze <capture>/);
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('--lang zh-cn and a Chinese locale translate the messages', () => {
  assert.match(runCli(['--help', '--lang', 'zh-cn']).stdout, /^用法/);
  assert.match(runCli(['--help'], { LANG: 'zh_CN.UTF-8' }).stdout, /^用法/);
  assert.match(runCli(['analyze'], { LC_ALL: 'zh_CN.UTF-8' }).stderr, /需要/);
  assert.match(runCli(['--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }).stdout, /^usage/);
});
