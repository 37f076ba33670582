import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, skipTunnelHeader, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeInnerEthernet, tunnelHeaderFits } from './tunnelHeader.js';
import * as etherTypes from './etherTypes.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_TRANSPARENT_ETHERNET } = etherTypes;

/** IANA's UDP port for Geneve (RFC 8926). */
export const GENEVE_PORT = 6081;

const GENEVE_FIXED_LENGTH = 8;

/**
 * The Geneve header (RFC 8926) at `cursor.offset`: version and options length (in 4-byte words), flags,
 * the protocol type of the payload (an ethertype), the 24-bit VNI, then the options. Version 0 only, as
 * geneve_udp_encap_recv() (drivers/net/geneve.c) drops any other; the payload is an Ethernet frame
 * (0x6558) or, with inner_proto_inherit, IPv4 or IPv6 directly.
 */
export function decodeGeneve(data: Uint8Array, cursor: LayerCursor, ipOffset: number): number {
  let fits = tunnelHeaderFits(cursor, GENEVE_FIXED_LENGTH);
  if (fits !== CONTINUE) return fits;
  const at = cursor.offset;
  if (data[at] >>> 6 !== 0) return DecodeStatus.NotTcp;
  const headerLength = GENEVE_FIXED_LENGTH + (data[at] & 0x3f) * 4;
  fits = tunnelHeaderFits(cursor, headerLength);
  if (fits !== CONTINUE) return fits;
  const protocol = (data[at + 2] << 8) | data[at + 3];
  if (protocol !== ETHERTYPE_TRANSPARENT_ETHERNET && protocol !== ETHERTYPE_IPV4 && protocol !== ETHERTYPE_IPV6) return DecodeStatus.NotTcp;
  noteTunnel(cursor, TunnelKind.Geneve, ipOffset, (data[at + 4] << 16) | (data[at + 5] << 8) | data[at + 6]);
  skipTunnelHeader(cursor, headerLength);
  if (protocol === ETHERTYPE_TRANSPARENT_ETHERNET) return decodeInnerEthernet(data, cursor);
  cursor.protocol = protocol;
  return CONTINUE;
}
