/**
 * Mutators that break the IP and TCP headers inside a packet record: impossible header lengths, TCP
 * options that run past the header, IPv6 extension chains that never reach TCP or overrun the frame.
 */
import type { SeededRandom } from '../../../src/generator/scenario/seededRandom.js';
import type { CaptureLayout } from '../captureLayout.js';
import { frameAnatomy, type FrameAnatomy } from '../frameAnatomy.js';
import type { Mutator } from './mutator.js';
import { pick, viewOf } from './mutator.js';

/** A packet whose headers are located, as file offsets: the mutant is `out`, already a copy. */
interface PacketTarget {
  out: Uint8Array;
  /** File offset of the frame's first byte. */
  frame: number;
  frameLength: number;
  anatomy: FrameAnatomy;
}

function pickPacket(input: Uint8Array, layout: CaptureLayout, random: SeededRandom, wanted: (anatomy: FrameAnatomy) => boolean): PacketTarget | null {
  const targets: { start: number; length: number; anatomy: FrameAnatomy }[] = [];
  for (const unit of layout.units) {
    if (unit.packet === null || unit.packet.linkType < 0) continue;
    const { start, length, linkType } = unit.packet;
    const anatomy = frameAnatomy(linkType, input.subarray(start, start + length));
    if (anatomy !== null && wanted(anatomy)) targets.push({ start, length, anatomy });
    // A few hundred candidates are plenty; large captures need not be walked to the end.
    if (targets.length >= 256) break;
  }
  if (targets.length === 0) return null;
  const target = pick(random, targets);
  return { out: input.slice(), frame: target.start, frameLength: target.length, anatomy: target.anatomy };
}

function packetMutator(name: string, wanted: (anatomy: FrameAnatomy) => boolean, change: (target: PacketTarget, random: SeededRandom) => void): Mutator {
  return {
    name,
    mutate(input, layout, random) {
      const target = pickPacket(input, layout, random, wanted);
      if (target === null) return null;
      change(target, random);
      return target.out;
    },
  };
}

const isV4 = (a: FrameAnatomy) => a.ipVersion === 4;
const isV6 = (a: FrameAnatomy) => a.ipVersion === 6;
const hasTcp = (a: FrameAnatomy) => a.tcp >= 0;

const ipv4HeaderLength = packetMutator('ipv4-ihl', isV4, ({ out, frame, anatomy }, random) => {
  const at = frame + anatomy.ip;
  out[at] = (out[at] & 0xf0) | pick(random, [0, 1, 2, 3, 4, 15]);
});

const ipv4TotalLength = packetMutator('ipv4-total-length', isV4, ({ out, frame, anatomy }, random) => {
  viewOf(out).setUint16(frame + anatomy.ip + 2, pick(random, [0, 1, 19, 20, 21, 39, 0xffff]));
});

const ipVersionSwapped = packetMutator('ip-version-swapped', () => true, ({ out, frame, anatomy }, random) => {
  const at = frame + anatomy.ip;
  out[at] = (out[at] & 0x0f) | (pick(random, [anatomy.ipVersion === 4 ? 6 : 4, 0, 5, 15]) << 4);
});

const tcpDataOffset = packetMutator('tcp-data-offset', hasTcp, ({ out, frame, anatomy }, random) => {
  const at = frame + anatomy.tcp + 12;
  out[at] = (out[at] & 0x0f) | (pick(random, [0, 1, 2, 3, 4, 15]) << 4);
});

const tcpOptionPastEnd = packetMutator('tcp-option-past-end', hasTcp, ({ out, frame, frameLength, anatomy }, random) => {
  const tcp = frame + anatomy.tcp;
  const headerEnd = Math.min(tcp + (out[tcp + 12] >> 4) * 4, frame + frameLength);
  if (headerEnd - tcp <= 21) return;
  // An option kind that takes a length (MSS, window scale, SACK, timestamps), with a broken length.
  const at = random.int(tcp + 20, headerEnd - 2);
  out[at] = pick(random, [2, 3, 4, 5, 8, 30, 253]);
  out[at + 1] = pick(random, [0, 1, 2, headerEnd - at + 1, 255]);
});

const ipv6PayloadLength = packetMutator('ipv6-payload-length', isV6, ({ out, frame, anatomy }, random) => {
  viewOf(out).setUint16(frame + anatomy.ip + 4, pick(random, [0, 1, 8, 39, 0xffff]));
});

/** Every header names another extension header of the same kind, to the end of the frame and past it. */
const ipv6ExtensionLoop = packetMutator('ipv6-extension-loop', isV6, ({ out, frame, frameLength, anatomy }, random) => {
  const kind = pick(random, [0, 43, 60, 51, 44]);
  const step = kind === 51 ? 8 : 8 * random.int(1, 2);
  out[frame + anatomy.ip + 6] = kind;
  for (let at = frame + anatomy.ip + 40; at + 2 <= frame + frameLength; at += step) {
    out[at] = kind;
    out[at + 1] = kind === 51 ? step / 4 - 2 : step / 8 - 1;
  }
});

const ipv6ExtensionPastEnd = packetMutator('ipv6-extension-past-end', isV6, ({ out, frame, frameLength, anatomy }, random) => {
  const at = frame + anatomy.ip + 40;
  if (at + 2 > frame + frameLength) return;
  out[frame + anatomy.ip + 6] = pick(random, [0, 43, 60, 51, 44]);
  out[at] = 6;
  out[at + 1] = pick(random, [255, 128, 1]);
});

export const PACKET_MUTATORS: readonly Mutator[] = [
  ipv4HeaderLength, ipv4TotalLength, ipVersionSwapped, tcpDataOffset, tcpOptionPastEnd, ipv6PayloadLength, ipv6ExtensionLoop, ipv6ExtensionPastEnd,
];
