import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from './etherTypes.js';

/** The 4-byte address family that precedes the IP header. */
const FAMILY_HEADER_LENGTH = 4;

/** BSD address families as written by the BSDs, macOS and Linux; IPv6's value differs between them. */
const AF_INET = 2;
const AF_INET6_NETBSD_OPENBSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;

/**
 * LINKTYPE_NULL (0): the family is in the byte order of the host that captured, which the file does not
 * say. Families are small numbers, so a value with any of its upper 16 bits set was written little-endian
 * read as big-endian (the rule Wireshark uses).
 */
export function decodeNull(data: Uint8Array, cursor: LayerCursor): number {
  const at = cursor.offset;
  if (at + FAMILY_HEADER_LENGTH > cursor.end) return DecodeStatus.Truncated;
  const bigEndian = ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
  const family = bigEndian > 0xffff ? ((data[at + 3] << 24) | (data[at + 2] << 16) | (data[at + 1] << 8) | data[at]) >>> 0 : bigEndian;
  return setFamily(family, cursor);
}

/** LINKTYPE_LOOP (108): OpenBSD's loopback, the same family header always in network byte order. */
export function decodeLoop(data: Uint8Array, cursor: LayerCursor): number {
  const at = cursor.offset;
  if (at + FAMILY_HEADER_LENGTH > cursor.end) return DecodeStatus.Truncated;
  return setFamily(((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0, cursor);
}

/** Hands the family on as an ethertype, so that every link layer leads to the same network dispatch. */
function setFamily(family: number, cursor: LayerCursor): number {
  cursor.offset += FAMILY_HEADER_LENGTH;
  if (family === AF_INET) cursor.protocol = ETHERTYPE_IPV4;
  else if (family === AF_INET6_NETBSD_OPENBSD || family === AF_INET6_FREEBSD || family === AF_INET6_DARWIN) cursor.protocol = ETHERTYPE_IPV6;
  else cursor.protocol = 0;
  return CONTINUE;
}
