import { DecodeStatus, type TcpPacket } from './tcpPacket.js';
import { CONTINUE, type LayerCursor } from './layerCursor.js';
import { ipv6Text } from './ipv6Address.js';
import { skipAuthenticationHeader } from './authenticationHeader.js';
import * as ipProtocols from './ipProtocols.js';

// Module-local copies: imported bindings are getter calls under CommonJS (see decode.ts).
const {
  PROTOCOL_AUTHENTICATION, PROTOCOL_DESTINATION_OPTIONS, PROTOCOL_FRAGMENT, PROTOCOL_HOP_BY_HOP, PROTOCOL_ROUTING,
} = ipProtocols;

const IPV6_HEADER_LENGTH = 40;
const FRAGMENT_HEADER_LENGTH = 8;
/** The M flag of the fragment header's offset field. */
const MORE_FRAGMENTS = 0x0001;
/** RFC 8200 allows each extension header once (destination options twice): more is a crafted loop. */
const MAX_EXTENSION_HEADERS = 10;

/**
 * The IPv6 header at `cursor.offset` and its chain of extension headers; leaves the cursor on the
 * upper-layer header with its next-header number. `wireEnd` is where the frame would end in the buffer
 * had the snaplen not cut it. Address text waits for setIpv6Addresses, so that frames which turn out
 * not to be TCP allocate nothing.
 */
export function decodeIpv6(data: Uint8Array, wireEnd: number, cursor: LayerCursor, out: TcpPacket): number {
  const offset = cursor.offset;
  if (offset + IPV6_HEADER_LENGTH > cursor.end) return DecodeStatus.Truncated;
  if (data[offset] >>> 4 !== 6) return DecodeStatus.Malformed;
  const onWire = wireEnd - offset - IPV6_HEADER_LENGTH;
  let payloadLength = (data[offset + 4] << 8) | data[offset + 5];
  // 0 means a jumbogram or segmentation offload: the frame says how long.
  if (payloadLength === 0 || payloadLength > onWire) payloadLength = onWire;
  out.ipVersion = 6;
  out.ttl = data[offset + 7];
  out.srcV4 = 0;
  out.dstV4 = 0;
  out.srcV6 = '';
  out.dstV6 = '';
  cursor.protocol = data[offset + 6];
  cursor.fragmented = false;
  cursor.offset = offset + IPV6_HEADER_LENGTH;
  cursor.ipPayloadLength = payloadLength;
  return skipExtensionHeaders(data, cursor);
}

/** Fills the address text of the IPv6 header at `ipOffset`, once the frame is known to be TCP. */
export function setIpv6Addresses(data: Uint8Array, ipOffset: number, out: TcpPacket): void {
  out.srcV6 = cachedIpv6Text(data, ipOffset + 8);
  out.dstV6 = cachedIpv6Text(data, ipOffset + 24);
}

/**
 * Address texts recently made, by their 16 bytes (four words per slot), direct-mapped. A capture holds
 * few distinct addresses, so nearly every IPv6 packet finds both of its texts here instead of building
 * two new strings: in npm run bench, 2% of the packets (IPv6) made 16 MB of garbage per pass, and the
 * flow table's key is cheaper for texts seen before (a string hashes once).
 */
const TEXT_CACHE_SLOTS = 1024;
const cachedWords = new Int32Array(TEXT_CACHE_SLOTS * 4);
/** '' marks an empty slot: no address's text is empty. */
const cachedTexts: string[] = new Array<string>(TEXT_CACHE_SLOTS).fill('');

function word(data: Uint8Array, at: number): number {
  return (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
}

function cachedIpv6Text(data: Uint8Array, offset: number): string {
  const w0 = word(data, offset);
  const w1 = word(data, offset + 4);
  const w2 = word(data, offset + 8);
  const w3 = word(data, offset + 12);
  let hash = Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1), 0x85ebca6b);
  hash = Math.imul(hash ^ w2, 0xc2b2ae35);
  hash = Math.imul(hash ^ w3, 0x85ebca6b);
  hash ^= hash >>> 16;
  const slot = hash & (TEXT_CACHE_SLOTS - 1);
  const at = slot * 4;
  const cached = cachedTexts[slot];
  if (cached !== '' && cachedWords[at] === w0 && cachedWords[at + 1] === w1 && cachedWords[at + 2] === w2 && cachedWords[at + 3] === w3) {
    return cached;
  }
  const text = ipv6Text(data, offset);
  cachedWords[at] = w0;
  cachedWords[at + 1] = w1;
  cachedWords[at + 2] = w2;
  cachedWords[at + 3] = w3;
  cachedTexts[slot] = text;
  return text;
}

function skipExtensionHeaders(data: Uint8Array, cursor: LayerCursor): number {
  for (let count = 0; ; count++) {
    const protocol = cursor.protocol;
    const isAuthentication = protocol === PROTOCOL_AUTHENTICATION;
    if (!isAuthentication && protocol !== PROTOCOL_HOP_BY_HOP && protocol !== PROTOCOL_ROUTING
      && protocol !== PROTOCOL_DESTINATION_OPTIONS && protocol !== PROTOCOL_FRAGMENT) return CONTINUE;
    if (count === MAX_EXTENSION_HEADERS) return DecodeStatus.Malformed;
    const status = isAuthentication ? skipAuthenticationHeader(data, cursor) : skipExtensionHeader(data, cursor);
    if (status !== CONTINUE) return status;
  }
}

/** Hop-by-hop, routing, fragment or destination options: all start with next header and a length. */
function skipExtensionHeader(data: Uint8Array, cursor: LayerCursor): number {
  const offset = cursor.offset;
  let length: number;
  if (cursor.protocol === PROTOCOL_FRAGMENT) {
    if (offset + 4 > cursor.end) return DecodeStatus.Truncated;
    const fragmentField = (data[offset + 2] << 8) | data[offset + 3];
    // Only the first fragment (offset 0) carries the TCP header; what it carries tells a tunnel's fragment.
    if (fragmentField >>> 3 !== 0) {
      cursor.protocol = data[offset];
      return DecodeStatus.Fragment;
    }
    if ((fragmentField & MORE_FRAGMENTS) !== 0) cursor.fragmented = true;
    length = FRAGMENT_HEADER_LENGTH;
  } else {
    if (offset + 2 > cursor.end) return DecodeStatus.Truncated;
    length = (data[offset + 1] + 1) * 8;
  }
  if (length > cursor.ipPayloadLength) return DecodeStatus.Malformed;
  cursor.protocol = data[offset];
  cursor.offset = offset + length;
  cursor.ipPayloadLength -= length;
  return CONTINUE;
}
