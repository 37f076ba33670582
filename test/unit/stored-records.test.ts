/**
 * Records kept as the tracker's rows (storedRecords.ts, used from a million listed attempts) read the
 * same as the plain records, field by field and as JSON, on every sample, real recording and corpus
 * capture; lowering `storedRecordsFrom` to 0 makes every analysis keep them so.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { plainRecord } from '../../src/analyzer/handshakes/storedRecords.js';
import { shiftedAttempt } from '../../src/analyzer/correlation/shiftedAttempt.js';
import { toReport } from '../../src/analyzer/buildReport.js';
import { diagnoseCaptures } from '../../src/cli/diagnose.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { FileSource } from '../../src/node/fileSource.js';
import { CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';

/** Every field a record can have, the optional ones included. */
const FIELDS: (keyof HandshakeAttempt)[] = [
  'id', 'client', 'server', 'ipVersion', 'isn', 'synTime', 'syns', 'synOptions', 'ttl', 'synAck', 'ack', 'rst', 'teardown',
  'rttMs', 'ackDelayMs', 'vantage', 'verdict', 'outcome', 'natViews', 'tunnel', 'foreignAck',
];

function capturesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...capturesUnder(path));
    else if (/\.(pcap|pcapng|cap)$/.test(entry)) found.push(path);
  }
  return found;
}

function analysed(path: string, storedRecordsFrom?: number) {
  const source = new FileSource(path);
  try {
    return analyzeCaptureSync(source, path, undefined, { storedRecordsFrom });
  } catch {
    return null;
  } finally {
    source.close();
  }
}

function fields(attempt: HandshakeAttempt): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((field) => [field, attempt[field]]));
}

/** Compares the stored and the plain analysis of `path`; returns how many records were compared. */
function compare(path: string): number {
  const plain = analysed(path);
  const stored = analysed(path, 0);
  if (plain === null || stored === null) {
    assert.equal(stored, plain, path);
    return 0;
  }
  assert.equal(JSON.stringify(stored), JSON.stringify(plain), path);
  assert.equal(stored.handshakes.length, plain.handshakes.length, path);
  stored.handshakes.forEach((attempt, index) => {
    assert.deepEqual(fields(attempt), fields(plain.handshakes[index]), `${path}: row ${index + 1}`);
  });
  return plain.handshakes.length;
}

/** The CLI's report of `paths` (one capture, or clients then a server), with records stored or plain. */
function reportText(paths: string[], storedRecordsFrom?: number): string {
  const captures = paths.map((path, index) => ({
    path,
    role: paths.length === 1 ? 'single' as const : index === paths.length - 1 ? 'server' as const : 'client' as const,
    analysis: analysed(path, storedRecordsFrom)!,
  }));
  return JSON.stringify(toReport(captures, diagnoseCaptures(captures, 'en')));
}

test('stored records read as plain records on the samples and the real recordings, and diagnose alike', () => {
  let records = 0;
  for (const path of [...capturesUnder('samples'), ...capturesUnder('test/fixtures/real')]) {
    records += compare(path);
    if (analysed(path) !== null) assert.equal(reportText([path], 0), reportText([path]), path);
  }
  assert.ok(records > 500, `only ${records} records compared`);
  const pair = ['samples/story-client.pcap', 'samples/story-server.pcap'];
  assert.equal(reportText(pair, 0), reportText(pair));
});

test('stored records read as plain records on every corpus capture', { skip: corpusAvailable() ? false : 'the corpus is absent' }, () => {
  let records = 0;
  for (const capture of corpusCaptures()) records += compare(join(CORPUS_ROOT, capture));
  assert.ok(records > 50, `only ${records} records compared`);
});

test('a stored record is kept by identity and spread through plainRecord into a copy of its fields', () => {
  const stored = analysed('samples/story-client.pcap', 0)!;
  const plain = analysed('samples/story-client.pcap')!;
  const first = stored.handshakes[0];
  assert.equal(stored.handshakes[0], first);
  assert.notDeepEqual(Object.keys({ ...first }).sort(), Object.keys(plain.handshakes[0]).sort(), 'a stored record has no fields of its own to spread');
  assert.deepEqual({ ...plainRecord(first) }, plain.handshakes[0]);
  assert.equal(plainRecord(plain.handshakes[0]), plain.handshakes[0]);
  assert.deepEqual(shiftedAttempt(first, 1.5), shiftedAttempt(plain.handshakes[0], 1.5));
});
