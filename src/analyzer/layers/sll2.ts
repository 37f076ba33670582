import { DecodeStatus } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';
import { skipVlanTags } from './vlan.js';

/** Protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes. */
const SLL2_HEADER_LENGTH = 20;

/** LINKTYPE_LINUX_SLL2 (276): `tcpdump -i any` since libpcap 1.10; the protocol (ethertype) comes first. */
export function decodeSll2(data: Uint8Array, cursor: LayerCursor): number {
  if (data.length < SLL2_HEADER_LENGTH) return DecodeStatus.Truncated;
  cursor.offset = SLL2_HEADER_LENGTH;
  cursor.protocol = (data[0] << 8) | data[1];
  return skipVlanTags(data, cursor);
}
