/**
 * Capture sets on the command line: a ring of gzip files read as one capture in the order of their first
 * packets, gaps and overlaps between files, a damaged file in the middle, and standard input.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pcapOf } from './captureFile.js';
import { rotated } from './captureRing.js';
import { Conversation } from './handshakeScript.js';
import { runCli, writeFiles } from './cliRun.js';
import { documentedFields, withoutPathFields } from './jsonContract.js';
import type { ReportJson } from '../../src/analyzer/report.js';

const CLIENT = readFileSync('samples/story-client.pcap');
const SERVER = readFileSync('samples/story-server.pcap');

/** A ring of `pcap` in ten gzip files whose numbering wrapped: the oldest is `cap.pcap<oldest>.gz`. */
function ring(pcap: Uint8Array, oldest: number, prefix = ''): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  rotated(pcap, 10).forEach((file, index) => (files[`${prefix}cap.pcap${(index + oldest) % 10}.gz`] = gzipSync(file)));
  return files;
}

function analyzed(args: string[], input?: Uint8Array): ReportJson {
  const result = runCli(['analyze', ...args, '--format', 'json'], {}, input);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ReportJson;
}

/** The shell's order of a glob: by name, which is not the order of a ring that wrapped. */
function byName(paths: Record<string, string>, prefix = ''): string[] {
  return Object.keys(paths).filter((name) => name.startsWith(prefix)).sort().map((name) => paths[name]);
}

