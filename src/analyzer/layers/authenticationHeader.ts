import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';

/**
 * Steps over an IPsec Authentication Header (RFC 4302) at `cursor.offset`: AH authenticates without
 * encrypting, so the TCP header behind it is readable. Its length field counts 4-byte words minus 2,
 * unlike the other IPv6 extension headers.
 */
export function skipAuthenticationHeader(data: Uint8Array, cursor: LayerCursor): number {
  const offset = cursor.offset;
  if (offset + 2 > cursor.end) return DecodeStatus.Truncated;
  const length = (data[offset + 1] + 2) * 4;
  if (length > cursor.ipPayloadLength) return DecodeStatus.Malformed;
  cursor.protocol = data[offset];
  cursor.offset = offset + length;
  cursor.ipPayloadLength -= length;
  return CONTINUE;
}
