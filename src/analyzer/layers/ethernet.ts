import { type LayerCursor } from './layerCursor.js';
import { followEthertype } from './ethertypeLinkHeader.js';

/** Destination MAC, source MAC, type/length. */
const ETHERNET_HEADER_LENGTH = 14;
const ETHERTYPE_AT = 12;

/**
 * LINKTYPE_ETHERNET (1): Ethernet II, with any 802.1Q / 802.1ad tags stepped over. A type ≤ 1500 is an
 * 802.3 length (LLC follows), which the network dispatch treats as not IP.
 */
export function decodeEthernet(data: Uint8Array, cursor: LayerCursor): number {
  return followEthertype(data, cursor, ETHERNET_HEADER_LENGTH, ETHERTYPE_AT);
}
