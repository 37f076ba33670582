import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import { decodeEthernet } from './ethernet.js';

/**
 * Whether `length` bytes of tunnel header at `cursor.offset` lie inside the packet carrying them
 * (`cursor.ipPayloadLength` bytes: the IP or UDP payload) and were captured. A header that claims more
 * than its packet holds is TunnelOverrun, counted and warned about; one the snaplen cut is Truncated.
 */
export function tunnelHeaderFits(cursor: LayerCursor, length: number): number {
  if (length > cursor.ipPayloadLength) return DecodeStatus.TunnelOverrun;
  if (cursor.offset + length > cursor.end) return DecodeStatus.Truncated;
  return CONTINUE;
}

const ETHERNET_HEADER_LENGTH = 14;

/** The Ethernet frame a tunnel carries (VXLAN, Geneve, GRE bridging, ERSPAN), inside the tunnel's payload. */
export function decodeInnerEthernet(data: Uint8Array, cursor: LayerCursor): number {
  const fits = tunnelHeaderFits(cursor, ETHERNET_HEADER_LENGTH);
  return fits === CONTINUE ? decodeEthernet(data, cursor) : fits;
}
