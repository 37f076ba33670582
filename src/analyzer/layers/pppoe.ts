import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, TunnelKind, type LayerCursor } from './layerCursor.js';
import * as etherTypes from './etherTypes.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } = etherTypes;

const PPPOE_HEADER_LENGTH = 6;
/** Version 1, type 1 (RFC 2516), in one byte. */
const VERSION_AND_TYPE = 0x11;
/** The code of session data; discovery packets (PADI, PADO…) have others. */
const CODE_SESSION_DATA = 0x00;
const PPP_IPV4 = 0x0021;
const PPP_IPV6 = 0x0057;

/**
 * A PPPoE session header (RFC 2516, ethertype 0x8864) at `cursor.offset`, then PPP's protocol field:
 * 0x0021 IPv4, 0x0057 IPv6. `wireEnd` is where the frame ends on the wire; a length that claims more
 * than that is an overrun (pppoe_rcv(), drivers/net/ppp/pppoe.c, drops a frame shorter than its length).
 * A protocol field whose first byte is odd is the 1-byte form of RFC 1661's field compression.
 * The session ID is the tunnel's identifier.
 */
export function decodePppoeSession(data: Uint8Array, wireEnd: number, cursor: LayerCursor): number {
  const at = cursor.offset;
  if (at + PPPOE_HEADER_LENGTH + 1 > cursor.end) return DecodeStatus.Truncated;
  if (data[at] !== VERSION_AND_TYPE || data[at + 1] !== CODE_SESSION_DATA) return DecodeStatus.NotTcp;
  const length = (data[at + 4] << 8) | data[at + 5];
  if (at + PPPOE_HEADER_LENGTH + length > wireEnd) return DecodeStatus.TunnelOverrun;
  const compressed = (data[at + PPPOE_HEADER_LENGTH] & 0x01) !== 0;
  const protocolLength = compressed ? 1 : 2;
  if (protocolLength > length) return DecodeStatus.TunnelOverrun;
  if (at + PPPOE_HEADER_LENGTH + protocolLength > cursor.end) return DecodeStatus.Truncated;
  const protocol = compressed ? data[at + PPPOE_HEADER_LENGTH] : (data[at + PPPOE_HEADER_LENGTH] << 8) | data[at + PPPOE_HEADER_LENGTH + 1];
  if (protocol !== PPP_IPV4 && protocol !== PPP_IPV6) return DecodeStatus.NotTcp;
  noteTunnel(cursor, TunnelKind.Pppoe, -1, (data[at + 2] << 8) | data[at + 3]);
  cursor.offset = at + PPPOE_HEADER_LENGTH + protocolLength;
  cursor.protocol = protocol === PPP_IPV4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
  return CONTINUE;
}
