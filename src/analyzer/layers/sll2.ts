import { type LayerCursor } from './layerCursor.js';
import { followEthertype } from './ethertypeLinkHeader.js';

/** Protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes. */
const SLL2_HEADER_LENGTH = 20;
/** Unlike SLL, the protocol (ethertype) comes first. */
const PROTOCOL_AT = 0;

/** LINKTYPE_LINUX_SLL2 (276): what `tcpdump -i any` writes since libpcap 1.10. */
export function decodeSll2(data: Uint8Array, cursor: LayerCursor): number {
  return followEthertype(data, cursor, SLL2_HEADER_LENGTH, PROTOCOL_AT);
}
