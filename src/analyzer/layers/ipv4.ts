import { DecodeStatus, type TcpPacket } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';

const IPV4_MIN_HEADER_LENGTH = 20;
const FRAGMENT_OFFSET_MASK = 0x1fff;
const MORE_FRAGMENTS = 0x2000;

/**
 * The IPv4 header at `cursor.offset`; leaves the cursor on its payload with the protocol number.
 * `wireEnd` is where the frame would end in the buffer had the snaplen not cut it, which bounds the
 * total length field.
 */
export function decodeIpv4(data: Uint8Array, wireEnd: number, cursor: LayerCursor, out: TcpPacket): number {
  const offset = cursor.offset;
  if (offset + IPV4_MIN_HEADER_LENGTH > cursor.end) return DecodeStatus.Truncated;
  const versionAndIhl = data[offset];
  if (versionAndIhl >>> 4 !== 4) return DecodeStatus.Malformed;
  const headerLength = (versionAndIhl & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER_LENGTH) return DecodeStatus.Malformed;
  const onWire = wireEnd - offset;
  let totalLength = (data[offset + 2] << 8) | data[offset + 3];
  // 0 is what TCP segmentation offload leaves in captures taken on the sender: the frame says how long.
  if (totalLength === 0) totalLength = onWire;
  else if (totalLength > onWire) totalLength = onWire;
  if (totalLength < headerLength) return DecodeStatus.Malformed;
  out.ipVersion = 4;
  out.ttl = data[offset + 8];
  out.srcV4 = ((data[offset + 12] << 24) | (data[offset + 13] << 16) | (data[offset + 14] << 8) | data[offset + 15]) >>> 0;
  out.dstV4 = ((data[offset + 16] << 24) | (data[offset + 17] << 16) | (data[offset + 18] << 8) | data[offset + 19]) >>> 0;
  out.srcV6 = '';
  out.dstV6 = '';
  const fragmentField = (data[offset + 6] << 8) | data[offset + 7];
  cursor.protocol = data[offset + 9];
  // Only the first fragment carries the TCP header; reassembly is out of scope for handshakes.
  if ((fragmentField & FRAGMENT_OFFSET_MASK) !== 0) return DecodeStatus.Fragment;
  cursor.fragmented = (fragmentField & MORE_FRAGMENTS) !== 0;
  if (offset + headerLength > cursor.end) return DecodeStatus.Truncated;
  cursor.offset = offset + headerLength;
  cursor.ipPayloadLength = totalLength - headerLength;
  return CONTINUE;
}
