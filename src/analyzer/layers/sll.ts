import { DecodeStatus } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';
import { skipVlanTags } from './vlan.js';

/** Packet type, ARPHRD type, address length, 8 address bytes, protocol. */
const SLL_HEADER_LENGTH = 16;

/**
 * LINKTYPE_LINUX_SLL (113), what `tcpdump -i any` wrote before SLL2. The protocol field is an ethertype
 * for the frames we care about; Linux keeps VLAN tags in the payload when it did not strip them.
 */
export function decodeSll(data: Uint8Array, cursor: LayerCursor): number {
  if (data.length < SLL_HEADER_LENGTH) return DecodeStatus.Truncated;
  cursor.offset = SLL_HEADER_LENGTH;
  cursor.protocol = (data[14] << 8) | data[15];
  return skipVlanTags(data, cursor);
}
