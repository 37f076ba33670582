/**
 * Skippable frames, defined alike by Zstandard (RFC 8878 section 3.1.2) and the LZ4 Frame Format: a magic
 * from 0x184D2A50 to 0x184D2A5F, a 4-byte length, then that many bytes of user data.
 */
import type { CaptureError } from '../../errors.js';
import { u32le, type CompressedBytes } from './compressedBytes.js';

const SKIPPABLE_MAGIC = 0x184d2a50;
const SKIPPABLE_MASK = 0xfffffff0;
/** User data passes in steps of this, so a length of 4 GB costs no buffer of its size. */
const SKIP_STEP = 256 * 1024;

/**
 * The magic of the frame at the cursor, or null when it was a skippable frame, now passed over; `cutShort`
 * makes the error for a file that ends inside it.
 */
export function nextFrameMagic(bytes: CompressedBytes, cutShort: (inside: string) => CaptureError): number | null {
  const magicBytes = bytes.peek(4);
  if (magicBytes === null) throw cutShort('a frame magic number');
  const magic = u32le(magicBytes, 0);
  if ((magic & SKIPPABLE_MASK) >>> 0 !== SKIPPABLE_MAGIC) return magic;
  skipSkippableFrame(bytes, cutShort);
  return null;
}

function skipSkippableFrame(bytes: CompressedBytes, cutShort: (inside: string) => CaptureError): void {
  const start = bytes.offset;
  const header = bytes.peek(8);
  if (header === null) throw cutShort('a skippable frame header');
  let left = u32le(header, 4);
  bytes.advance(8);
  while (left > 0) {
    const part = bytes.peekUpTo(Math.min(left, SKIP_STEP));
    if (part.length === 0) throw cutShort(`the skippable frame at byte ${start}`);
    bytes.advance(part.length);
    left -= part.length;
  }
}
