/**
 * `handshake-lens export` from a capture set: the packets of the attempts from every file of a wrapped
 * ring, in the set's time order, the same frames as exporting the file the ring was cut from, and as
 * exporting what `mergecap -a` makes of the ring's files in that order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { open, readAll, type RecordSnapshot } from './captureFixtures.js';
import { rotated } from './captureRing.js';
import { runCli, writeFiles } from './cliRun.js';

const CLIENT = readFileSync('samples/story-client.pcap');
/** The ring's oldest file: its numbering wrapped, so names and time order differ. */
const OLDEST = 7;

function ring(): Record<string, string> {
  const files: Record<string, Uint8Array> = {};
  rotated(CLIENT, 10).forEach((file, index) => (files[`cap.pcap${(index + OLDEST) % 10}.gz`] = gzipSync(file)));
  return writeFiles(files);
}

/** Time, lengths and bytes of each exported frame, in file order. */
function frames(path: string): string[] {
  return readAll(open(readFileSync(path), undefined, path)).map((record: RecordSnapshot) =>
    `${record.timeSec}.${String(record.timeNs).padStart(9, '0')} ${record.originalLength} ${record.capturedLength} ${Buffer.from(record.data).toString('hex')}`);
}

function exported(args: string[], output: string): string {
  const result = runCli(['export', ...args, '-o', output]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

test('export --failed from a wrapped ring (--set or its folder) writes the frames of the whole capture', () => {
  const paths = ring();
  const folder = dirname(paths['cap.pcap0.gz']);
  const byName = Object.keys(paths).sort().map((name) => paths[name]);
  const whole = join(folder, '..', `${folder.split('/').pop()}-whole.pcapng`);
  const wholeLine = exported(['samples/story-client.pcap', '--failed'], whole);
  const expected = frames(whole);
  assert.ok(expected.length >= 20, `the story has failed attempts with their SYNs: ${expected.length} frames`);

  const fromSet = join(folder, '..', `${folder.split('/').pop()}-set.pcapng`);
  assert.equal(exported(['--set', ...byName, '--failed'], fromSet), wholeLine.replace(whole, fromSet));
  assert.deepEqual(frames(fromSet), expected);
  const reader = open(readFileSync(fromSet), undefined, fromSet);
  readAll(reader);
  // A set given file by file is named by its first file in time order, as `analyze` names it.
  assert.ok(reader.info.comments.some((comment) => comment.endsWith(`of cap.pcap${OLDEST}.gz`)), reader.info.comments[0]);

  const fromFolder = join(folder, '..', `${folder.split('/').pop()}-folder.pcapng`);
  exported([folder, '--attempts', '1,2,3'], fromFolder);
  const chosen = join(folder, '..', `${folder.split('/').pop()}-chosen.pcapng`);
  exported(['samples/story-client.pcap', '--attempts', '1,2,3'], chosen);
  assert.deepEqual(frames(fromFolder), frames(chosen));
});

test('the set\'s export holds the frames mergecap -a gives for the ring\'s files in time order', (t) => {
  if (spawnSync('mergecap', ['-v']).status !== 0) {
    t.skip('mergecap is not installed (apt-get install -y wireshark-common)');
    return;
  }
  const paths = ring();
  const folder = dirname(paths['cap.pcap0.gz']);
  const inTimeOrder = Array.from({ length: 10 }, (_, n) => paths[`cap.pcap${(n + OLDEST) % 10}.gz`]);
  const merged = join(folder, '..', `${folder.split('/').pop()}-merged.pcap`);
  const mergecap = spawnSync('mergecap', ['-a', '-F', 'pcap', '-w', merged, ...inTimeOrder], { encoding: 'utf8' });
  assert.equal(mergecap.status, 0, mergecap.stderr);
  const fromMerged = `${merged}ng`;
  exported([merged, '--failed'], fromMerged);
  const fromSet = join(folder, '..', `${folder.split('/').pop()}-set.pcapng`);
  exported([folder, '--failed'], fromSet);
  assert.deepEqual(frames(fromSet), frames(fromMerged));
});

test('export of a set still refuses standard input among its files', () => {
  const paths = ring();
  const result = runCli(['export', '--set', paths['cap.pcap0.gz'], '-', '--failed', '-o', join('/tmp', 'never.pcapng')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /needs capture files, not standard input/);
});
