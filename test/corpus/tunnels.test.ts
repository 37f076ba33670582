/**
 * Conformance inside tunnels with tshark, run on the corpus captures that carry TCP inside a tunnel:
 * every TCP segment tshark decodes (not only SYNs and RSTs, which the stored reference rows hold) must
 * come out of our decoders with the innermost header's addresses, ports, sequence and acknowledgement
 * numbers and flags, and with the outermost tunnel tshark names first in the frame's protocols; and we
 * must find no TCP segment where tshark found none. Needs tshark, as the stored rows have no protocols.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { decodeTcp } from '../../src/analyzer/layers/decode.js';
import { DecodeStatus, destinationText, newTcpPacket, sourceText } from '../../src/analyzer/layers/tcpPacket.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable } from './corpusFiles.js';
import { hasTshark, tsharkFields } from '../unit/generator-tshark.js';

/** The corpus captures in which tshark decodes TCP inside a tunnel (found with `frame.protocols`). */
const TUNNEL_CAPTURES = [
  'libpcap/AH-IPcomp-IPv4.pcap', 'libpcap/AH-IPcomp-IPv6.pcap', 'libpcap/geneve.pcap', 'tcpdump/geneve.pcap',
  'tcpdump/geneve-gcp.pcap', 'tcpdump/gso-ipv4-geneve-ipv4.pcap', 'tcpdump/gso-ipv4-geneve-ipv6.pcap',
  'tcpdump/gso-ipv4-vxlan-ipv4.pcap', 'tcpdump/gso-ipv4-vxlan-ipv6.pcap', 'tcpdump/gso-ipv6-geneve-ipv4.pcap',
  'tcpdump/gso-ipv6-geneve-ipv6.pcap', 'tcpdump/gso-ipv6-vxlan-ipv4.pcap', 'tcpdump/gso-ipv6-vxlan-ipv6.pcap',
  'tcpdump/wccp_redirect_gre.pcap',
];

const skip = !corpusAvailable() ? CORPUS_ABSENT
  : !hasTshark() ? 'tshark is not installed (apt-get install -y tshark): TCP inside tunnels was not compared' : false;

const FIELDS = [
  'frame.number', 'frame.protocols', 'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport',
  'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags',
];

/** The last of a multi-valued field: tshark lists headers outermost first. */
function innermost(field: string): string {
  return field.slice(field.lastIndexOf(',') + 1);
}

const TUNNEL_PROTOCOLS: Record<string, string> = { vxlan: 'vxlan', geneve: 'geneve', gre: 'gre', erspan: 'erspan', mpls: 'mpls', pppoes: 'pppoe' };

/** The outermost tunnel in tshark's `frame.protocols` (`eth:ethertype:ip:udp:vxlan:eth:…`), or 'none'. */
function outermostTunnel(protocols: string): string {
  const layers = protocols.split(':');
  for (let at = 0; at < layers.length; at++) {
    const layer = layers[at];
    if (layer === 'gre' && layers[at + 1] === 'erspan') return 'erspan';
    if (layer in TUNNEL_PROTOCOLS) return TUNNEL_PROTOCOLS[layer];
    if (layer === 'ip' || layer === 'ipv6') {
      const next = layers.slice(at + 1).find((inner) => inner !== 'ah');
      if (next === 'ip' || next === 'ipv6') return 'ipip';
    }
  }
  return 'none';
}

test('TCP segments inside tunnels match tshark\'s innermost headers', { skip }, async (t) => {
  let compared = 0;
  let excluded = 0;
  const kinds = new Map<string, number>();
  for (const capture of TUNNEL_CAPTURES) {
    await t.test(capture, () => {
      const path = join(CORPUS_ROOT, capture);
      const rows = tsharkFields(path, FIELDS, 'tcp')!;
      const expected = new Map<number, string>();
      for (const [frame, protocols, ipSrc, ipv6Src, ipDst, ipv6Dst, srcPort, dstPort, seq, ack, flags] of rows) {
        const layers = protocols.split(':');
        if (layers.includes('ipcomp')) {
          // The packet inside IPComp is compressed: tshark inflates it, we do not decompress.
          excluded++;
          continue;
        }
        const tunnel = outermostTunnel(protocols);
        kinds.set(tunnel, (kinds.get(tunnel) ?? 0) + 1);
        // The innermost IP header is the last in the layers; its addresses are the last of its field.
        const innerIsIpv6 = layers.lastIndexOf('ipv6') > layers.lastIndexOf('ip');
        expected.set(Number(frame), [
          innermost(innerIsIpv6 ? ipv6Src : ipSrc), innermost(innerIsIpv6 ? ipv6Dst : ipDst), innermost(srcPort), innermost(dstPort),
          innermost(seq), innermost(ack), `0x${(parseInt(innermost(flags), 16) & 0xff).toString(16)}`, tunnel,
        ].join(' '));
      }
      const ours = new Map<number, string>();
      const packet = newTcpPacket();
      const reader = openCapture(new MemorySource(readFileSync(path)), capture);
      for (let record = reader.next(); record !== null; record = reader.next()) {
        if (decodeTcp(record.linkType, record.bytes, record.dataOffset, record.capturedLength, record.originalLength, packet) !== DecodeStatus.Tcp) continue;
        ours.set(record.index + 1, [
          sourceText(packet), destinationText(packet), packet.srcPort, packet.dstPort, packet.seq, packet.ack,
          `0x${packet.flags.toString(16)}`, packet.tunnel?.kind ?? 'none',
        ].join(' '));
      }
      const problems: string[] = [];
      for (const [frame, fields] of expected) {
        compared++;
        if (ours.get(frame) !== fields) problems.push(`frame ${frame}: tshark ${fields} / ours ${ours.get(frame) ?? 'no TCP segment'}`);
      }
      for (const [frame, fields] of ours) if (!expected.has(frame)) problems.push(`frame ${frame}: ours ${fields} / tshark no TCP segment`);
      assert.deepEqual(problems, []);
      assert.ok(expected.size > 0, 'tshark found no TCP segment: the capture list is stale');
    });
  }
  t.diagnostic(`${TUNNEL_CAPTURES.length} captures, ${compared} TCP segments compared, ${excluded} inside IPComp not (compressed); outermost tunnels: ${[...kinds].map(([kind, n]) => `${n} × ${kind}`).join(', ')}`);
});
