/**
 * A captured packet wrapped in a tunnel (VXLAN, Geneve, GRE, ERSPAN II/III, IP-in-IP, MPLS, PPPoE), then,
 * most of the time, one byte of the tunnel's headers made hostile: the tunnel decoders' lengths, flags
 * and versions get the same treatment as the IP and TCP headers. Mutants of mutants nest tunnels.
 */
import type { SeededRandom } from '../../../src/generator/scenario/seededRandom.js';
import type { CaptureLayout, CaptureUnit } from '../captureLayout.js';
import { frameAnatomy } from '../frameAnatomy.js';
import type { Mutator } from './mutator.js';
import { pick, splice, viewOf } from './mutator.js';

const ENHANCED_PACKET = 6;
const LINKTYPE_ETHERNET = 1;
const ETHERNET_TYPE_AT = 12;
const ETHERNET_HEADER_LENGTH = 14;

type Wrap = (ipPacket: Uint8Array, ipVersion: 4 | 6) => { headers: number[]; linkEthertype: number | null };

const INNER_MACS = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];

function be16(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

/** An outer IP header of the packet's own version (so the link header's type stays right) around `payloadLength` bytes. */
function outerIp(ipVersion: 4 | 6, protocol: number, payloadLength: number): number[] {
  if (ipVersion === 4) {
    return [0x45, 0, ...be16(20 + payloadLength), 0, 1, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
  }
  const address = (last: number) => [0xfd, ...new Array<number>(14).fill(0), last];
  return [0x60, 0, 0, 0, ...be16(payloadLength), protocol, 64, ...address(1), ...address(2)];
}

function ethertypeOf(ipVersion: 4 | 6): number[] {
  return ipVersion === 4 ? [0x08, 0x00] : [0x86, 0xdd];
}

function overUdp(port: number, tunnelHeader: number[], withEthernet: boolean): Wrap {
  return (packet, ipVersion) => {
    const inner = withEthernet ? [...INNER_MACS, ...ethertypeOf(ipVersion)] : [];
    const udpLength = 8 + tunnelHeader.length + inner.length + packet.length;
    const udp = [0xc3, 0x50, ...be16(port), ...be16(udpLength), 0, 0];
    return { headers: [...outerIp(ipVersion, 17, udpLength), ...udp, ...tunnelHeader, ...inner], linkEthertype: null };
  };
}

function overGre(greHeader: number[], withEthernet: boolean): Wrap {
  return (packet, ipVersion) => {
    const inner = withEthernet ? [...INNER_MACS, ...ethertypeOf(ipVersion)] : [];
    const payload = [...greHeader, ...inner];
    return { headers: [...outerIp(ipVersion, 47, payload.length + packet.length), ...payload], linkEthertype: null };
  };
}

const WRAPS: Record<string, Wrap> = {
  vxlan: overUdp(4789, [0x08, 0, 0, 0, 0, 0, 1, 0], true),
  'vxlan-8472': overUdp(8472, [0x08, 0, 0, 0, 0, 0, 1, 0], true),
  geneve: overUdp(6081, [0x01, 0, 0x65, 0x58, 0, 0, 42, 0, 1, 2, 3, 4], true),
  gre: (packet, ipVersion) => overGre([0xb0, 0, ...ethertypeOf(ipVersion), 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 1], false)(packet, ipVersion),
  'gre-bridged': overGre([0x20, 0, 0x65, 0x58, 0, 0, 0, 9], true),
  'erspan-ii': overGre([0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, 0x10, 0x64, 0, 45, 0, 0, 0, 0], true),
  'erspan-iii': overGre([0, 0, 0x22, 0xeb, 0x20, 0, 0x03, 0xff, 0, 0, 0, 1, 0, 0, 0, 0x01, 8, 0, 0, 0, 0, 0, 0, 0], true),
  ipip: (packet, ipVersion) => ({ headers: outerIp(ipVersion, ipVersion === 4 ? 4 : 41, packet.length), linkEthertype: null }),
  mpls: () => ({ headers: [0, 1, 0, 64, 0, 2, 1, 64], linkEthertype: 0x8847 }),
  pppoe: (packet, ipVersion) => ({ headers: [0x11, 0, 0x12, 0x34, ...be16(2 + packet.length), ...(ipVersion === 4 ? [0, 0x21] : [0, 0x57])], linkEthertype: 0x8864 }),
};

/** Hostile values for one byte of a tunnel header: flags all set, lengths 0 and maximal, other versions. */
const HOSTILE_BYTES = [0x00, 0x01, 0x3f, 0x7f, 0x80, 0xff, 0x10, 0x20, 0x08];

interface PacketUnit {
  unit: CaptureUnit;
  start: number;
  length: number;
  linkType: number;
}

/** pcap records and pcapng enhanced packets: the units whose lengths this mutator knows how to rewrite. */
function packetUnits(layout: CaptureLayout): PacketUnit[] {
  const units: PacketUnit[] = [];
  for (const unit of layout.units) {
    if (unit.packet === null || unit.packet.linkType < 0) continue;
    if (unit.kind !== 'pcap-record' && !(unit.kind === 'pcapng-block' && unit.blockType === ENHANCED_PACKET)) continue;
    units.push({ unit, ...unit.packet });
    if (units.length >= 256) break;
  }
  return units;
}

/** The capture with one packet's bytes replaced and its record's or block's lengths rewritten to match. */
function replacePacket(input: Uint8Array, target: PacketUnit, frame: Uint8Array): Uint8Array {
  const { unit } = target;
  if (unit.kind === 'pcap-record') {
    const out = splice(input, target.start, target.length, frame);
    const view = viewOf(out);
    const grown = frame.length - target.length;
    view.setUint32(unit.offset + 8, frame.length, unit.littleEndian);
    view.setUint32(unit.offset + 12, (view.getUint32(unit.offset + 12, unit.littleEndian) + grown) >>> 0, unit.littleEndian);
    return out;
  }
  const padded = (length: number) => (length + 3) & ~3;
  const replaced = new Uint8Array(padded(frame.length));
  replaced.set(frame);
  const out = splice(input, target.start, padded(target.length), replaced);
  const view = viewOf(out);
  const blockLength = unit.length - padded(target.length) + replaced.length;
  view.setUint32(unit.offset + 4, blockLength, unit.littleEndian);
  view.setUint32(unit.offset + blockLength - 4, blockLength, unit.littleEndian);
  view.setUint32(unit.offset + 20, frame.length, unit.littleEndian);
  view.setUint32(unit.offset + 24, frame.length, unit.littleEndian);
  return out;
}

/** The tunnels a packet can be wrapped in, by the name their mutants are reported with. */
export const TUNNEL_WRAPS = Object.keys(WRAPS);

/** Where a frame can be wrapped: it has an IP header, and for MPLS and PPPoE a plain Ethernet header to retype. */
function canWrap(kind: string, linkType: number, frame: Uint8Array): boolean {
  const anatomy = frameAnatomy(linkType, frame);
  return anatomy !== null && (WRAPS[kind](new Uint8Array(0), 4).linkEthertype === null || (linkType === LINKTYPE_ETHERNET && anatomy.ip === ETHERNET_HEADER_LENGTH));
}

/**
 * The frame with its IP packet wrapped in the tunnel `kind`, and the index of the tunnel's first header
 * byte and how many there are; null when the frame cannot be wrapped.
 */
export function wrapFrame(kind: string, linkType: number, frame: Uint8Array): { frame: Uint8Array; headersAt: number; headersLength: number } | null {
  if (!canWrap(kind, linkType, frame)) return null;
  const anatomy = frameAnatomy(linkType, frame)!;
  const ipPacket = frame.subarray(anatomy.ip);
  const { headers, linkEthertype } = WRAPS[kind](ipPacket, anatomy.ipVersion);
  const wrapped = new Uint8Array(anatomy.ip + headers.length + ipPacket.length);
  wrapped.set(frame.subarray(0, anatomy.ip));
  wrapped.set(headers, anatomy.ip);
  wrapped.set(ipPacket, anatomy.ip + headers.length);
  if (linkEthertype !== null) viewOf(wrapped).setUint16(ETHERNET_TYPE_AT, linkEthertype);
  return { frame: wrapped, headersAt: anatomy.ip, headersLength: headers.length };
}

/** One mutator for every tunnel, so that the tunnels do not crowd out the other mutators. */
export const tunnelWrap: Mutator = {
  name: 'tunnel-wrap',
  mutate(input, layout, random) {
    const kind = pick(random, TUNNEL_WRAPS);
    const candidates = packetUnits(layout).filter(({ start, length, linkType }) => canWrap(kind, linkType, input.subarray(start, start + length)));
    if (candidates.length === 0) return null;
    const target = pick(random, candidates);
    const wrapped = wrapFrame(kind, target.linkType, input.subarray(target.start, target.start + target.length))!;
    // Mostly, one byte of the tunnel's headers (the outer IP header's included) is then made hostile.
    if (random.chance(0.75)) wrapped.frame[wrapped.headersAt + random.int(0, wrapped.headersLength - 1)] = pick(random, HOSTILE_BYTES);
    return replacePacket(input, target, wrapped.frame);
  },
};
