/**
 * The negative of the syn-cookies diagnosis on every real recording whose server sent no cookie (their
 * nstat files: SyncookiesSent did not move): nothing is named from any capture alone, in either role,
 * nor from any pair. accept-overflow is the look-alike: a full accept queue with tcp_syncookies=0, SYNs
 * dropped and handshakes never accepted, and SYN-ACKs resent by the request timer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { recording } from './realRecording.js';

const named = (diagnoses: ReadonlyArray<{ code: string }>) => diagnoses.some((d) => d.code === 'syn-cookies');

for (const scenario of ['accept-overflow', 'clock-shift', 'node-any', 'router-reset', 'synack-drop']) {
  test(`${scenario}: no syn-cookies from any capture alone or any pair`, () => {
    const rec = recording(scenario);
    assert.equal(rec.truth.serverCounters.TcpExtSyncookiesSent ?? 0, 0);
    const servers = rec.truth.captures.filter((c) => c.startsWith('server-side'));
    for (const capture of rec.truth.captures) {
      const analysis = rec.load(capture);
      for (const role of ['single', 'client', 'server'] as const) assert.equal(named(diagnoseSingle(analysis, role, 'en').diagnoses), false, `${capture} as ${role}`);
      if (servers.includes(capture)) continue;
      for (const server of servers) assert.equal(named(correlateCaptures(analysis, rec.load(server), 'en').diagnoses), false, `${capture} with ${server}`);
    }
  });
}

test('the first recording (test/fixtures/real/*.pcap: refused, dropped by a firewall): no syn-cookies', () => {
  const dir = join(__dirname, '../fixtures/real');
  const load = (file: string) => analyzeCaptureSync(new MemorySource(readFileSync(join(dir, file))), file);
  const server = load('server-side.pcap');
  for (const file of ['pod-a.pcap', 'node-side.pcap', 'server-side.pcap']) {
    for (const role of ['single', 'client', 'server'] as const) assert.equal(named(diagnoseSingle(load(file), role, 'en').diagnoses), false, `${file} as ${role}`);
  }
  for (const file of ['pod-a.pcap', 'node-side.pcap']) assert.equal(named(correlateCaptures(load(file), server, 'en').diagnoses), false, file);
});
