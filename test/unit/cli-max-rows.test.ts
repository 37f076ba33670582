/**
 * The row limit as the user sets it: `--max-rows N` on the command line (validated: a bad value is one
 * line and exit 2) and `handshakeLens.maxRows` in VS Code, which the host hands to the language server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node.js';
import { DEFAULT_ROW_LIMIT, rowLimitSetting } from '../../src/analyzer/rowLimit.js';
import { AnalyzeCaptureRequest, ForgetCaptureNotification } from '../../src/shared/lspExtensions.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { runCli } from './cliRun.js';
import { ServerClient } from './serverClient.js';

const ATTEMPTS = 300;

function withFlood(body: (path: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-rows-'));
    try {
      const path = join(directory, 'flood.pcap');
      writeSynOnlyCapture(path, ATTEMPTS);
      await body(path);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };
}

test('the default row limit is ten million, in the analyzer and in the setting VS Code shows', () => {
  assert.equal(DEFAULT_ROW_LIMIT, 10_000_000);
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['handshakeLens.maxRows'];
  assert.deepEqual([setting.type, setting.default, setting.minimum], ['integer', DEFAULT_ROW_LIMIT, 1]);
});

test('--max-rows N lists the first N attempts, counts the rest and says the limit', withFlood((path) => {
  for (const args of [['--max-rows', '120'], ['--max-rows=120']]) {
    const result = runCli(['analyze', path, '--format', 'json', ...args]);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.handshakes.map((h: { id: number }) => h.id), Array.from({ length: 120 }, (_, i) => i + 1));
    assert.equal(report.captures[0].summary.attempts, ATTEMPTS);
    const limits = report.captures[0].warnings.filter((w: { code: string }) => w.code === 'attempts-limit');
    assert.equal(limits.length, 1);
    assert.match(limits[0].message, /^120 connection attempts are listed \(the limit\); 180 more /);
  }
  const csv = runCli(['analyze', path, '--format', 'csv', '--max-rows', '7']);
  assert.equal(csv.stdout.split('\r\n').length, 1 + 7 + 1, 'header, seven rows, the final CRLF');
}));

test('without --max-rows, and at a limit above the attempts, every attempt is a row and nothing is said', withFlood((path) => {
  for (const args of [[], ['--max-rows', String(ATTEMPTS)]]) {
    const report = JSON.parse(runCli(['analyze', path, '--format', 'json', ...args]).stdout);
    assert.equal(report.handshakes.length, ATTEMPTS);
    assert.deepEqual(report.captures[0].warnings.filter((w: { code: string }) => w.code === 'attempts-limit'), []);
  }
}));

test('a bad --max-rows is one line naming the option and the value, then the hint, exit 2', () => {
  for (const value of ['0', '-5', '1.5', '1e6', 'ten', '', '0x10', '99999999999999999999']) {
    const result = runCli(['analyze', 'whatever.pcap', `--max-rows=${value}`]);
    assert.equal(result.status, 2, value);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `handshake-lens: --max-rows must be a whole number of at least 1, not '${value}'\nTry 'handshake-lens --help'.\n`);
  }
  const missing = runCli(['analyze', 'whatever.pcap', '--max-rows']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^handshake-lens: --max-rows needs a value\n/);
  const chinese = runCli(['analyze', 'whatever.pcap', '--max-rows', 'x', '--lang', 'zh-cn']);
  assert.match(chinese.stderr, /^handshake-lens: --max-rows 必须是不小于 1 的整数, 而不是 'x'\n/);
});

test('--help describes --max-rows and its default, in both languages', () => {
  assert.match(runCli(['--help']).stdout, /--max-rows <N> +list at most the first N connection attempts of a capture \(default 10000000\)/);
  assert.match(runCli(['--help', '--lang', 'zh-cn']).stdout, /--max-rows <N> +每个抓包最多列出前 N 次连接尝试 \(默认 10000000\)/);
});

test('a setting is a positive whole number, anything else is the default', () => {
  assert.equal(rowLimitSetting(5), 5);
  for (const value of [undefined, null, 0, -1, 2.5, '100', Number.NaN, Infinity, 2 ** 60]) assert.equal(rowLimitSetting(value), DEFAULT_ROW_LIMIT, String(value));
});

test('handshakeLens.maxRows reaches the language server, at start and when it changes', { timeout: 60_000 }, withFlood(async (path) => {
  const lsp = await ServerClient.start({ explanationLanguage: 'en', maxRows: 50 });
  try {
    const uri = pathToFileURL(path).toString();
    const first = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
    assert.equal(first.totalHandshakes, 50);
    assert.ok(first.capture.warnings.some((w) => w.code === 'attempts-limit' && w.message.startsWith('50 connection attempts are listed')));
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { handshakeLens: { maxRows: 200 } } });
    await lsp.connection.sendNotification(ForgetCaptureNotification.type, { uri }); // the editor closed; it is read again when reopened
    const second = await lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
    assert.equal(second.totalHandshakes, 200);
  } finally {
    await lsp.stop();
  }
}));
