/** The Zstandard frame header (RFC 8878 section 3.1.1.1), read before any decoder sees the frame. */

export const ZSTD_MAGIC = 0xfd2fb528;
/** Block_Maximum_Size: no block holds or yields more than this, nor more than the window. */
export const ZSTD_BLOCK_MAX = 128 * 1024;

export interface ZstdFrameHeader {
  /** Bytes of the header, magic included. */
  length: number;
  windowSize: number;
  dictionaryId: number;
  hasChecksum: boolean;
}

const DICTIONARY_ID_BYTES = [0, 1, 2, 4];
const CONTENT_SIZE_BYTES = [0, 2, 4, 8];

function littleEndian(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let n = count - 1; n >= 0; n--) value = value * 256 + bytes[at + n];
  return value;
}

/** The header's length, from its descriptor byte (at index 4). */
export function zstdHeaderLength(descriptor: number): number {
  const singleSegment = (descriptor >>> 5) & 1;
  const contentSizeFlag = descriptor >>> 6;
  const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : CONTENT_SIZE_BYTES[contentSizeFlag];
  return 4 + 1 + (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 3] + contentSizeBytes;
}

/** Reads the header from `bytes` (at least `zstdHeaderLength` of them); a string names what is wrong. */
export function readZstdFrameHeader(bytes: Uint8Array): ZstdFrameHeader | string {
  const descriptor = bytes[4];
  if ((descriptor & 0x08) !== 0) return 'the reserved bit of the frame header descriptor is set';
  const singleSegment = (descriptor >>> 5) & 1;
  const contentSizeFlag = descriptor >>> 6;
  const dictionaryBytes = DICTIONARY_ID_BYTES[descriptor & 3];
  let at = 5;
  let windowSize = 0;
  if (!singleSegment) {
    const exponent = bytes[at] >>> 3;
    const base = 2 ** (10 + exponent);
    windowSize = base + (base / 8) * (bytes[at] & 7);
    at++;
  }
  const dictionaryId = littleEndian(bytes, at, dictionaryBytes);
  at += dictionaryBytes;
  const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : CONTENT_SIZE_BYTES[contentSizeFlag];
  // A single-segment frame's window is its whole content.
  if (singleSegment) windowSize = littleEndian(bytes, at, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
  return { length: at + contentSizeBytes, windowSize, dictionaryId, hasChecksum: (descriptor & 0x04) !== 0 };
}
