/**
 * The table's order of IPv4 endpoints, the code-unit order of their texts (`a.b.c.d:port`, endpointText),
 * as one number per endpoint made without the text. Texts compare component by component: two texts
 * that differ first in a component are ordered by that component's digits and what follows them there.
 * The first three octets are followed by '.', which sorts before every digit, so an octet's digits
 * before those that extend them ("1." < "10." < "100." < "101." < "11."); the last octet by ':', which
 * sorts after every digit, so there an octet's digits after those that extend them ("10:" < "100:" <
 * "1:"); the port ends the text, so a port before its extensions ("8" < "80" < "8080"). Each component's
 * rank in its order, packed into one number (4 × 8 + 16 = 48 bits), orders the endpoints as their texts.
 * IPv6 texts start with '[', after every digit: every IPv4 endpoint comes before every IPv6 one, whose
 * order is their text's (IPV6_KEYS_FROM).
 */
import { textRanks } from '../analyzer/keyOrder.js';

/** Where keys of endpoints ranked by their text (IPv6) start: after every IPv4 endpoint's key. */
export const IPV6_KEYS_FROM = 2 ** 48;

/** Rank of each number below `count` by the code-unit order of its decimal digits followed by `after`. */
function digitRanks(count: number, after: string): Float64Array {
  return textRanks(Array.from({ length: count }, (_, value) => `${value}${after}`));
}

let octetBeforeDot: Float64Array | null = null;
let octetBeforeColon: Float64Array | null = null;
let portRank: Float64Array | null = null;

/**
 * The key of the IPv4 endpoint `endpoint`, its address (unsigned) × 65,536 + its port: keys order as the
 * endpoints' texts, equal only for equal texts.
 */
export function ipv4EndpointKey(endpoint: number): number {
  const address = Math.floor(endpoint / 65_536);
  return addressKey(address) * 65_536 + (portRank ??= digitRanks(65_536, ''))[endpoint % 65_536];
}

/** The ranks of the address's octets packed into 32 bits: the high part of its endpoints' keys. */
function addressKey(address: number): number {
  const dot = (octetBeforeDot ??= digitRanks(256, '.'));
  const colon = (octetBeforeColon ??= digitRanks(256, ':'));
  return ((dot[address >>> 24] * 256 + dot[(address >>> 16) & 0xff]) * 256 + dot[(address >>> 8) & 0xff]) * 256 + colon[address & 0xff];
}

/**
 * ipv4EndpointKey of each of `endpoints` (IPv4 ones, at least 0) in place; negative ones (IPv6) are left
 * as they are, and their positions returned. An address's part is made once for a run of it (a flood's
 * server, a client's ports).
 */
export function ipv4EndpointKeys(endpoints: Float64Array): number[] {
  const ports = (portRank ??= digitRanks(65_536, ''));
  const ipv6: number[] = [];
  let lastAddress = -1;
  let lastKey = 0;
  for (let at = 0; at < endpoints.length; at++) {
    const endpoint = endpoints[at]!;
    if (endpoint < 0) {
      ipv6.push(at);
      continue;
    }
    const address = Math.floor(endpoint / 65_536);
    if (address !== lastAddress) {
      lastAddress = address;
      lastKey = addressKey(address) * 65_536;
    }
    endpoints[at] = lastKey + ports[endpoint - address * 65_536]!;
  }
  return ipv6;
}
