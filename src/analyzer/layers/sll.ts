import { type LayerCursor } from './layerCursor.js';
import { followEthertype } from './ethertypeLinkHeader.js';

/** Packet type, ARPHRD type, address length, 8 address bytes, protocol. */
const SLL_HEADER_LENGTH = 16;
const PROTOCOL_AT = 14;

/**
 * LINKTYPE_LINUX_SLL (113), what `tcpdump -i any` wrote before SLL2. The protocol field is an ethertype
 * for the frames we care about; Linux keeps VLAN tags in the payload when it did not strip them.
 */
export function decodeSll(data: Uint8Array, cursor: LayerCursor): number {
  return followEthertype(data, cursor, SLL_HEADER_LENGTH, PROTOCOL_AT);
}
