import type { TunnelKind as TunnelKindName, TunnelSeen } from '../model.js';
import { TunnelKind, type LayerCursor } from './layerCursor.js';
import { ipv4Text } from './tcpPacket.js';
import { ipv6Text } from './ipv6Address.js';

/** By TunnelKind number. */
const KIND_NAMES: readonly (TunnelKindName | null)[] = [null, 'vxlan', 'geneve', 'gre', 'erspan', 'ipip', 'mpls', 'pppoe'];

/**
 * Tunnel values recently made, direct-mapped by kind, identifier and outer addresses. A capture of an
 * overlay holds a few node pairs and VNIs, so nearly every tunnelled segment finds its value here and
 * the per-packet path allocates nothing; every attempt and record of a tunnel shares its one value.
 */
const CACHE_SLOTS = 256;
/** Per slot: kind (and whether there is an identifier), identifier, outer IP version, 4 words of source, 4 of destination (IPv4 uses the first of each). */
const SLOT_WORDS = 11;
const cachedKeys = new Int32Array(CACHE_SLOTS * SLOT_WORDS);
const cachedValues: (TunnelSeen | null)[] = new Array<TunnelSeen | null>(CACHE_SLOTS).fill(null);
/** The key of the tunnel being looked up, reused. */
const key = new Int32Array(SLOT_WORDS);

function word(data: Uint8Array, at: number): number {
  return (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
}

/** The outer header's version and addresses into `key` from word 2 on; 0 when the tunnel has no outer IP. */
function keyOuterAddresses(data: Uint8Array, outerIp: number): void {
  key.fill(0, 2);
  if (outerIp < 0) return;
  if (data[outerIp] >>> 4 === 4) {
    key[2] = 4;
    key[3] = word(data, outerIp + 12);
    key[7] = word(data, outerIp + 16);
    return;
  }
  key[2] = 6;
  for (let at = 0; at < 4; at++) {
    key[3 + at] = word(data, outerIp + 8 + at * 4);
    key[7 + at] = word(data, outerIp + 24 + at * 4);
  }
}

function outerText(data: Uint8Array, outerIp: number): string | null {
  if (outerIp < 0) return null;
  if (data[outerIp] >>> 4 === 4) return `${ipv4Text(word(data, outerIp + 12) >>> 0)} → ${ipv4Text(word(data, outerIp + 16) >>> 0)}`;
  return `${ipv6Text(data, outerIp + 8)} → ${ipv6Text(data, outerIp + 24)}`;
}

/** The TunnelSeen of the tunnel the cursor noted, from the cache or made once; null when the frame had none. */
export function tunnelSeen(data: Uint8Array, cursor: LayerCursor): TunnelSeen | null {
  const kind = cursor.tunnelKind;
  if (kind === TunnelKind.None) return null;
  const id = cursor.tunnelId;
  // A GRE key of 0xffffffff has the bits of "none" (-1): whether there is one is part of the kind word.
  key[0] = id < 0 ? kind : kind | 0x100;
  key[1] = id;
  keyOuterAddresses(data, cursor.tunnelOuterIp);
  let hash = 0;
  for (let at = 0; at < SLOT_WORDS; at++) hash = Math.imul(hash ^ key[at], 0x9e3779b1);
  hash ^= hash >>> 16;
  const slot = hash & (CACHE_SLOTS - 1);
  const base = slot * SLOT_WORDS;
  const cached = cachedValues[slot];
  if (cached !== null) {
    let same = true;
    for (let at = 0; at < SLOT_WORDS && same; at++) same = cachedKeys[base + at] === key[at];
    if (same) return cached;
  }
  const value: TunnelSeen = Object.freeze({
    kind: KIND_NAMES[kind]!,
    outer: outerText(data, cursor.tunnelOuterIp),
    vni: id < 0 ? null : id,
  });
  cachedKeys.set(key, base);
  cachedValues[slot] = value;
  return value;
}
