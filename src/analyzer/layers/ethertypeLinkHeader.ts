import { DecodeStatus } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';
import { skipVlanTags } from './vlan.js';

/**
 * The common shape of Ethernet, SLL and SLL2: a fixed-length header holding an ethertype somewhere in it,
 * possibly followed by VLAN tags. Leaves the cursor on the network header with its ethertype.
 */
export function followEthertype(data: Uint8Array, cursor: LayerCursor, headerLength: number, ethertypeAt: number): number {
  if (data.length < headerLength) return DecodeStatus.Truncated;
  cursor.offset = headerLength;
  cursor.protocol = (data[ethertypeAt] << 8) | data[ethertypeAt + 1];
  return skipVlanTags(data, cursor);
}
