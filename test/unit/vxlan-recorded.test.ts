/**
 * Handshakes inside VXLAN packets the kernel built (test/fixtures/vxlan-recorded/README.md): the uplink's
 * capture must give the attempts the overlay's capture gives, each with its tunnel, as the client
 * counted them; and tshark, told that 8472 is VXLAN too, must find the same SYNs inside.
 */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { endpointText, type HandshakeAttempt } from '../../src/analyzer/model.js';
import { hasTshark } from './generator-tshark.js';

const DIR = join(__dirname, '../fixtures/vxlan-recorded');

interface Counts { established: number; refused: number; dropped: number }
interface VxlanTruth {
  underlay: string;
  tunnels: Record<string, { vni: number; port: number; counts: Counts }>;
}

const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as VxlanTruth;

function attempts(file: string): HandshakeAttempt[] {
  return analyzeCaptureSync(new MemorySource(readFileSync(join(DIR, file))), file).handshakes;
}

/** What both captures must agree on, without frame numbers (the captures hold different frames). */
function handshakeFacts(attempt: HandshakeAttempt): string {
  return [
    endpointText(attempt.client), endpointText(attempt.server), attempt.isn, attempt.syns.map((syn) => syn.tsval).join(','),
    attempt.synAck?.isn ?? 'no SYN-ACK', attempt.outcome,
  ].join(' ');
}

const underlay = attempts('underlay.pcap');
const overlay = attempts('overlay.pcap');

test('the uplink\'s VXLAN packets give the handshakes the overlay shows, with no tunnel on the overlay\'s', () => {
  assert.deepEqual(underlay.map(handshakeFacts), overlay.map(handshakeFacts));
  assert.ok(overlay.every((attempt) => attempt.tunnel === null));
});

test('each attempt inside VXLAN names its tunnel: the underlay addresses and the VNI of its overlay', () => {
  for (const attempt of underlay) {
    const tunnel = truth.tunnels[attempt.server.address];
    assert.ok(tunnel !== undefined, `${endpointText(attempt.server)} is on no recorded tunnel`);
    assert.deepEqual(attempt.tunnel, { kind: 'vxlan', outer: truth.underlay, vni: tunnel.vni });
  }
});

test('per tunnel, the outcomes are what the client counted', () => {
  for (const [server, { counts }] of Object.entries(truth.tunnels)) {
    const mine = underlay.filter((attempt) => attempt.server.address === server);
    assert.deepEqual({
      established: mine.filter((attempt) => attempt.outcome === 'established').length,
      refused: mine.filter((attempt) => attempt.outcome === 'refused').length,
      dropped: mine.filter((attempt) => attempt.outcome === 'no-reply' && attempt.syns.length > 1).length,
    }, counts, server);
  }
});

test('tshark, told that UDP 8472 is VXLAN too, finds the same SYNs inside the VXLAN packets', { skip: hasTshark() ? false : 'tshark is not installed (apt-get install -y tshark)' }, () => {
  const fields = ['ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport', 'tcp.seq_raw', 'vxlan.vni'];
  const result = spawnSync('tshark', [
    '-n', '-r', join(DIR, 'underlay.pcap'), '-d', 'udp.port==8472,vxlan', '-Y', 'tcp.flags.syn==1 && tcp.flags.ack==0',
    '-T', 'fields', '-E', 'separator=\t', ...fields.flatMap((field) => ['-e', field]),
  ], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  // tshark lists the outer and the inner IPv4 header: the inner is the last.
  const inner = (field: string) => field.slice(field.lastIndexOf(',') + 1);
  const tsharkSyns = new Set(result.stdout.trim().split('\n').map((line) => {
    const [src, srcPort, dst, dstPort, seq, vni] = line.split('\t');
    return `${inner(src)}:${srcPort} ${inner(dst)}:${dstPort} ${seq} VNI ${vni}`;
  }));
  const ours = new Set(underlay.map((attempt) => `${endpointText(attempt.client)} ${endpointText(attempt.server)} ${attempt.isn} VNI ${attempt.tunnel?.vni}`));
  assert.deepEqual([...ours].sort(), [...tsharkSyns].sort());
});
