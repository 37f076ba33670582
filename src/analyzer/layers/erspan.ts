import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, skipTunnelHeader, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeInnerEthernet, tunnelHeaderFits } from './tunnelHeader.js';
import { decodeRawIp } from './rawIp.js';

/** Version 1 (type II): 4 bytes of version, VLAN, CoS, session ID, then 4 of index. */
const TYPE_II_HEADER_LENGTH = 8;
/** Version 2 (type III): the same first word, a timestamp, then SGT, frame type, hardware ID and flags. */
const TYPE_III_HEADER_LENGTH = 12;
const PLATFORM_SUBHEADER_LENGTH = 8;
const VERSION_TYPE_II = 1;
const VERSION_TYPE_III = 2;
/** Type III frame types: an Ethernet frame, or an IP packet without one. */
const FRAME_TYPE_ETHERNET = 0;
const FRAME_TYPE_IP = 2;

/**
 * An ERSPAN payload after its GRE header (draft-foschiano-erspan): a mirrored frame, whose segments are
 * those of the mirrored traffic. GRE protocol 0x88be without a sequence number is type I, the frame
 * right away (gre_parse_header() reads ERSPAN headers only when the GRE header is longer than 4 bytes);
 * with one, type II behind 8 bytes; 0x22eb is type III behind 12, and 8 more when the O flag says a
 * platform-specific subheader follows. The session ID is the tunnel's identifier, as erspan_rcv()
 * (net/ipv4/ip_gre.c) keys its tunnels by it.
 */
export function decodeErspan(data: Uint8Array, cursor: LayerCursor, ipOffset: number, typeIII: boolean, hasGreSequence: boolean): number {
  if (!typeIII && !hasGreSequence) {
    noteTunnel(cursor, TunnelKind.Erspan, ipOffset, -1);
    return decodeInnerEthernet(data, cursor);
  }
  let headerLength = typeIII ? TYPE_III_HEADER_LENGTH : TYPE_II_HEADER_LENGTH;
  let fits = tunnelHeaderFits(cursor, headerLength);
  if (fits !== CONTINUE) return fits;
  const at = cursor.offset;
  if (data[at] >>> 4 !== (typeIII ? VERSION_TYPE_III : VERSION_TYPE_II)) return DecodeStatus.NotTcp;
  const session = ((data[at + 2] & 0x03) << 8) | data[at + 3];
  let frameType = FRAME_TYPE_ETHERNET;
  if (typeIII) {
    frameType = (data[at + 10] >>> 2) & 0x1f;
    if (frameType !== FRAME_TYPE_ETHERNET && frameType !== FRAME_TYPE_IP) return DecodeStatus.NotTcp;
    if ((data[at + 11] & 0x01) !== 0) {
      headerLength += PLATFORM_SUBHEADER_LENGTH;
      fits = tunnelHeaderFits(cursor, headerLength);
      if (fits !== CONTINUE) return fits;
    }
  }
  noteTunnel(cursor, TunnelKind.Erspan, ipOffset, session);
  skipTunnelHeader(cursor, headerLength);
  if (frameType === FRAME_TYPE_ETHERNET) return decodeInnerEthernet(data, cursor);
  return decodeRawIp(data, cursor);
}
