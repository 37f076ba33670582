/**
 * XXH32 (xxHash's 32-bit hash, seed 0), which the LZ4 frame format uses for its header, block and
 * content checksums. Streaming, so the content checksum is computed as the blocks are decoded.
 */
import { StripedHash } from './stripedHash.js';

const PRIME1 = 2654435761;
const PRIME2 = 2246822519;
const PRIME3 = 3266489917;
const PRIME4 = 668265263;
const PRIME5 = 374761393;

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function lane(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}

function round(accumulator: number, input: number): number {
  return Math.imul(rotl((accumulator + Math.imul(input, PRIME2)) | 0, 13), PRIME1);
}

export class Xxh32 extends StripedHash {
  private v1 = (PRIME1 + PRIME2) | 0;
  private v2 = PRIME2 | 0;
  private v3 = 0;
  private v4 = -PRIME1 | 0;

  constructor() {
    super(16);
  }

  digest(): number {
    let hash = this.total >= 16
      ? (rotl(this.v1, 1) + rotl(this.v2, 7) + rotl(this.v3, 12) + rotl(this.v4, 18)) | 0
      : PRIME5;
    hash = (hash + this.total) | 0;
    let at = 0;
    for (; at + 4 <= this.held; at += 4) {
      hash = Math.imul(rotl((hash + Math.imul(lane(this.stripe, at), PRIME3)) | 0, 17), PRIME4);
    }
    for (; at < this.held; at++) {
      hash = Math.imul(rotl((hash + Math.imul(this.stripe[at], PRIME5)) | 0, 11), PRIME1);
    }
    hash = Math.imul(hash ^ (hash >>> 15), PRIME2);
    hash = Math.imul(hash ^ (hash >>> 13), PRIME3);
    return (hash ^ (hash >>> 16)) >>> 0;
  }

  protected consume(bytes: Uint8Array, at: number): void {
    this.consumeStripes(bytes, at, at + 16);
  }

  /**
   * The stripes from `at` to `end` on local accumulators, each word read by a DataView: one load where
   * four byte loads and a call per stripe took three times as long (7 GB/s now).
   */
  protected override consumeStripes(bytes: Uint8Array, at: number, end: number): number {
    let { v1, v2, v3, v4 } = this;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (; at + 16 <= end; at += 16) {
      v1 = round(v1, view.getInt32(at, true));
      v2 = round(v2, view.getInt32(at + 4, true));
      v3 = round(v3, view.getInt32(at + 8, true));
      v4 = round(v4, view.getInt32(at + 12, true));
    }
    this.v1 = v1;
    this.v2 = v2;
    this.v3 = v3;
    this.v4 = v4;
    return at;
  }
}

export function xxh32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const hash = new Xxh32();
  hash.update(bytes, start, end);
  return hash.digest();
}
