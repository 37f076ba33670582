/**
 * `analyze --follow`: a capture written record by record while the command reads it. Each attempt's
 * line must come within a second of what decides it (its last record, or the silence that shows the
 * client gave up), a record written in two halves is waited for, a rotation is followed, SIGINT ends
 * with the summary and diagnoses, and the rows equal the batch analysis of the same capture.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { pcapOf } from './captureFile.js';
import { pcapRecords } from './captureRing.js';
import { builtCli, runCli, writeFiles } from './cliRun.js';
import { Conversation, type Step } from './handshakeScript.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import type { HandshakeJson, ReportJson } from '../../src/analyzer/report.js';

/** A running `handshake-lens analyze … --follow`, its stdout lines with the time each arrived. */
interface Following {
  child: ChildProcessWithoutNullStreams;
  lines: { text: string; at: number }[];
  stderr: () => string;
  exited: Promise<number | null>;
}

function follow(args: string[]): Following {
  const child = spawn(process.execPath, [builtCli(), 'analyze', ...args, '--follow'], { env: { PATH: process.env.PATH, LANG: 'C' } });
  const lines: { text: string; at: number }[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ text, at: Date.now() });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exited };
}

/** Waits, a bounded number of times, until `ready` holds; fails with `what` otherwise. */
async function until(ready: () => boolean, what: string, limitMs = 8000): Promise<void> {
  for (let waited = 0; !ready(); waited += 50) {
    if (waited >= limitMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The records of `steps` as a pcap written by the project's writer: the file header, then each record's bytes. */
function recordsOf(steps: Step[]): { header: Uint8Array; records: Uint8Array[] } {
  const pcap = pcapOf(steps);
  return { header: pcap.subarray(0, 24), records: pcapRecords(pcap) };
}

const rowsOf = (lines: { text: string }[]): HandshakeJson[] => lines.map((line) => JSON.parse(line.text) as HandshakeJson);

test('each attempt is printed within a second of what decides it, and SIGINT ends with the summary and diagnoses', async () => {
  const start = Math.floor(Date.now() / 1000);
  const passed = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const refused = new Conversation('10.244.1.8:40001', '192.168.11.250:3306');
  const silent = new Conversation('10.244.1.9:40002', '192.168.11.250:3306');
  const path = writeFiles({ 'live.pcap': new Uint8Array(0) })['live.pcap'];
  const running = follow([path, '--format', 'ndjson']);
  try {
    const at = (seconds: number) => start + seconds;
    // The capture's clock is the wall clock, as it is for tcpdump: the wait for a silent client runs on it.
    const script: { steps: Step[]; id: number | null }[] = [
      { steps: [passed.syn(at(0), 1), passed.synAck(at(0.001), 9, 1), passed.ack(at(0.002), 1, 9)], id: null },
      // The server's greeting decides it: established, whatever the client does next.
      { steps: [passed.fromServer(at(0.003), TcpFlag.ACK | TcpFlag.PSH, 10, 2, { data: 20 })], id: 1 },
      { steps: [refused.syn(at(0.5), 2), refused.refuse(at(0.501), 2)], id: 2 },
      { steps: [silent.syn(at(1), 3)], id: null },
    ];
    const header = recordsOf(script[0].steps).header;
    writeFileSync(path, header);
    const written = new Map<number, number>();
    for (const { steps, id } of script) {
      for (const record of recordsOf(steps).records) appendFileSync(path, record);
      if (id !== null) written.set(id, Date.now());
      await sleep(300);
    }
    const silentWritten = Date.now();
    await until(() => running.lines.length >= 3, 'three attempts');
    const rows = rowsOf(running.lines);
    for (const [id, writtenAt] of written) {
      const line = running.lines[rows.findIndex((row) => row.id === id)];
      assert.ok(line, `attempt ${id} printed`);
      assert.ok(line.at - writtenAt < 1000, `attempt ${id} printed ${line.at - writtenAt} ms after its deciding record`);
    }
    assert.deepEqual(rows.map((row) => [row.id, row.outcome]), [[1, 'established'], [2, 'refused'], [3, 'no-reply']]);
    // The silent client is given up on once no retransmission came within 3 s of its SYN, not before.
    const silentLine = running.lines[2];
    assert.ok(silentLine.at - silentWritten >= 2500, `no-reply printed ${silentLine.at - silentWritten} ms after the SYN`);
    assert.ok(silentLine.at - silentWritten < 3250 + 1000, `no-reply printed ${silentLine.at - silentWritten} ms after the SYN`);
    running.child.kill('SIGINT');
    assert.equal(await running.exited, 0);
    assert.equal(running.lines.length, 3, 'nothing printed twice');
    assert.match(running.stderr(), /3 attempts decided \(1 passed, 2 failed\), 0 not yet decided/);
    assert.match(running.stderr(), /connection attempts: 1 passed, 2 failed/);
  } finally {
    running.child.kill('SIGKILL');
  }
});

test('a record written in two halves is waited for, never reported as damage', async () => {
  const t = Math.floor(Date.now() / 1000);
  const c = new Conversation('10.244.1.7:40000', '192.168.11.250:443');
  const { header, records } = recordsOf([c.syn(t, 1), c.synAck(t + 0.001, 9, 1), c.ack(t + 0.002, 1, 9, { data: 10 }), c.fromServer(t + 0.003, TcpFlag.ACK, 10, 12)]);
  const path = writeFiles({ 'half.pcap': header })['half.pcap'];
  const running = follow([path, '--format', 'ndjson']);
  try {
    for (const record of records.slice(0, 3)) appendFileSync(path, record);
    const last = records[3];
    appendFileSync(path, last.subarray(0, 20));
    await sleep(700);
    assert.equal(running.lines.length, 0, 'the attempt waits for the server segment still being written');
    appendFileSync(path, last.subarray(20));
    await until(() => running.lines.length === 1, 'the attempt once its record is whole');
    assert.equal(rowsOf(running.lines)[0].outcome, 'established');
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
    assert.doesNotMatch(running.stderr(), /cut short|warning/);
  } finally {
    running.child.kill('SIGKILL');
  }
});

test('a rotation is followed into the next file, and a file rewritten under the reader is a warning', async () => {
  const t = Math.floor(Date.now() / 1000) - 600;
  const a = new Conversation('10.244.1.7:40000', '192.168.11.250:443');
  const b = new Conversation('10.244.1.8:40001', '192.168.11.250:443');
  const first = recordsOf([a.syn(t, 1), a.refuse(t + 0.001, 1)]);
  const second = recordsOf([b.syn(t + 10, 2), b.refuse(t + 10.001, 2)]);
  const path = writeFiles({ 'cap.pcap': new Uint8Array([...first.header, ...first.records.flatMap((r) => [...r])]) })['cap.pcap'];
  const running = follow([path, '--format', 'ndjson']);
  try {
    await until(() => running.lines.length === 1, 'the first file\'s attempt');
    // tcpdump -C opened cap.pcap1 for the packets that did not fit.
    writeFileSync(join(dirname(path), 'cap.pcap1'), new Uint8Array([...second.header, ...second.records.flatMap((r) => [...r])]));
    await until(() => running.lines.length === 2, 'the next file\'s attempt');
    assert.deepEqual(rowsOf(running.lines).map((row) => row.client), ['10.244.1.7:40000', '10.244.1.8:40001']);
    // cap.pcap1 written again from its start (-W wrapping onto a name it used before).
    truncateSync(join(dirname(path), 'cap.pcap1'), 0);
    await sleep(400);
    running.child.kill('SIGINT');
    assert.equal(await running.exited, 0);
    assert.match(running.stderr(), /cap\.pcap1 was truncated or replaced while it was read/);
  } finally {
    running.child.kill('SIGKILL');
  }
});

test('following a pipe gives the batch analysis\'s rows, apart from what only the diagnosis at the end knows', async () => {
  const capture = readFileSync('samples/story-client.pcap');
  const running = spawn(process.execPath, [builtCli(), 'analyze', '-', '--follow', '--format', 'ndjson'], { env: { PATH: process.env.PATH, LANG: 'C' } });
  let stdout = '';
  let stderr = '';
  running.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  running.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  running.stdin.end(capture);
  const status = await new Promise<number | null>((resolve) => running.on('exit', resolve));
  assert.equal(status, 0, stderr);
  const live = stdout.trim().split('\n').map((line) => JSON.parse(line) as HandshakeJson);
  const batch = JSON.parse(runCli(['analyze', 'samples/story-client.pcap', '--format', 'json']).stdout) as ReportJson;
  const known = ({ cause, confidence, atServer, ...rest }: HandshakeJson) => (void cause, void confidence, void atServer, rest);
  assert.deepEqual([...live].sort((x, y) => x.id - y.id).map(known), batch.handshakes.map(known));
  assert.ok(batch.handshakes.some((row) => row.cause !== null), 'the batch rows have causes the live rows cannot have');
  assert.match(stderr, /Why they failed/);
});

test('a compressed capture is refused by --follow with a way out, and --follow takes one capture', () => {
  const path = writeFiles({ 'cap.pcap.gz': gzipSync(readFileSync('samples/healthy.pcap')) })['cap.pcap.gz'];
  const refused = runCli(['analyze', path, '--follow']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /a gzip capture cannot be followed while it is written: decompress it into a pipe \(zcat -f FILE/);
  assert.equal(runCli(['analyze', '--set', path, path, '--follow']).status, 2);
  assert.equal(runCli(['analyze', path, '--follow', '--format', 'json']).status, 2);
  assert.equal(runCli(['analyze', path, '--server', '-', '--follow']).status, 2, 'the server capture is a file');
});

test('--follow with --server follows both captures as they are written and ends with the correlated causes', async () => {
  const names = ['client', 'server'];
  const samples = names.map((side) => new Uint8Array(readFileSync(`samples/story-${side}.pcap`)));
  const paths = writeFiles({ 'pair-client.pcap': samples[0].subarray(0, 24), 'pair-server.pcap': samples[1].subarray(0, 24) });
  const [clientPath, serverPath] = [paths['pair-client.pcap'], paths['pair-server.pcap']];
  const records = samples.map((sample) => pcapRecords(sample));
  const running = follow([clientPath, '--server', serverPath, '--format', 'ndjson']);
  try {
    // Both written a record of each at a time, as two tcpdumps would.
    for (let at = 0; at < Math.max(...records.map((r) => r.length)); at++) {
      if (at < records[0].length) appendFileSync(clientPath, records[0][at]);
      if (at < records[1].length) appendFileSync(serverPath, records[1][at]);
      if (at % 20 === 0) await sleep(20);
    }
    await until(() => running.lines.length >= 30, 'the client attempts printed as they are decided');
    assert.equal(running.stderr().includes('Why they failed'), false, 'the causes come at the end');
    running.child.kill('SIGINT');
    assert.equal(await running.exited, 0);
    const batch = runCli(['analyze', 'samples/story-client.pcap', '--server', 'samples/story-server.pcap', '--format', 'json']);
    const report = JSON.parse(batch.stdout) as ReportJson;
    // Printed in the order their verdicts became final; the same attempts as the batch analysis of the pair.
    assert.deepEqual(rowsOf(running.lines).map((row) => [row.id, row.outcome]).sort((x, y) => Number(x[0]) - Number(y[0])), report.handshakes.map((row) => [row.id, row.outcome]));
    assert.match(running.stderr(), /pair-server\.pcap \(server side/);
    assert.match(running.stderr(), /\(paws-tw-recycle, high; handshakes 2, 4, 8, 9/, 'PAWS confirmed by the server capture');
  } finally {
    running.child.kill('SIGKILL');
  }
});
