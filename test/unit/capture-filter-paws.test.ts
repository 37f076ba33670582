/**
 * The capture filter docs/remote-capture.md suggests for a long or remote capture,
 * `tcp[tcpflags] & (tcp-syn|tcp-fin|tcp-rst) != 0`, keeps what the verdicts and the PAWS replay read:
 * every SYN and SYN-ACK with its TSval, and the FINs, whose TSvals are the client's last before the
 * server's TIME-WAIT. What it loses (the third ACK, data) changes only the fields that time it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pcapRecords, pcapWith } from './captureRing.js';
import { runCli, writeFiles } from './cliRun.js';
import type { HandshakeJson, ReportJson } from '../../src/analyzer/report.js';

const ETHERNET = 14;
const SYN_FIN_RST = 0x02 | 0x01 | 0x04;

/** What tcpdump keeps of an Ethernet/IPv4 capture with the flags filter (the samples are such captures). */
function flagsFiltered(pcap: Uint8Array): Uint8Array {
  const kept = pcapRecords(pcap).filter((record) => {
    const ip = 16 + ETHERNET;
    if (record[ip - 2] !== 0x08 || record[ip - 1] !== 0x00 || record[ip + 9] !== 6) return false;
    const tcp = ip + (record[ip] & 0x0f) * 4;
    return (record[tcp + 13] & SYN_FIN_RST) !== 0;
  });
  return pcapWith(pcap, kept);
}

function report(args: string[]): ReportJson {
  const result = runCli(['analyze', ...args, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ReportJson;
}

const judged = (row: HandshakeJson) => ({ id: row.id, verdict: row.verdict, outcome: row.outcome, cause: row.cause, confidence: row.confidence, tsval: row.tsval, teardown: row.teardown });

test('the story filtered to SYN, FIN and RST segments gives the same verdicts, causes and PAWS replay', () => {
  const client = readFileSync('samples/story-client.pcap');
  const server = readFileSync('samples/story-server.pcap');
  const paths = writeFiles({ 'client.pcap': flagsFiltered(client), 'server.pcap': flagsFiltered(server) });
  const filtered = report([paths['client.pcap'], '--server', paths['server.pcap']]);
  const whole = report(['samples/story-client.pcap', '--server', 'samples/story-server.pcap']);
  assert.ok(filtered.captures[0].packets < whole.captures[0].packets, 'the filter drops the ACKs and data');
  assert.deepEqual(filtered.handshakes.map(judged), whole.handshakes.map(judged));
  const codes = (r: ReportJson) => r.diagnoses.map((d) => ({ code: d.code, confidence: d.confidence, ids: d.handshakeIds }));
  assert.deepEqual(codes(filtered), codes(whole));
  assert.equal(filtered.diagnoses[0].code, 'paws-tw-recycle');
  // What it loses: the third ACK, so the ACK is the client's FIN and its delay says nothing.
  const established = filtered.handshakes.find((row) => row.outcome === 'established')!;
  const same = whole.handshakes.find((row) => row.id === established.id)!;
  assert.ok(established.ackDelayMs! > same.ackDelayMs!);
});
