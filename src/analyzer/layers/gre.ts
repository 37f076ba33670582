import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, skipTunnelHeader, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeInnerEthernet, tunnelHeaderFits } from './tunnelHeader.js';
import { decodeErspan } from './erspan.js';
import * as etherTypes from './etherTypes.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_ERSPAN, ETHERTYPE_ERSPAN_III, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_TRANSPARENT_ETHERNET, ETHERTYPE_WCCP } = etherTypes;

const GRE_BASE_LENGTH = 4;
const FLAG_CHECKSUM = 0x80;
/** RFC 1701 source routing: gone from RFC 2784. */
const FLAG_ROUTING = 0x40;
const FLAG_KEY = 0x20;
const FLAG_SEQUENCE = 0x10;
/** The version bits of the second byte: 0 is GRE, 1 PPTP's enhanced GRE (PPP inside). */
const VERSION_MASK = 0x07;
const WCCP_REDIRECT_HEADER_LENGTH = 4;

/**
 * The GRE header (RFC 2784, with RFC 2890's key and sequence number) at `cursor.offset`, carried by the
 * IP header at `ipOffset`. As the kernel's gre_parse_header() (net/ipv4/gre_demux.c): a version other
 * than 0 or the routing bit is not for us; the header is 4 bytes plus 4 for each of checksum, key and
 * sequence number present; the key is the tunnel's identifier. The payload is IPv4, IPv6, an Ethernet
 * frame (transparent bridging), ERSPAN, or WCCP's redirected IPv4 packet.
 */
export function decodeGre(data: Uint8Array, cursor: LayerCursor, ipOffset: number): number {
  let fits = tunnelHeaderFits(cursor, GRE_BASE_LENGTH);
  if (fits !== CONTINUE) return fits;
  const at = cursor.offset;
  const flags = data[at];
  if ((flags & FLAG_ROUTING) !== 0 || (data[at + 1] & VERSION_MASK) !== 0) return DecodeStatus.NotTcp;
  const protocol = (data[at + 2] << 8) | data[at + 3];
  const hasKey = (flags & FLAG_KEY) !== 0;
  const hasSequence = (flags & FLAG_SEQUENCE) !== 0;
  const keyAt = at + GRE_BASE_LENGTH + ((flags & FLAG_CHECKSUM) !== 0 ? 4 : 0);
  const headerLength = keyAt - at + (hasKey ? 4 : 0) + (hasSequence ? 4 : 0);
  fits = tunnelHeaderFits(cursor, headerLength);
  if (fits !== CONTINUE) return fits;
  const key = hasKey ? ((data[keyAt] << 24) | (data[keyAt + 1] << 16) | (data[keyAt + 2] << 8) | data[keyAt + 3]) >>> 0 : -1;
  if (protocol === ETHERTYPE_ERSPAN || protocol === ETHERTYPE_ERSPAN_III) {
    skipTunnelHeader(cursor, headerLength);
    return decodeErspan(data, cursor, ipOffset, protocol === ETHERTYPE_ERSPAN_III, hasSequence);
  }
  // gre_parse_header() reads WCCP only with every flag clear.
  const isWccp = protocol === ETHERTYPE_WCCP && flags === 0;
  if (protocol !== ETHERTYPE_IPV4 && protocol !== ETHERTYPE_IPV6 && protocol !== ETHERTYPE_TRANSPARENT_ETHERNET && !isWccp) {
    return DecodeStatus.NotTcp;
  }
  noteTunnel(cursor, TunnelKind.Gre, ipOffset, key);
  skipTunnelHeader(cursor, headerLength);
  if (protocol === ETHERTYPE_TRANSPARENT_ETHERNET) return decodeInnerEthernet(data, cursor);
  if (isWccp) return skipWccpRedirectHeader(data, cursor);
  cursor.protocol = protocol;
  return CONTINUE;
}

/**
 * WCCP (protocol type 0x883e, flags all clear) redirects an IPv4 packet, version 2 behind a 4-byte
 * redirect header: gre_parse_header() tells them by the first nibble, 4 for the packet itself.
 */
function skipWccpRedirectHeader(data: Uint8Array, cursor: LayerCursor): number {
  if (cursor.offset >= cursor.end) return DecodeStatus.Truncated;
  if (data[cursor.offset] >>> 4 !== 4) {
    const fits = tunnelHeaderFits(cursor, WCCP_REDIRECT_HEADER_LENGTH);
    if (fits !== CONTINUE) return fits;
    skipTunnelHeader(cursor, WCCP_REDIRECT_HEADER_LENGTH);
  }
  cursor.protocol = ETHERTYPE_IPV4;
  return CONTINUE;
}
