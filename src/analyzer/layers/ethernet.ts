import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import { skipVlanTags } from './vlan.js';

/** Destination MAC, source MAC, type/length. */
const ETHERNET_HEADER_LENGTH = 14;

/** LINKTYPE_ETHERNET (1): Ethernet II, with any 802.1Q / 802.1ad tags stepped over. */
export function decodeEthernet(data: Uint8Array, cursor: LayerCursor): number {
  if (data.length < ETHERNET_HEADER_LENGTH) return DecodeStatus.Truncated;
  cursor.offset = ETHERNET_HEADER_LENGTH;
  // A value ≤ 1500 is an 802.3 length (LLC follows): the network layer dispatch treats it as not IP.
  cursor.protocol = (data[12] << 8) | data[13];
  return skipVlanTags(data, cursor);
}
