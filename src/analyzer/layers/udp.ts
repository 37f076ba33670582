import { DecodeStatus } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';
import { decodeVxlan, isVxlanPort } from './vxlan.js';
import { decodeGeneve, GENEVE_PORT } from './geneve.js';

const UDP_HEADER_LENGTH = 8;

/**
 * The UDP header at `cursor.offset`, whose IP header starts at `ipOffset`: only the tunnels that ride on
 * UDP go on (VXLAN, Geneve, by destination port); every other datagram is not TCP.
 */
export function decodeUdpTunnel(data: Uint8Array, cursor: LayerCursor, ipOffset: number): number {
  const offset = cursor.offset;
  if (offset + UDP_HEADER_LENGTH > cursor.end) return DecodeStatus.Truncated;
  const port = (data[offset + 2] << 8) | data[offset + 3];
  const isVxlan = isVxlanPort(port);
  if (!isVxlan && port !== GENEVE_PORT) return DecodeStatus.NotTcp;
  if (cursor.fragmented) return DecodeStatus.TunnelFragment;
  let length = (data[offset + 4] << 8) | data[offset + 5];
  // 0 is what segmentation offload (and IPv6 jumbograms, RFC 2675) leave: the IP payload says how long.
  if (length === 0 || length > cursor.ipPayloadLength) length = cursor.ipPayloadLength;
  if (length < UDP_HEADER_LENGTH) return DecodeStatus.Malformed;
  cursor.offset = offset + UDP_HEADER_LENGTH;
  cursor.ipPayloadLength = length - UDP_HEADER_LENGTH;
  return isVxlan ? decodeVxlan(data, cursor, ipOffset) : decodeGeneve(data, cursor, ipOffset);
}

