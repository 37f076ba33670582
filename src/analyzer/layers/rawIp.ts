import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from './etherTypes.js';

/**
 * LINKTYPE_RAW (101) and the DLT_RAW values 12 and 14 that some systems wrote into files: no link
 * header, the IP version nibble says which IP follows.
 */
export function decodeRawIp(data: Uint8Array, cursor: LayerCursor): number {
  if (cursor.offset >= cursor.end) return DecodeStatus.Truncated;
  const version = data[cursor.offset] >>> 4;
  cursor.protocol = version === 4 ? ETHERTYPE_IPV4 : version === 6 ? ETHERTYPE_IPV6 : 0;
  return CONTINUE;
}

/** LINKTYPE_IPV4 (228): no link header, always IPv4. */
export function decodeRawIpv4(_data: Uint8Array, cursor: LayerCursor): number {
  cursor.protocol = ETHERTYPE_IPV4;
  return CONTINUE;
}

/** LINKTYPE_IPV6 (229): no link header, always IPv6. */
export function decodeRawIpv6(_data: Uint8Array, cursor: LayerCursor): number {
  cursor.protocol = ETHERTYPE_IPV6;
  return CONTINUE;
}
