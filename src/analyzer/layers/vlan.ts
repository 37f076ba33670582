import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import * as etherTypes from './etherTypes.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_QINQ, ETHERTYPE_QINQ_LEGACY, ETHERTYPE_VLAN } = etherTypes;

/** More stacked tags than any real network uses: a crafted frame of tags cannot keep us busy. */
const MAX_VLAN_TAGS = 8;
const VLAN_TAG_LENGTH = 4;

/**
 * Steps over 802.1Q / 802.1ad / legacy QinQ tags starting at `cursor.offset`, whose ethertype is
 * `cursor.protocol`; leaves the cursor on the first header after the tags, with its ethertype.
 */
export function skipVlanTags(data: Uint8Array, cursor: LayerCursor): number {
  let offset = cursor.offset;
  let ethertype = cursor.protocol;
  for (let tags = 0; ethertype === ETHERTYPE_VLAN || ethertype === ETHERTYPE_QINQ || ethertype === ETHERTYPE_QINQ_LEGACY; tags++) {
    if (tags === MAX_VLAN_TAGS) return DecodeStatus.Malformed;
    if (offset + VLAN_TAG_LENGTH > cursor.end) return DecodeStatus.Truncated;
    // The tag is 2 bytes of priority/DEI/VLAN id, then the ethertype of what follows.
    ethertype = (data[offset + 2] << 8) | data[offset + 3];
    offset += VLAN_TAG_LENGTH;
  }
  cursor.offset = offset;
  cursor.protocol = ethertype;
  return CONTINUE;
}
