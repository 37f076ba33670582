import { DecodeStatus } from './tcpPacket.js';
import { noteTunnel, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeRawIp } from './rawIp.js';

const LABEL_ENTRY_LENGTH = 4;
/** Deeper than any real label stack (segment routing uses a handful): a crafted stack cannot keep us busy. */
const MAX_LABELS = 16;
const BOTTOM_OF_STACK = 0x01;

/**
 * An MPLS label stack (RFC 3032, ethertypes 0x8847 and 0x8848) at `cursor.offset`: 4-byte entries of
 * label, traffic class, bottom-of-stack bit and TTL, up to the entry with the bit set. The stack does not
 * say what follows; like mpls_egress() (net/mpls/af_mpls.c) for a route of unspecified payload, the IP
 * version nibble does (a pseudowire's Ethernet or control word is not read: not TCP). The bottom label
 * is the tunnel's identifier.
 */
export function decodeMpls(data: Uint8Array, cursor: LayerCursor): number {
  let at = cursor.offset;
  for (let labels = 0; ; labels++) {
    if (labels === MAX_LABELS) return DecodeStatus.Malformed;
    if (at + LABEL_ENTRY_LENGTH > cursor.end) return DecodeStatus.Truncated;
    const bottom = (data[at + 2] & BOTTOM_OF_STACK) !== 0;
    at += LABEL_ENTRY_LENGTH;
    if (bottom) break;
  }
  const entry = at - LABEL_ENTRY_LENGTH;
  noteTunnel(cursor, TunnelKind.Mpls, -1, (data[entry] << 12) | (data[entry + 1] << 4) | (data[entry + 2] >>> 4));
  cursor.offset = at;
  return decodeRawIp(data, cursor);
}
