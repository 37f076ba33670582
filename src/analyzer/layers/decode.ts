import { DecodeStatus, type TcpPacket } from './tcpPacket.js';
import { CONTINUE, newLayerCursor, startFrame } from './layerCursor.js';
import * as linkTypes from './linkTypes.js';
import { decodeEthernet } from './ethernet.js';
import { decodeSll } from './sll.js';
import { decodeSll2 } from './sll2.js';
import { decodeLoop, decodeNull } from './nullLoop.js';
import { decodeRawIp, decodeRawIpv4, decodeRawIpv6 } from './rawIp.js';
import { decodeNetwork } from './network.js';

// Module-local copies of the constants: under CommonJS (how tsx runs tests and the benchmark) each use of an
// imported binding is a getter call, which kept V8 from compiling this switch to constant compares (2× slower).
const {
  DLT_RAW_COMMON, DLT_RAW_OPENBSD, LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW,
} = linkTypes;

/** Reused for every frame: decoding allocates nothing but the text of IPv6 addresses and tunnels not seen recently. */
const cursor = newLayerCursor();

/**
 * Decodes one captured frame down to TCP into `out` (reused by the caller). The frame is the `length`
 * bytes of `data` from `offset` on: readers pass their chunk buffer and the record's place in it, so
 * that no view is made per frame. `originalLength` is the frame's length on the wire, which may exceed
 * `length` when the snaplen cut it. `out` holds a segment only when the answer is DecodeStatus.Tcp.
 */
export function decodeTcp(linkType: number, data: Uint8Array, offset: number, length: number, originalLength: number, out: TcpPacket): DecodeStatus {
  startFrame(cursor, offset, length);
  let status: number;
  switch (linkType) {
    case LINKTYPE_ETHERNET: status = decodeEthernet(data, cursor); break;
    case LINKTYPE_LINUX_SLL2: status = decodeSll2(data, cursor); break;
    case LINKTYPE_LINUX_SLL: status = decodeSll(data, cursor); break;
    case LINKTYPE_NULL: status = decodeNull(data, cursor); break;
    case LINKTYPE_LOOP: status = decodeLoop(data, cursor); break;
    case LINKTYPE_RAW:
    case DLT_RAW_COMMON:
    case DLT_RAW_OPENBSD: status = decodeRawIp(data, cursor); break;
    case LINKTYPE_IPV4: status = decodeRawIpv4(data, cursor); break;
    case LINKTYPE_IPV6: status = decodeRawIpv6(data, cursor); break;
    default: return DecodeStatus.UnsupportedLinkType;
  }
  if (status !== CONTINUE) return status;

  return decodeNetwork(data, offset + (originalLength > length ? originalLength : length), cursor, out);
}
