import { DecodeStatus } from './tcpPacket.js';
import { CONTINUE, noteTunnel, TunnelKind, type LayerCursor } from './layerCursor.js';
import { decodeUdpTunnel } from './udp.js';
import { decodeGre } from './gre.js';
import * as etherTypes from './etherTypes.js';
import * as ipProtocols from './ipProtocols.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } = etherTypes;
const { PROTOCOL_GRE, PROTOCOL_IPIP, PROTOCOL_IPV6, PROTOCOL_UDP } = ipProtocols;

/** Whether an IP protocol number always carries a tunnel: a fragment of it hides an inner packet. */
export function carriesTunnel(protocol: number): boolean {
  return protocol === PROTOCOL_IPIP || protocol === PROTOCOL_IPV6 || protocol === PROTOCOL_GRE;
}

/**
 * The payload of the IP header at `ipOffset`, other than TCP, when it is a tunnel: IP-in-IP (4-in-4 and
 * 4-in-6 by protocol 4, 6-in-4 and 6-in-6 by 41, as ipip_rcv() and ip6_tnl_rcv() take them), GRE, or
 * UDP to a VXLAN or Geneve port. Leaves the cursor on the inner network header with its ethertype. A
 * tunnel packet that is a fragment is skipped: the kernel reassembles before decapsulating, we do not.
 */
export function enterIpPayloadTunnel(data: Uint8Array, cursor: LayerCursor, ipOffset: number): number {
  const protocol = cursor.protocol;
  if (protocol === PROTOCOL_UDP) return decodeUdpTunnel(data, cursor, ipOffset);
  if (!carriesTunnel(protocol)) return DecodeStatus.NotTcp;
  if (cursor.fragmented) return DecodeStatus.TunnelFragment;
  if (protocol === PROTOCOL_GRE) return decodeGre(data, cursor, ipOffset);
  noteTunnel(cursor, TunnelKind.IpInIp, ipOffset, -1);
  cursor.protocol = protocol === PROTOCOL_IPIP ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
  return CONTINUE;
}