test('a wrapped ring of ten gzip files on both sides gives the attempts, verdicts and causes of the whole captures', () => {
  const paths = writeFiles({ ...ring(CLIENT, 7, 'client-'), ...ring(SERVER, 3, 'server-') });
  const set = analyzed(['--set', ...byName(paths, 'client-'), '--server', ...byName(paths, 'server-')]);
  const whole = analyzed(['samples/story-client.pcap', '--server', 'samples/story-server.pcap']);
  assert.deepEqual(set.handshakes, whole.handshakes);
  assert.deepEqual(set.diagnoses, whole.diagnoses);
  assert.ok(set.diagnoses.some((diagnosis) => diagnosis.code === 'paws-tw-recycle'));
  const [client, server] = set.captures;
  // Read in time order: the ring's oldest file first, whatever the names say.
  assert.deepEqual(client.files!.map((file) => file.path.replace(/.*\//, '')), [7, 8, 9, 0, 1, 2, 3, 4, 5, 6].map((n) => `client-cap.pcap${n}.gz`));
  assert.equal(server.files![0].path.replace(/.*\//, ''), 'server-cap.pcap3.gz');
  assert.equal(client.files!.reduce((total, file) => total + file.packets, 0), whole.captures[0].packets);
  assert.equal(client.packets, whole.captures[0].packets);
  assert.equal(client.compression, 'gzip');
  // The story's pauses between files are the traffic's own, shorter than the gap bound.
  assert.deepEqual(client.warnings, []);
  for (let index = 1; index < client.files!.length; index++) assert.ok(client.files![index].firstPacketTime! >= client.files![index - 1].lastPacketTime!);
});

test('a set\'s capture has the documented fields and files, a single file has no files field', () => {
  const paths = writeFiles(ring(CLIENT, 0));
  const [set] = analyzed(['--set', ...byName(paths)]).captures;
  assert.deepEqual(Object.keys(set).sort(), [...withoutPathFields('## Capture'), 'files'].sort());
  for (const file of set.files!) assert.deepEqual(Object.keys(file).sort(), documentedFields('### Capture sets: `files`'));
  assert.equal(analyzed(['samples/story-client.pcap']).captures[0].files, undefined);
});

test('a folder is a capture set, and its other files are not read as captures', () => {
  const paths = writeFiles({ ...ring(CLIENT, 4), 'notes.txt': 'captured on node-2 with tcpdump -C 100 -W 10 -z gzip\n' });
  const folder = analyzed([dirname(paths['notes.txt'])]);
  const whole = analyzed(['samples/story-client.pcap']);
  assert.deepEqual(folder.handshakes, whole.handshakes);
  assert.equal(folder.captures[0].files!.length, 10);
  assert.equal(folder.captures[0].path, dirname(paths['notes.txt']));
});

test('frame numbers run on from file to file, as mergecap -a numbers them', () => {
  const paths = writeFiles(ring(CLIENT, 0));
  const set = analyzed(['--set', ...byName(paths)]);
  const whole = analyzed(['samples/story-client.pcap']);
  const frames = (report: ReportJson) => report.handshakes.flatMap((h) => [...h.syns.map((s) => s.frame), h.synAck?.frame ?? -1, h.ack?.frame ?? -1]);
  assert.deepEqual(frames(set), frames(whole));
  assert.ok(Math.max(...frames(set)) >= set.captures[0].files![0].packets, 'frames of later files are numbered after the first file');
});

const T = 1_700_000_000;

/** Three attempts over 500 s: passed at T+1, unanswered at T+200, passed at T+450; the server saw the first and the last. */
function threeAttempts(): { early: Uint8Array; late: Uint8Array; serverWhole: Uint8Array; client: Uint8Array } {
  const a = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const b = new Conversation('10.244.1.8:40001', '192.168.11.250:3306');
  const c = new Conversation('10.244.1.9:40002', '192.168.11.250:3306');
  const first = [a.syn(T + 1, 1, { tsval: 100 }), a.synAck(T + 1.001, 9, 1), a.ack(T + 1.002, 1, 9)];
  const lost = [b.syn(T + 200, 2), b.syn(T + 201, 2), b.syn(T + 203, 2)];
  const last = [c.syn(T + 450, 3), c.synAck(T + 450.001, 7, 3), c.ack(T + 450.002, 3, 7)];
  return { early: pcapOf(first), late: pcapOf(last), serverWhole: pcapOf([...first, ...last]), client: pcapOf([...first, ...lost, ...last]) };
}

test('a server set with a gap: the failure inside it is not covered, where one server file says it was lost before the server', () => {
  const { early, late, serverWhole, client } = threeAttempts();
  const paths = writeFiles({ 'client.pcap': client, 'server.pcap0': early, 'server.pcap1': late, 'server-whole.pcap': serverWhole });
  const set = analyzed([paths['client.pcap'], '--server', paths['server.pcap1'], '--server', paths['server.pcap0']]);
  const gap = set.captures[1].warnings.find((warning) => warning.code === 'capture-gap');
  assert.ok(gap, JSON.stringify(set.captures[1].warnings));
  assert.equal(gap.file, paths['server.pcap1']);
  assert.match(gap.message, /server\.pcap0.*server\.pcap1/);
  assert.equal(set.handshakes.find((h) => h.isn === 2)?.cause, 'not-covered');
  assert.ok(set.diagnoses.some((diagnosis) => diagnosis.code === 'not-covered'));
  // The same server traffic in one file: its span covers the failure, so the SYN was lost before the server.
  const one = analyzed([paths['client.pcap'], '--server', paths['server-whole.pcap']]);
  assert.equal(one.handshakes.find((h) => h.isn === 2)?.cause, 'lost-before-server');
  assert.ok(!one.diagnoses.some((diagnosis) => diagnosis.code === 'not-covered'));
  assert.equal(one.captures[1].files, undefined, 'a single file has no files list');
});

test('files that overlap in time (two rings mixed) are a capture-overlap warning', () => {
  const paths = writeFiles({ ...ring(CLIENT, 0, 'a-'), ...ring(SERVER, 0, 'b-') });
  const mixed = analyzed(['--set', ...byName(paths)]);
  const overlaps = mixed.captures[0].warnings.filter((warning) => warning.code === 'capture-overlap');
  assert.ok(overlaps.length > 0);
  assert.match(overlaps[0].message, /overlap/);
});

test('a damaged file in the middle of the set is named with its offset, and the files before and after it are analysed', () => {
  const files = ring(CLIENT, 0);
  const plain = rotated(CLIENT, 10);
  // The third record of file 5 claims 4 GB: an error at that record's header.
  const damaged = plain[5].slice();
  const view = new DataView(damaged.buffer);
  let offset = 24;
  for (let record = 0; record < 2; record++) offset += 16 + view.getUint32(offset + 8, true);
  view.setUint32(offset + 8, 0xffffffff, true);
  files['cap.pcap5.gz'] = gzipSync(damaged);
  const paths = writeFiles(files);
  const set = analyzed(['--set', ...byName(paths)]);
  const warning = set.captures[0].warnings.find((w) => w.code === 'damaged-file');
  assert.ok(warning, JSON.stringify(set.captures[0].warnings));
  assert.equal(warning.file, paths['cap.pcap5.gz']);
  assert.equal(warning.offset, offset);
  assert.match(warning.message, new RegExp(`cap\\.pcap5\\.gz: .* at byte ${offset}`));
  const spans = set.captures[0].files!;
  assert.equal(spans[5].packets, 2, 'the records before the damage count');
  const lastFile = spans[9];
  assert.ok(set.handshakes.some((h) => h.synTime >= lastFile.firstPacketTime!), 'the files after the damaged one are analysed');
  assert.ok(set.handshakes.some((h) => h.synTime <= spans[4].lastPacketTime!));
});

test('a capture on standard input, plain or compressed, is the capture read from the file', () => {
  const whole = analyzed(['samples/story-client.pcap']);
  for (const input of [CLIENT, gzipSync(CLIENT)]) {
    const piped = analyzed(['-'], input);
    assert.deepEqual(piped.handshakes, whole.handshakes);
    assert.equal(piped.captures[0].path, '-');
  }
  const empty = runCli(['analyze', '-'], {}, new Uint8Array(0));
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^handshake-lens: -: not a capture file: only 0 bytes at byte 0\n$/);
});

test('usage: a set cannot hold standard input, nor can export read it', () => {
  assert.equal(runCli(['analyze', '--set', 'a.pcap', '-']).status, 2);
  assert.match(runCli(['analyze', '-', '--server', '-']).stderr, /can be read once/);
  const exported = runCli(['export', '-', '--failed', '-o', join('/tmp', 'never.pcapng')]);
  assert.equal(exported.status, 2);
  assert.match(exported.stderr, /needs capture files, not standard input/);
});
