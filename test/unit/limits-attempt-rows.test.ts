/**
 * Past the row limit, attempts are counted and not listed: the summary stays what it is without a
 * limit, the rows are the first attempts, and one `attempts-limit` warning points at the first SYN
 * that was only counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync, type CaptureAnalysis, type ScanOptions } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { pcapOf } from './captureFile.js';
import { Conversation, type Step } from './handshakeScript.js';

const START = 1_700_000_000;

/** One attempt every 0.1 s, in five shapes, to three servers: every kind of count moves. */
function attempts(count: number): Uint8Array {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const client = `10.${(i >>> 16) & 0xff}.${(i >>> 8) & 0xff}.${i & 0xff}:${40_000 + (i % 7)}`;
    const talk = new Conversation(client, `192.168.11.250:${3306 + (i % 3)}`);
    const t = START + i * 0.1;
    const isn = (i * 2654435761) >>> 0;
    steps.push(talk.syn(t, isn));
    if (i % 5 === 0) steps.push(talk.synAck(t + 0.001, 7, isn), talk.ack(t + 0.002, isn, 7));
    else if (i % 5 === 1) steps.push(talk.refuse(t + 0.001, isn));
    else if (i % 5 === 2) steps.push(talk.syn(t + 1, isn), talk.syn(t + 3, isn));
    else if (i % 5 === 3) steps.push(talk.synAck(t + 0.001, 7, isn));
  }
  steps.sort((x, y) => x.time - y.time);
  return pcapOf(steps);
}

function analyse(bytes: Uint8Array, options: ScanOptions = {}): CaptureAnalysis {
  return analyzeCaptureSync(new MemorySource(bytes), 'flood.pcap', undefined, options);
}

/** The capture time of the record at a byte offset. */
function timeAt(bytes: Uint8Array, offset: number): number {
  const reader = openCapture(new MemorySource(bytes), 'flood.pcap');
  for (let record = reader.next(); record !== null; record = reader.next()) {
    if (record.offset === offset) return record.timeSec + record.timeNs * 1e-9;
  }
  throw new Error(`no record at byte ${offset}`);
}

function checkLimited(count: number, options: ScanOptions & { rowLimit: number }) {
  const bytes = attempts(count);
  const full = analyse(bytes);
  const limited = analyse(bytes, options);
  assert.equal(full.handshakes.length, count);
  assert.equal(full.unlisted, null);
  assert.deepEqual(limited.summary, full.summary, 'the counts do not depend on the limit');
  assert.equal(limited.handshakes.length, options.rowLimit);
  assert.deepEqual(limited.handshakes, full.handshakes.slice(0, options.rowLimit), 'the rows are the first attempts');
  const warnings = limited.warnings.filter((warning) => warning.code === 'attempts-limit');
  assert.equal(warnings.length, 1);
  const [warning] = warnings;
  assert.ok(warning.message.startsWith(`${options.rowLimit.toLocaleString('en-US')} connection attempts are listed`), warning.message);
  assert.ok(warning.message.includes(`${(count - options.rowLimit).toLocaleString('en-US')} more`), warning.message);
  assert.deepEqual(limited.unlisted, {
    attempts: count - options.rowLimit,
    firstSynTime: full.handshakes[options.rowLimit].synTime,
    firstSynOffset: warning.offset,
  });
  assert.equal(timeAt(bytes, warning.offset), full.handshakes[options.rowLimit].synTime, 'the warning points at the first unlisted SYN');
  return { full, limited, warning };
}

test('a limit of 1,000 rows on 5,000 attempts lists 1,000 and counts all 5,000', () => {
  const { full, warning } = checkLimited(5_000, { rowLimit: 1_000 });
  assert.deepEqual(
    { attempts: full.summary.attempts, passed: full.summary.passed, failed: full.summary.failed, unknown: full.summary.unknown, synRetransmissions: full.summary.synRetransmissions },
    { attempts: 5_000, passed: 1_000, failed: 3_999, unknown: 1, synRetransmissions: 2_000 },
  );
  assert.equal(full.summary.perServer.length, 3);
  assert.ok(!warning.message.includes('early'), warning.message);
});

test('attempts past the limit are forgotten once idle for 130 s, and still counted exactly', () => {
  // 12,000 attempts over 20 minutes of capture: the tracker forgets idle four-tuples as it goes.
  checkLimited(12_000, { rowLimit: 1_000 });
});

test('too many open attempts past the limit are counted early, and the warning says so', () => {
  const { warning } = checkLimited(12_000, { rowLimit: 1_000, maxOpenUnlistedFlows: 500 });
  assert.match(warning.message, /counted before they had been idle for 130 s/);
});

test('no warning and every row without reaching the limit', () => {
  const analysis = analyse(attempts(200), { rowLimit: 200 });
  assert.equal(analysis.handshakes.length, 200);
  assert.equal(analysis.unlisted, null);
  assert.deepEqual(analysis.warnings, []);
});

test('past the server capture\'s listed attempts, a client attempt missing there is not covered, not lost', () => {
  const bytes = attempts(3_000);
  const client = analyse(bytes);
  const server = analyse(bytes, { rowLimit: 1_000 });
  const { findings } = correlateCaptures(client, server, 'en');
  const listedUntil = server.unlisted!.firstSynTime;
  const failedLater = client.handshakes.filter((a) => a.verdict === 'fail' && a.synAck === null && a.rst === null && a.synTime >= listedUntil);
  assert.ok(failedLater.length > 0);
  for (const attempt of failedLater) assert.equal(findings.get(attempt.id)?.cause, 'not-covered', `attempt ${attempt.id}`);
  // The attempts the server capture lists are still matched and located.
  const failedBefore = client.handshakes.filter((a) => a.verdict === 'fail' && a.synAck === null && a.rst === null && a.synTime < listedUntil);
  assert.ok(failedBefore.length > 0);
  for (const attempt of failedBefore) assert.equal(findings.get(attempt.id)?.cause, 'dropped-at-server', `attempt ${attempt.id}`);
});
