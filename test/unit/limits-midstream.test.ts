/**
 * Flows seen without their SYN (midstream) are forgotten once idle for IDLE_FLOW_SECONDS and counted
 * once each, so a flood of them keeps bounded memory; their early segments still wait for a SYN that
 * merging two interfaces wrote later in the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMidstreamCapture } from '../../tools/limits/synOnlyCapture.js';
import { analysisMemory } from './heapMeasure.js';
import { Conversation, track, type Step } from './handshakeScript.js';

const T = 1_700_000_000;

test('idle midstream flows are counted once each, and a live one once', () => {
  const steps: Step[] = [];
  const live = new Conversation('10.9.9.9:5000', '192.168.11.250:3306');
  for (let n = 0; n < 20_000; n++) {
    // 20,000 one-segment flows over 2,000 s, with one long-lived connection that talks every 100 s.
    steps.push(new Conversation(`10.1.${n >> 8}.${n & 0xff}:40000`, '192.168.11.250:3306').ack(T + n * 0.1, 5, 9));
    if (n % 1000 === 0) steps.push(live.ack(T + n * 0.1, 5 + n, 9));
  }
  const { midstream, handshakes } = track(steps);
  assert.equal(handshakes.length, 0);
  assert.equal(midstream, 20_001);
});

test('a SYN-ACK written before its SYN still pairs up amid a flood of midstream flows', () => {
  const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const steps: Step[] = [pod.synAck(T + 0.003, 7, 42)];
  for (let n = 0; n < 10_000; n++) steps.push(new Conversation(`10.1.${n >> 8}.${n & 0xff}:40000`, '192.168.11.250:3306').ack(T + 0.003, 5, 9));
  steps.push(pod.syn(T, 42), pod.ack(T + 0.0031, 42, 7));
  const { midstream, handshakes } = track(steps);
  assert.equal(midstream, 10_000);
  assert.deepEqual(handshakes.map((h) => h.outcome), ['established']);
});

test('a midstream flow forgotten after 130 s idle is a new flow when its SYN comes', () => {
  const pod = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');
  const steps: Step[] = [pod.synAck(T, 7, 42)];
  // Enough other midstream flows, over more than 130 s, for the tracker to look for idle ones.
  for (let n = 0; n < 10_000; n++) steps.push(new Conversation(`10.1.${n >> 8}.${n & 0xff}:40000`, '192.168.11.250:3306').ack(T + n * 0.02, 5, 9));
  steps.push(pod.syn(T + 300, 42));
  const { midstream, handshakes } = track(steps);
  assert.equal(midstream, 10_001);
  assert.equal(handshakes.length, 1);
  assert.ok(handshakes[0].synAck == null, 'the SYN-ACK of 300 s before is not paired');
});

/** Live memory at the peak for a million midstream flows, 16 a second: those of the last 130 s, not all. */
const PEAK_BYTES = 32 * 1_048_576;

test('1,000,000 midstream flows keep bounded memory and are all counted', (t) => {
  const flows = 1_000_000;
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-midstream-'));
  const path = join(directory, 'midstream.pcap');
  try {
    writeMidstreamCapture(path, flows);
    const { analysis, growth, livePeak } = analysisMemory(path);
    t.diagnostic(`${Math.round(growth / 1_048_576)} MB held, ${Math.round(livePeak / 1_048_576)} MB live at the peak`);
    assert.equal(analysis.summary.midstream, flows);
    assert.equal(analysis.handshakes.length, 0);
    assert.ok(livePeak < PEAK_BYTES, `${livePeak} bytes live at the peak`);
    assert.ok(growth < PEAK_BYTES, `${growth} bytes held`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
