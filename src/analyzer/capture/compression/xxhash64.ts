/**
 * XXH64 (xxHash's 64-bit hash, seed 0), the content checksum of a Zstandard frame: RFC 8878 keeps its
 * lowest 32 bits. Streaming, on 32-bit halves (a BigInt per lane would be a hundred times slower): each
 * 64-bit value is a pair `hi`, `lo` of 32-bit numbers, and each operation leaves its result in `R`, an
 * Int32Array: a variable holding a number of 2^31 or more would be a heap number at every assignment
 * (measured: half again as fast as module variables).
 */
import { StripedHash } from './stripedHash.js';

/** The result of the last operation: R[0] the high half, R[1] the low half. */
const R = new Int32Array(2);

const P1_HI = 0x9e3779b1, P1_LO = 0x85ebca87;
const P2_HI = 0xc2b2ae3d, P2_LO = 0x27d4eb4f;
const P3_HI = 0x165667b1, P3_LO = 0x9e3779f9;
const P4_HI = 0x85ebca77, P4_LO = 0xc2b2ae63;
const P5_HI = 0x27d4eb2f, P5_LO = 0x165667c5;
/** The 16-bit halves of P1's and P2's low words, for consumeStripes's products. */
const P1_LO0 = P1_LO & 0xffff, P1_LO1 = P1_LO >>> 16;
const P2_LO0 = P2_LO & 0xffff, P2_LO1 = P2_LO >>> 16;

/** The low and high 32 bits of the 64-bit product of two unsigned 32-bit numbers, in 16-bit parts. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff, a1 = aLo >>> 16, b0 = bLo & 0xffff, b1 = bLo >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  R[1] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  R[0] = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) | 0;
}

function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = (aLo >>> 0) + (bLo >>> 0);
  R[1] = lo | 0;
  R[0] = (aHi + bHi + (lo > 0xffffffff ? 1 : 0)) | 0;
}

function rotl64(hi: number, lo: number, bits: number): void {
  if (bits >= 32) {
    const swap = hi;
    hi = lo;
    lo = swap;
    bits -= 32;
  }
  if (bits === 0) {
    R[0] = hi;
    R[1] = lo;
    return;
  }
  R[0] = (hi << bits) | (lo >>> (32 - bits));
  R[1] = (lo << bits) | (hi >>> (32 - bits));
}

/** round(acc, input) = rotl(acc + input * P2, 31) * P1. */
function round(accHi: number, accLo: number, inHi: number, inLo: number): void {
  mul64(inHi, inLo, P2_HI, P2_LO);
  add64(accHi, accLo, R[0], R[1]);
  rotl64(R[0], R[1], 31);
  mul64(R[0], R[1], P1_HI, P1_LO);
}

function i32(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}

export class Xxh64 extends StripedHash {
  private readonly v = new Int32Array([
    // v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1, as hi, lo pairs.
    0, 0, P2_HI, P2_LO, 0, 0, 0, 0,
  ]);

  constructor() {
    super(32);
    add64(P1_HI, P1_LO, P2_HI, P2_LO);
    this.v[0] = R[0];
    this.v[1] = R[1];
    // -P1 = ~P1 + 1
    add64(~P1_HI, ~P1_LO, 0, 1);
    this.v[6] = R[0];
    this.v[7] = R[1];
  }

