/**
 * The packets an export writes are the ones Wireshark shows for the same attempts: tshark, given the
 * display filter of each attempt (client port and server address, as the detail pane's filter has it),
 * writes its own file of them, and both files must hold the same frames, byte for byte, with the same
 * timestamps and lengths. Plain Ethernet (the story), VXLAN (the inner connection) and a `tcpdump -i any`
 * capture on the NAT node (both views of each SYN).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { exportPacketsSync, type AttemptSelection } from '../../src/analyzer/export/exportPackets.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { wiresharkFilter } from '../../src/server/wiresharkFilter.js';
import { open, readAll, type RecordSnapshot } from './captureFixtures.js';
import { hasTshark, tsharkFields } from './generator-tshark.js';
import { memorySink } from './exportSink.js';

const ROOT = join(__dirname, '../..');

interface Case {
  file: string;
  selection: (attempts: HandshakeAttempt[]) => AttemptSelection;
  /** tshark's `-d` rules the capture needs (flannel's VXLAN port). */
  decodeAs?: string[];
  /** What the case must contain for the comparison to mean something. */
  expect: (attempts: HandshakeAttempt[]) => void;
}

/** Every tuple of the attempt: its client, then the client of each NAT view of its SYN. */
function attemptFilter(attempt: HandshakeAttempt): string {
  const views = (attempt.natViews ?? []).map((view) => {
    const colon = view.client.lastIndexOf(':');
    return wiresharkFilter({ ...attempt, client: { address: view.client.slice(0, colon), port: Number(view.client.slice(colon + 1)) } });
  });
  return [wiresharkFilter(attempt), ...views].map((filter) => `(${filter})`).join(' || ');
}

/** What tshark and the product must agree on for each frame. */
function frameFacts(records: RecordSnapshot[]): string[] {
  return records.map((record) => `${record.timeSec}.${String(record.timeNs).padStart(9, '0')} ${record.originalLength} ${record.capturedLength} ${Buffer.from(record.data).toString('hex')}`);
}

const CASES: Case[] = [
  {
    file: 'samples/story-client.pcap',
    selection: () => ({ kind: 'failed' }),
    expect: (attempts) => assert.ok(attempts.filter((attempt) => attempt.verdict === 'fail').length >= 10),
  },
  {
    file: 'samples/story-server.pcap',
    selection: (attempts) => ({ kind: 'attempts', ids: attempts.filter((attempt) => attempt.verdict === 'pass').slice(0, 5).map((attempt) => attempt.id) }),
    // Passed attempts carry data and FINs: frames the analysis does not list by number.
    expect: (attempts) => assert.ok(attempts.some((attempt) => attempt.teardown.firstFin !== null)),
  },
  {
    file: 'test/fixtures/vxlan-recorded/underlay.pcap',
    selection: (attempts) => ({ kind: 'attempts', ids: attempts.map((attempt) => attempt.id) }),
    decodeAs: ['udp.port==8472,vxlan'],
    expect: (attempts) => assert.ok(attempts.every((attempt) => attempt.tunnel?.kind === 'vxlan')),
  },
  {
    file: 'test/fixtures/real/node-any/node-any.pcap',
    selection: (attempts) => ({ kind: 'attempts', ids: attempts.slice(0, 6).map((attempt) => attempt.id) }),
    expect: (attempts) => assert.ok(attempts.slice(0, 6).some((attempt) => (attempt.natViews?.length ?? 0) > 0)),
  },
];

function tsharkSelection(t: TestContext, path: string, filter: string, decodeAs: string[]): RecordSnapshot[] | null {
  if (!hasTshark()) {
    t.skip('tshark is not installed (apt-get install -y tshark): cannot compare with Wireshark');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lens-export-'));
  try {
    const out = join(dir, 'tshark.pcapng');
    const args = ['-n', '-r', path, ...decodeAs.flatMap((rule) => ['-d', rule]), '-Y', filter, '-F', 'pcapng', '-w', out];
    const result = spawnSync('tshark', args, { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return readAll(open(readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const { file, selection, decodeAs = [], expect } of CASES) {
  test(`the export of ${file} holds the frames tshark's filter of those attempts shows`, (t) => {
    const bytes = readFileSync(join(ROOT, file));
    const { handshakes } = analyzeCaptureSync(new MemorySource(bytes), file);
    expect(handshakes);
    const chosen = selection(handshakes);
    const sink = memorySink();
    const result = exportPacketsSync(new MemorySource(bytes), file, handshakes, chosen, sink);
    const exported = readAll(open(sink.bytes()));
    assert.equal(exported.length, result.packets);
    assert.ok(result.attempts.every((attempt) => attempt.packets > 0), 'every attempt gets at least its SYN');
    const ids = new Set(result.attempts.map((attempt) => attempt.id));
    const filter = handshakes.filter((attempt) => ids.has(attempt.id)).map(attemptFilter).join(' || ');
    const expected = tsharkSelection(t, join(ROOT, file), filter, decodeAs);
    if (expected === null) return;
    assert.ok(expected.length > 0);
    assert.deepEqual(frameFacts(exported), frameFacts(expected));
  });
}

test('tshark reads the export: the section comment, the application and each frame\'s attempt', (t) => {
  if (!hasTshark()) {
    t.skip('tshark is not installed');
    return;
  }
  const file = 'samples/story-client.pcap';
  const bytes = readFileSync(join(ROOT, file));
  const { handshakes } = analyzeCaptureSync(new MemorySource(bytes), file);
  const sink = memorySink();
  exportPacketsSync(new MemorySource(bytes), file, handshakes, { kind: 'attempts', ids: [2, 4] }, sink);
  const dir = mkdtempSync(join(tmpdir(), 'handshake-lens-export-'));
  try {
    const path = join(dir, 'export.pcapng');
    writeFileSync(path, sink.bytes());
    const info = spawnSync('capinfos', ['-k', '-F', path], { encoding: 'utf8' });
    if (info.status === 0) assert.match(info.stdout, /Handshake Lens: attempts 2, 4 of story-client\.pcap/);
    const rows = tsharkFields(path, ['frame.comment', 'tcp.srcport'])!;
    assert.ok(rows.length > 0);
    const ports = new Map(handshakes.map((attempt) => [attempt.client.port, attempt.id]));
    for (const [comment, port] of rows) assert.equal(comment, `Handshake Lens: attempt ${ports.get(Number(port))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
