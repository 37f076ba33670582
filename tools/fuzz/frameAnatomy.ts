/**
 * Where the IP and TCP headers of a captured frame start, found with the analyzer's own link decoders,
 * so that the packet mutators break the fields the IP and TCP decoders trust (IHL, data offset, the
 * IPv6 extension chain).
 */
import { decodeEthernet } from '../../src/analyzer/layers/ethernet.js';
import { CONTINUE, newLayerCursor, startFrame } from '../../src/analyzer/layers/layerCursor.js';
import { decodeLoop, decodeNull } from '../../src/analyzer/layers/nullLoop.js';
import { decodeRawIp, decodeRawIpv4, decodeRawIpv6 } from '../../src/analyzer/layers/rawIp.js';
import { decodeSll } from '../../src/analyzer/layers/sll.js';
import { decodeSll2 } from '../../src/analyzer/layers/sll2.js';

export interface FrameAnatomy {
  /** Offset of the IP header within the frame. */
  ip: number;
  ipVersion: 4 | 6;
  /** Offset of the TCP header (after the IPv4 options or the IPv6 extension chain), or -1 when not TCP. */
  tcp: number;
}

const PROTOCOL_TCP = 6;
const IPV6_EXTENSIONS = new Set([0, 43, 60, 51]);

function linkDecoder(linkType: number): ((data: Uint8Array, cursor: ReturnType<typeof newLayerCursor>) => number) | null {
  switch (linkType) {
    case 1: return decodeEthernet;
    case 276: return decodeSll2;
    case 113: return decodeSll;
    case 0: return decodeNull;
    case 108: return decodeLoop;
    case 101: case 12: case 14: return decodeRawIp;
    case 228: return decodeRawIpv4;
    case 229: return decodeRawIpv6;
    default: return null;
  }
}

export function frameAnatomy(linkType: number, frame: Uint8Array): FrameAnatomy | null {
  const decode = linkDecoder(linkType);
  if (decode === null) return null;
  const cursor = newLayerCursor();
  startFrame(cursor, 0, frame.length);
  if (decode(frame, cursor) !== CONTINUE) return null;
  const ip = cursor.offset;
  if (ip >= frame.length) return null;
  const version = frame[ip] >> 4;
  if (version === 4 && ip + 20 <= frame.length) {
    const tcp = frame[ip + 9] === PROTOCOL_TCP ? ip + (frame[ip] & 0x0f) * 4 : -1;
    return { ip, ipVersion: 4, tcp: tcp + 20 <= frame.length ? tcp : -1 };
  }
  if (version === 6 && ip + 40 <= frame.length) {
    let next = frame[ip + 6];
    let at = ip + 40;
    for (let hops = 0; IPV6_EXTENSIONS.has(next) && at + 8 <= frame.length && hops < 8; hops++) {
      const length = next === 51 ? (frame[at + 1] + 2) * 4 : (frame[at + 1] + 1) * 8;
      next = frame[at];
      at += length;
    }
    return { ip, ipVersion: 6, tcp: next === PROTOCOL_TCP && at + 20 <= frame.length ? at : -1 };
  }
  return null;
}