  /** The lowest 32 bits of the digest, as a Zstandard frame stores them. */
  digestLow32(): number {
    const v = this.v;
    let hi: number, lo: number;
    if (this.total >= 32) {
      rotl64(v[0], v[1], 1);
      let sHi = R[0], sLo = R[1];
      for (const [index, bits] of [[2, 7], [4, 12], [6, 18]]) {
        rotl64(v[index], v[index + 1], bits);
        add64(sHi, sLo, R[0], R[1]);
        sHi = R[0];
        sLo = R[1];
      }
      for (let index = 0; index < 8; index += 2) {
        // mergeRound(acc, val) = (acc ^ round(0, val)) * P1 + P4
        round(0, 0, v[index], v[index + 1]);
        mul64(sHi ^ R[0], sLo ^ R[1], P1_HI, P1_LO);
        add64(R[0], R[1], P4_HI, P4_LO);
        sHi = R[0];
        sLo = R[1];
      }
      hi = sHi;
      lo = sLo;
    } else {
      hi = P5_HI;
      lo = P5_LO;
    }
    add64(hi, lo, Math.floor(this.total / 0x100000000), this.total | 0);
    hi = R[0];
    lo = R[1];
    const tail = this.stripe;
    let at = 0;
    for (; at + 8 <= this.held; at += 8) {
      round(0, 0, i32(tail, at + 4), i32(tail, at));
      rotl64(hi ^ R[0], lo ^ R[1], 27);
      mul64(R[0], R[1], P1_HI, P1_LO);
      add64(R[0], R[1], P4_HI, P4_LO);
      hi = R[0];
      lo = R[1];
    }
    if (at + 4 <= this.held) {
      mul64(0, i32(tail, at), P1_HI, P1_LO);
      rotl64(hi ^ R[0], lo ^ R[1], 23);
      mul64(R[0], R[1], P2_HI, P2_LO);
      add64(R[0], R[1], P3_HI, P3_LO);
      hi = R[0];
      lo = R[1];
      at += 4;
    }
    for (; at < this.held; at++) {
      mul64(0, tail[at], P5_HI, P5_LO);
      rotl64(hi ^ R[0], lo ^ R[1], 11);
      mul64(R[0], R[1], P1_HI, P1_LO);
      hi = R[0];
      lo = R[1];
    }
    // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
    mul64(hi, lo ^ (hi >>> 1), P2_HI, P2_LO);
    hi = R[0];
    lo = R[1];
    mul64(hi ^ (hi >>> 29), lo ^ ((hi << 3) | (lo >>> 29)), P3_HI, P3_LO);
    return (R[1] ^ R[0]) >>> 0;
  }

  protected consume(bytes: Uint8Array, at: number): void {
    this.consumeStripes(bytes, at, at + 32);
  }

  /**
   * round() of each lane over the whole stripes from `at` to `end`, written out on local variables, one
   * lane at a time (the lanes are independent): the accumulator stays in registers across the stripes
   * instead of passing through `R` at every operation. Returns where the stripes end.
   */
  protected override consumeStripes(bytes: Uint8Array, at: number, end: number): number {
    const stripes = Math.floor((end - at) / 32);
    const v = this.v;
    // One load per word: a DataView's little-endian read compiles to it, four byte loads do not.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let lane = 0; lane < 8; lane += 2) {
      let hi = v[lane], lo = v[lane + 1];
      for (let stripe = 0, offset = at + lane * 4; stripe < stripes; stripe++, offset += 32) {
        const inLo = view.getInt32(offset, true), inHi = view.getInt32(offset + 4, true);
        // input * P2
        let a0 = inLo & 0xffff, a1 = inLo >>> 16;
        let p00 = a0 * P2_LO0, p01 = a0 * P2_LO1, p10 = a1 * P2_LO0, p11 = a1 * P2_LO1;
        let mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
        const mLo = ((mid & 0xffff) << 16) | (p00 & 0xffff);
        const mHi = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(inHi, P2_LO) + Math.imul(inLo, P2_HI)) | 0;
        // + acc
        const sum = (lo >>> 0) + (mLo >>> 0);
        const sLo = sum | 0;
        const sHi = (hi + mHi + (sum > 0xffffffff ? 1 : 0)) | 0;
        // rotl 31
        const rHi = (sHi << 31) | (sLo >>> 1);
        const rLo = (sLo << 31) | (sHi >>> 1);
        // * P1
        a0 = rLo & 0xffff;
        a1 = rLo >>> 16;
        p00 = a0 * P1_LO0;
        p01 = a0 * P1_LO1;
        p10 = a1 * P1_LO0;
        p11 = a1 * P1_LO1;
        mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
        lo = ((mid & 0xffff) << 16) | (p00 & 0xffff);
        hi = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(rHi, P1_LO) + Math.imul(rLo, P1_HI)) | 0;
      }
      v[lane] = hi;
      v[lane + 1] = lo;
    }
    return at + stripes * 32;
  }
}
