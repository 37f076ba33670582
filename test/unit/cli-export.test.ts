/** `handshake-lens export`: the file it writes, its one line on stdout, and its usage and file errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mixedCapture, runCli, writeFiles } from './cliRun.js';
import { open, readAll } from './captureFixtures.js';

const USAGE_LINE = /^handshake-lens: (.+)\nTry 'handshake-lens --help'\.\n$/;

function outputBeside(capture: string): string {
  return join(dirname(capture), 'out.pcapng');
}

test('export --failed writes the failed attempts\' packets and says how many', () => {
  const capture = mixedCapture();
  const output = outputBeside(capture);
  const result = runCli(['export', capture, '--failed', '-o', output]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  // The refused attempt (SYN, RST) and the unanswered one (two SYNs).
  assert.equal(result.stdout, `wrote 4 packets of 2 attempts to ${output}\n`);
  const reader = open(readFileSync(output), undefined, output);
  assert.equal(readAll(reader).length, 4);
  assert.ok(reader.info.comments.includes('Handshake Lens: attempts 2, 3 of mixed.pcap'), reader.info.comments.join(' | '));
  assert.deepEqual(readdirSync(dirname(capture)).sort(), ['mixed.pcap', 'out.pcapng'], 'no temporary file is left');
});

test('export --attempts picks attempts by id, in Chinese too', () => {
  const capture = mixedCapture();
  const output = outputBeside(capture);
  const result = runCli(['export', capture, '--attempts', '1,4', '--output', output, '--lang', 'zh-cn']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, `已把 2 次连接尝试的 7 个数据包写入 ${output}\n`);
});

test('an id the capture does not have is one line, exit 2, and the output is left as it was', () => {
  const capture = mixedCapture();
  const output = outputBeside(capture);
  writeFileSync(output, 'earlier export');
  const result = runCli(['export', capture, '--attempts', '2,42', '-o', output]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, `handshake-lens: ${capture}: no attempt 42 in this capture\n`);
  assert.equal(readFileSync(output, 'utf8'), 'earlier export');
  assert.deepEqual(readdirSync(dirname(capture)).sort(), ['mixed.pcap', 'out.pcapng']);
});

test('usage errors of export: selection, output, ids, options of analyze', () => {
  const capture = mixedCapture();
  const output = outputBeside(capture);
  const cases: [string[], string][] = [
    [['export', capture, '-o', output], 'export needs either --failed or --attempts <ids>'],
    [['export', capture, '--failed', '--attempts', '1', '-o', output], 'export needs either --failed or --attempts <ids>'],
    [['export', capture, '--failed'], 'export needs -o <file.pcapng>'],
    [['export', capture, '--attempts', '1,x', '-o', output], "--attempts must be attempt ids separated by commas, such as 3,7,12, not '1,x'"],
    [['export', capture, '--attempts', '0', '-o', output], "--attempts must be attempt ids separated by commas, such as 3,7,12, not '0'"],
    [['export', capture, '--failed', '--format', 'json', '-o', output], '--format does not apply to export'],
    [['analyze', capture, '-o', output], '--output does not apply to analyze'],
    [['export'], 'export needs a capture file'],
  ];
  for (const [args, message] of cases) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(USAGE_LINE.exec(result.stderr)?.[1], message, args.join(' '));
  }
  assert.equal(existsSync(output), false);
});

test('an output that cannot be written and a capture that cannot be read are one line each', () => {
  const capture = mixedCapture();
  const unwritable = runCli(['export', capture, '--failed', '-o', '/no/such/dir/out.pcapng']);
  assert.equal(unwritable.status, 2);
  assert.equal(unwritable.stderr, 'handshake-lens: /no/such/dir/out.pcapng: cannot write: no such file at byte 0\n');
  const { notes } = writeFiles({ notes: 'not a capture at all' });
  const unreadable = runCli(['export', notes, '--failed', '-o', outputBeside(notes)]);
  assert.equal(unreadable.status, 2);
  assert.match(unreadable.stderr, /^handshake-lens: .+notes: .+ at byte 0\n$/);
  assert.equal(existsSync(outputBeside(notes)), false);
});

test('--help shows the export command', () => {
  const result = runCli(['--help']);
  assert.match(result.stdout, /handshake-lens export <capture> --failed\|--attempts <ids> -o <file\.pcapng>/);
});
