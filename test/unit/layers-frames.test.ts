/** The frame builder against the decoders (round trip) and against tshark (checksums). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTcpFrame, type FrameLinkType, type TcpFrameSpec } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { DecodeStatus, destinationText, sourceText } from '../../src/analyzer/layers/tcpPacket.js';
import { decode } from './layerFixtures.js';
import { spawnSync } from 'node:child_process';
import { withTempCapture } from './generator-tshark.js';

const LINK_TYPES: FrameLinkType[] = [1, 276, 113, 101];

const SPECS: Array<Omit<TcpFrameSpec, 'linkType'>> = [
  {
    src: '192.168.0.2', dst: '192.168.11.250', ttl: 64, srcPort: 40000, dstPort: 3306, seq: 0xfffffff0, ack: 0,
    flags: 0x02, window: 29200, mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { tsval: 0x80000001, tsecr: 0 },
  },
  {
    src: '2001:db8::1', dst: 'fe80::200:5eff:fe00:5300', ttl: 255, srcPort: 3306, dstPort: 40000, seq: 7, ack: 0xfffffff1,
    flags: 0x12, window: 65535, mss: 1440, sackPermitted: true, payloadLength: 3,
  },
  { src: '10.0.0.1', dst: '10.0.0.2', ttl: 1, srcPort: 1, dstPort: 65535, seq: 1, ack: 2, flags: 0x10, window: 0, timestamp: { tsval: 1, tsecr: 2 }, payloadLength: 1 },
  { src: '10.0.0.2', dst: '10.0.0.1', ttl: 64, srcPort: 65535, dstPort: 1, seq: 2, ack: 0, flags: 0x04, window: 0, windowScale: 14 },
];

test('build → decodeTcp gives back every field, on every link type', () => {
  for (const linkType of LINK_TYPES) {
    for (const spec of SPECS) {
      const { status, packet } = decode(linkType, buildTcpFrame({ linkType, ...spec }));
      assert.equal(status, DecodeStatus.Tcp);
      assert.deepEqual({
        src: sourceText(packet), dst: destinationText(packet), ttl: packet.ttl, srcPort: packet.srcPort,
        dstPort: packet.dstPort, seq: packet.seq, ack: packet.ack, flags: packet.flags, window: packet.window,
        mss: packet.mss, windowScale: packet.windowScale, sackPermitted: packet.sackPermitted,
        timestamp: packet.hasTimestamp ? { tsval: packet.tsval, tsecr: packet.tsecr } : undefined,
        payloadLength: packet.payloadLength,
      }, {
        mss: -1, windowScale: -1, sackPermitted: false, timestamp: undefined, payloadLength: 0, ...spec,
      }, `link type ${linkType}, ${spec.src}`);
    }
  }
});

test('the builder refuses addresses it cannot encode', () => {
  const spec = SPECS[0];
  assert.throws(() => buildTcpFrame({ ...spec, linkType: 1, dst: '2001:db8::1' }), /not the same IP version/);
  assert.throws(() => buildTcpFrame({ ...spec, linkType: 1, src: '192.168.0.256' }), /not an IPv4 address/);
  assert.throws(() => buildTcpFrame({ ...spec, linkType: 1, src: '2001:db8::1::2', dst: '::1' }), /not an IPv6 address/);
});

test('tshark finds the IP and TCP checksums of built frames correct', async (t) => {
  for (const linkType of LINK_TYPES) {
    const writer = new PcapWriter({ linkType });
    SPECS.forEach((spec, i) => writer.addRecord(i, buildTcpFrame({ linkType, ...spec })));
    await withTempCapture(t, writer.bytes(), (path) => {
      // tshark verifies checksums only when asked to.
      const result = spawnSync('tshark', [
        '-n', '-r', path, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE',
        '-T', 'fields', '-E', 'separator=,', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status',
      ], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      // Status 1 is "good"; IPv6 has no header checksum.
      assert.deepEqual(result.stdout.trim().split('\n'), ['1,1', ',1', '1,1', '1,1'], `link type ${linkType}`);
    });
  }
});
