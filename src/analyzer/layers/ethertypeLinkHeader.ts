import { DecodeStatus } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';
import { skipVlanTags } from './vlan.js';

/**
 * The common shape of Ethernet, SLL and SLL2: a fixed-length header holding an ethertype somewhere in it,
 * possibly followed by VLAN tags. Leaves the cursor on the network header with its ethertype.
 */
export function followEthertype(data: Uint8Array, cursor: LayerCursor, headerLength: number, ethertypeAt: number): number {
  const start = cursor.offset;
  if (start + headerLength > cursor.end) return DecodeStatus.Truncated;
  cursor.offset = start + headerLength;
  cursor.protocol = (data[start + ethertypeAt] << 8) | data[start + ethertypeAt + 1];
  return skipVlanTags(data, cursor);
}
