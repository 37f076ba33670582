/**
 * A diagnosis over a flood's attempts takes its largest values in loops: a spread of hundreds of
 * thousands of values into Math.max overflows the stack (V8 passes each as an argument).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';

const START = 1_700_000_000;

interface FlowFrame {
  /** Seconds after the attempt's first SYN. */
  after: number;
  fromClient: boolean;
  flags: number;
}

/**
 * `attempts` handshakes to one server, each from its own address, 1,000 a second, made of `frames`;
 * then a last packet 10 s after the last attempt. Written by patching one template per frame.
 */
function floodOf(attempts: number, frames: readonly FlowFrame[]): Uint8Array {
  const writer = new PcapWriter({ linkType: 101, nanosecond: true });
  const common = { linkType: 101, window: 64240, mss: 1460, windowScale: 7, sackPermitted: true, ttl: 64 } as const;
  const templates = frames.map(({ fromClient, flags }) => writer.encodeRecord(START, buildTcpFrame(fromClient
    ? { ...common, src: '10.0.0.0', dst: '192.168.11.250', srcPort: 1024, dstPort: 3306, seq: 0, ack: 0, flags }
    : { ...common, src: '192.168.11.250', dst: '10.0.0.0', srcPort: 3306, dstPort: 1024, seq: 0, ack: 0, flags })));
  const perAttempt = templates.reduce((sum, template) => sum + template.length, 0);
  const records = new Uint8Array(perAttempt * attempts);
  for (let i = 0; i < attempts; i++) {
    const address = 0x0a000000 + i;
    const clientIsn = (i * 2654435761) >>> 0;
    const serverIsn = (i * 40503) >>> 0;
    let at = i * perAttempt;
    frames.forEach(({ after, fromClient, flags }, index) => {
      const template = templates[index];
      records.set(template, at);
      const view = new DataView(records.buffer, at, template.length);
      const nanoseconds = Math.round(((i % 1000) / 1000 + after) * 1e9);
      view.setUint32(0, START + Math.floor(i / 1000) + Math.floor(nanoseconds / 1e9), true);
      view.setUint32(4, nanoseconds % 1e9, true);
      view.setUint32(16 + (fromClient ? 12 : 16), address);
      const syn = (flags & TcpFlag.SYN) !== 0;
      view.setUint32(16 + 24, fromClient ? (syn ? clientIsn : clientIsn + 1) >>> 0 : syn ? serverIsn : (serverIsn + 1) >>> 0);
      if (flags & TcpFlag.ACK) view.setUint32(16 + 28, fromClient ? (serverIsn + 1) >>> 0 : (clientIsn + 1) >>> 0);
      at += template.length;
    });
  }
  const last = writer.encodeRecord(START + attempts / 1000 + 10, buildTcpFrame({ ...common, src: '10.255.0.1', dst: '192.168.11.250', srcPort: 5000, dstPort: 80, seq: 1, ack: 1, flags: TcpFlag.ACK }));
  const file = new Uint8Array(24 + records.length + last.length);
  file.set(writer.fileHeader());
  file.set(records, 24);
  file.set(last, 24 + records.length);
  return file;
}

/** A SYN flood from spoofed sources met by SYN cookies, seen at the server: each SYN-ACK at once, never retransmitted nor acknowledged. */
function cookieAnsweredFlood(attempts: number): Uint8Array {
  return floodOf(attempts, [{ after: 0, fromClient: true, flags: TcpFlag.SYN }, { after: 0.0001, fromClient: false, flags: TcpFlag.SYN | TcpFlag.ACK }]);
}

test('a flood of 200,000 SYNs answered with SYN-ACKs never retransmitted is diagnosed without overflowing the stack', () => {
  const attempts = 200_000;
  const analysis = analyzeCaptureSync(new MemorySource(cookieAnsweredFlood(attempts)), 'flood.pcap');
  assert.equal(analysis.summary.attempts, attempts);
  const result = diagnoseSingle(analysis, 'server', 'en');
  const cookies = result.diagnoses.find((diagnosis) => diagnosis.code === 'syn-cookies');
  const timer = cookies?.evidence.find((evidence) => evidence.values.sign === 'no-synack-retransmission');
  assert.equal(timer?.values.attempts, attempts, 'every SYN-ACK a sign: none was retransmitted');
  // The first SYN-ACK waited longest for its retransmission: the capture's 210 s.
  assert.equal(timer?.values.longestSilenceSeconds, 210);
});

test('200,000 connects that each waited for a SYN retransmission make one slow-connect diagnosis', () => {
  const attempts = 200_000;
  const capture = floodOf(attempts, [
    { after: 0, fromClient: true, flags: TcpFlag.SYN }, { after: 1, fromClient: true, flags: TcpFlag.SYN },
    { after: 1.0005, fromClient: false, flags: TcpFlag.SYN | TcpFlag.ACK }, { after: 1.0006, fromClient: true, flags: TcpFlag.ACK },
  ]);
  const analysis = analyzeCaptureSync(new MemorySource(capture), 'slow.pcap');
  assert.equal(analysis.summary.passed, attempts);
  const slow = diagnoseSingle(analysis, 'client', 'en').diagnoses.find((diagnosis) => diagnosis.code === 'slow-connect');
  assert.match(slow?.title ?? '', /^200,000 connections .* up to 1\.00 s/);
});
