/**
 * What a capture's reader says about tunnelled packets it skips: one warning per kind, with the count
 * and the byte offset of the first such record; and tunnelled SYNs become attempts keyed by the inner
 * four-tuple, beside the same connection seen without the tunnel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { ETHERNET_HEADER, frameOf } from './layerFixtures.js';
import { inEthernet, INNER_ETHERNET_SYN, INNER_IPV4_SYN, lengthOf, outerIpv4, udpHeader } from './tunnelFixtures.js';

const PCAP_FILE_HEADER = 24;
const PCAP_RECORD_HEADER = 16;

function analyse(frames: Uint8Array[]) {
  const writer = new PcapWriter({ linkType: 1, nanosecond: true });
  frames.forEach((frame, index) => writer.addRecord(1_700_000_000 + index, frame));
  return analyzeCaptureSync(new MemorySource(writer.bytes()), 'tunnels.pcap');
}

const plainSyn = frameOf(ETHERNET_HEADER, '08 00', INNER_IPV4_SYN);
const overrun = inEthernet(outerIpv4(47, 8) + 'b0 00 08 00 // C, K, S: 16 bytes claimed\n00 00 00 00');
const fragment = inEthernet(outerIpv4(4, lengthOf(INNER_IPV4_SYN), '20 00 // MF') + INNER_IPV4_SYN);
const vxlanPayload = 8 + lengthOf(INNER_ETHERNET_SYN);
const vxlanSyn = inEthernet(outerIpv4(17, 8 + vxlanPayload) + udpHeader(8472, vxlanPayload) + '08 00 00 00 00 00 07 00 // VXLAN, VNI 7\n' + INNER_ETHERNET_SYN);

test('overrunning and fragmented tunnel packets are counted in one warning each, at the first one\'s offset', () => {
  const analysis = analyse([plainSyn, overrun, overrun, fragment]);
  const second = PCAP_FILE_HEADER + PCAP_RECORD_HEADER + plainSyn.length;
  const fourth = second + 2 * (PCAP_RECORD_HEADER + overrun.length);
  assert.deepEqual(analysis.warnings.map(({ code, offset }) => ({ code, offset })), [
    { code: 'tunnel-overrun', offset: second },
    { code: 'tunnel-fragment', offset: fourth },
  ]);
  assert.match(analysis.warnings[0].message, /^2 tunnelled packets skipped/);
  assert.match(analysis.warnings[1].message, /^1 fragments of tunnelled packets skipped/);
});

test('a capture without tunnels has no tunnel warning and no tunnel on its attempts', () => {
  const analysis = analyse([plainSyn]);
  assert.deepEqual(analysis.warnings, []);
  assert.equal(analysis.handshakes[0].tunnel, null);
});

test('a SYN inside VXLAN is an attempt of the inner four-tuple that records its tunnel', () => {
  const analysis = analyse([vxlanSyn]);
  assert.equal(analysis.handshakes.length, 1);
  const [attempt] = analysis.handshakes;
  assert.deepEqual([attempt.client, attempt.server], [{ address: '192.168.0.2', port: 40000 }, { address: '192.168.11.250', port: 3306 }]);
  assert.deepEqual(attempt.tunnel, { kind: 'vxlan', outer: '10.0.0.1 → 10.0.0.2', vni: 7 });
});
