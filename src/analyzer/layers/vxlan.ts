import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, skipTunnelHeader, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeInnerEthernet, tunnelHeaderFits } from './tunnelHeader.js';

/**
 * The UDP destination ports read as VXLAN, the one list of them: 4789 is IANA's (RFC 7348), 8472 the
 * Linux kernel's default from before that assignment, which flannel's vxlan backend still uses.
 */
const VXLAN_PORTS = [4789, 8472] as const;

export function isVxlanPort(port: number): boolean {
  return port === VXLAN_PORTS[0] || port === VXLAN_PORTS[1];
}

const VXLAN_HEADER_LENGTH = 8;
/** The I flag: the VNI is valid. */
const FLAG_VNI = 0x08;

/**
 * The VXLAN header (RFC 7348) at `cursor.offset`: flags, 3 reserved bytes, the 24-bit VNI and a reserved
 * byte, then an Ethernet frame. As the kernel's vxlan_rcv() (drivers/net/vxlan/vxlan_core.c) without
 * the GBP/GPE extensions, a header without the I flag, or with any other flag or reserved bit set, is
 * not VXLAN: some other protocol on the port, not TCP.
 */
export function decodeVxlan(data: Uint8Array, cursor: LayerCursor, ipOffset: number): number {
  const fits = tunnelHeaderFits(cursor, VXLAN_HEADER_LENGTH);
  if (fits !== CONTINUE) return fits;
  const at = cursor.offset;
  if (data[at] !== FLAG_VNI || data[at + 1] !== 0 || data[at + 2] !== 0 || data[at + 3] !== 0 || data[at + 7] !== 0) {
    return DecodeStatus.NotTcp;
  }
  noteTunnel(cursor, TunnelKind.Vxlan, ipOffset, (data[at + 4] << 16) | (data[at + 5] << 8) | data[at + 6]);
  skipTunnelHeader(cursor, VXLAN_HEADER_LENGTH);
  return decodeInnerEthernet(data, cursor);
}
