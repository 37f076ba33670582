import { DecodeStatus, type TcpPacket } from './tcpPacket.js';
import * as layerCursor from './layerCursor.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import * as etherTypes from './etherTypes.js';
import * as ipProtocols from './ipProtocols.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIpv6, setIpv6Addresses } from './ipv6.js';
import { skipAuthenticationHeader } from './authenticationHeader.js';
import { decodeTcpHeader } from './tcp.js';
import { carriesTunnel, enterIpPayloadTunnel } from './ipPayload.js';
import { decodeMpls } from './mpls.js';
import { decodePppoeSession } from './pppoe.js';
import { tunnelSeen } from './tunnelSeen.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_MPLS_MULTICAST, ETHERTYPE_MPLS_UNICAST, ETHERTYPE_PPPOE_SESSION } = etherTypes;
const { PROTOCOL_AUTHENTICATION, PROTOCOL_TCP } = ipProtocols;
const { NO_TUNNEL } = layerCursor;

/**
 * Tunnels inside tunnels decoded at most: real stacks are two or three deep (PPPoE over QinQ, VXLAN in
 * an IPsec tunnel); a crafted frame of tunnels within tunnels is counted as malformed past this.
 */
export const MAX_TUNNEL_DEPTH = 8;

/**
 * From the network header the link layer left the cursor on (its ethertype in `cursor.protocol`) to the
 * TCP header, through any tunnels on the way: each IP header either carries TCP, which ends the walk, or
 * a tunnel, whose inner network header the next round decodes. `wireEnd` is where the frame would end
 * had the snaplen not cut it; inside a tunnel, where its outer packet ends.
 */
export function decodeNetwork(data: Uint8Array, wireEnd: number, cursor: LayerCursor, out: TcpPacket): DecodeStatus {
  let end = wireEnd;
  for (let depth = 0; ; depth++) {
    if (depth > MAX_TUNNEL_DEPTH) return DecodeStatus.Malformed;
    const ethertype = cursor.protocol;
    const ipOffset = cursor.offset;
    let status: number;
    if (ethertype === ETHERTYPE_IPV4) {
      status = decodeIpv4(data, end, cursor, out);
      // IPv6 walks AH in its extension chain; over IPv4 it sits between IP and TCP the same way.
      if (status === CONTINUE && cursor.protocol === PROTOCOL_AUTHENTICATION) status = skipAuthenticationHeader(data, cursor);
    } else if (ethertype === ETHERTYPE_IPV6) {
      status = decodeIpv6(data, end, cursor, out);
    } else {
      if (ethertype === ETHERTYPE_MPLS_UNICAST || ethertype === ETHERTYPE_MPLS_MULTICAST) status = decodeMpls(data, cursor);
      else if (ethertype === ETHERTYPE_PPPOE_SESSION) status = decodePppoeSession(data, end, cursor);
      else return DecodeStatus.NotTcp;
      if (status !== CONTINUE) return status as DecodeStatus;
      continue;
    }
    if (status !== CONTINUE) {
      return status === DecodeStatus.Fragment && carriesTunnel(cursor.protocol) ? DecodeStatus.TunnelFragment : status as DecodeStatus;
    }
    if (cursor.protocol === PROTOCOL_TCP) {
      const tcpStatus = decodeTcpHeader(data, cursor, out);
      if (tcpStatus === DecodeStatus.Tcp) {
        if (ethertype === ETHERTYPE_IPV6) setIpv6Addresses(data, ipOffset, out);
        out.tunnel = cursor.tunnelKind === NO_TUNNEL ? null : tunnelSeen(data, cursor);
      }
      return tcpStatus;
    }
    end = cursor.offset + cursor.ipPayloadLength;
    status = enterIpPayloadTunnel(data, cursor, ipOffset);
    if (status !== CONTINUE) return status as DecodeStatus;
  }
}
