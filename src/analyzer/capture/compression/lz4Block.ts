/** A problem inside an LZ4 block: `at` is its index in the block's source array. */
export class Lz4BlockError extends Error {
  /** `full`: the output reached `limit`, which a larger buffer may lift. */
  constructor(readonly at: number, readonly reason: string, readonly full = false) {
    super(reason);
    this.name = 'Lz4BlockError';
  }
}

/** Matches shorter than this are copied byte by byte: cheaper than a call, and right for overlaps. */
const SHORT_COPY = 32;

/**
 * Where the extra bytes of a literal or match length end: they follow a nibble of 15, and every byte of
 * 255 means another follows, so the sum is 255 for each but the last, plus the last.
 */
function extensionEnd(src: Uint8Array, start: number, end: number, kind: 'literal' | 'match'): number {
  let s = start;
  do {
    if (s >= end) throw new Lz4BlockError(s, `a ${kind} length runs past the end of the block`);
  } while (src[s++] === 255);
  return s;
}

/**
 * Decodes one block of the LZ4 Block Format: sequences of a token (literal count, match length), the
 * literals, a 2-byte match offset and the match. `src[start, end)` is the block, `dst` receives it from
 * `at` and may not be written past `limit`, and `dst[historyStart, at)` is what matches may reach back
 * into (the previous 64 KiB of a frame with linked blocks). Returns the end of the output. Every length
 * and offset is checked against the block and the output before it is used, as LZ4_decompress_safe does.
 */
export function decodeLz4Block(src: Uint8Array, start: number, end: number, dst: Uint8Array, at: number, limit: number, historyStart: number): number {
  let s = start;
  let d = at;
  for (;;) {
    if (s >= end) throw new Lz4BlockError(s, 'the block ends without its last literals');
    const token = src[s++];
    let literals = token >>> 4;
    if (literals === 15) {
      const after = extensionEnd(src, s, end, 'literal');
      literals += 255 * (after - s - 1) + src[after - 1];
      s = after;
    }
    if (literals > end - s) throw new Lz4BlockError(s, `${literals} literals run past the end of the block`);
    if (literals > limit - d) throw new Lz4BlockError(s, `the block decodes to more than the ${limit - at} bytes its frame allows`, true);
    if (literals < SHORT_COPY) {
      for (let n = 0; n < literals; n++) dst[d + n] = src[s + n];
    } else {
      dst.set(src.subarray(s, s + literals), d);
    }
    s += literals;
    d += literals;
    if (s === end) return d;
    if (end - s < 2) throw new Lz4BlockError(s, 'a match offset is cut off by the end of the block');
    const offset = src[s] | (src[s + 1] << 8);
    if (offset === 0 || offset > d - historyStart) throw new Lz4BlockError(s, `match offset ${offset} reaches before the start of the data`);
    s += 2;
    let length = (token & 15) + 4;
    if ((token & 15) === 15) {
      const after = extensionEnd(src, s, end, 'match');
      length += 255 * (after - s - 1) + src[after - 1];
      s = after;
    }
    if (length > limit - d) throw new Lz4BlockError(s, `the block decodes to more than the ${limit - at} bytes its frame allows`, true);
    const from = d - offset;
    if (offset < length || length < SHORT_COPY) {
      for (let n = 0; n < length; n++) dst[d + n] = dst[from + n];
    } else {
      dst.copyWithin(d, from, from + length);
    }
    d += length;
  }
}
