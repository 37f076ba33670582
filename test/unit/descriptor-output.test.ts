/**
 * Standard output redirected to a file is written through one reused buffer (src/node/descriptorOutput.ts):
 * the file holds exactly the UTF-8 of what was written, in order, whatever the texts' lengths and
 * characters; anything but a regular file keeps process.stdout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DescriptorOutput, regularFileOutput } from '../../src/node/descriptorOutput.js';
import { builtCli, runCli } from './cliRun.js';

const ROOT = resolve(__dirname, '../..');

function written(texts: readonly string[]): Buffer {
  const folder = mkdtempSync(join(tmpdir(), 'hl-descriptor-'));
  const path = join(folder, 'out.json');
  const descriptor = openSync(path, 'w');
  try {
    const output = new DescriptorOutput(descriptor);
    for (const text of texts) output.write(text);
  } finally {
    closeSync(descriptor);
  }
  const bytes = readFileSync(path);
  rmSync(folder, { recursive: true });
  return bytes;
}

test('the file holds the UTF-8 of every text in order: ASCII, CJK, a surrogate pair, an empty text', () => {
  const texts = ['{"rows": [', '诊断：SYN 被丢弃', '', '😀 ok', '\n]}\n'];
  assert.deepEqual(written(texts), Buffer.from(texts.join(''), 'utf8'));
});

test('a text too long for the buffer, and buffers of texts one after another, come out whole', () => {
  const long = '界'.repeat(400_000) + 'x'.repeat(300_000);
  const many = Array.from({ length: 50 }, (_, i) => `${i}:${'é'.repeat(20_000 + i)}`);
  const texts = [long, ...many, long];
  assert.deepEqual(written(texts), Buffer.from(texts.join(''), 'utf8'));
});

test('only a regular file is written directly: a character device keeps the stream', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hl-descriptor-'));
  const file = openSync(join(folder, 'out'), 'w');
  const device = openSync('/dev/null', 'w');
  try {
    assert.ok(regularFileOutput(file) instanceof DescriptorOutput);
    assert.equal(regularFileOutput(device), null);
  } finally {
    closeSync(file);
    closeSync(device);
    rmSync(folder, { recursive: true });
  }
});

test('the command line writes the same bytes to a file as to a pipe, in Chinese too', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hl-descriptor-'));
  try {
    for (const args of [['analyze', 'samples/story-client.pcap', '--server', 'samples/story-server.pcap', '--format', 'json', '--lang', 'zh-cn'], ['analyze', 'samples/refused-and-unanswered.pcap']]) {
      const piped = runCli(args);
      const path = join(folder, 'out');
      const descriptor = openSync(path, 'w');
      let status: number | null;
      try {
        status = spawnSync(process.execPath, [builtCli(), ...args], { cwd: ROOT, stdio: ['ignore', descriptor, 'pipe'], env: { PATH: process.env.PATH, LANG: 'C' } }).status;
      } finally {
        closeSync(descriptor);
      }
      assert.equal(status, piped.status);
      assert.ok(piped.stdout.length > 1000);
      assert.equal(readFileSync(path, 'utf8'), piped.stdout);
    }
  } finally {
    rmSync(folder, { recursive: true });
  }
});
