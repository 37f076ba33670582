import { CaptureError } from '../../errors.js';
import type { Compression } from './compressionFormat.js';

/**
 * A decompressor pulled synchronously, so the capture readers keep their loop: each call fills as much of
 * `out` as it can and returns how many bytes it wrote, 0 only at the end of the compressed data.
 * Problems are CaptureErrors at the offset in the compressed file.
 */
export interface StreamDecoder {
  readonly compression: Compression;
  /** Compressed bytes consumed so far. */
  readonly consumed: number;
  read(out: Uint8Array): number;
  /** Frees what the decoder holds outside the JavaScript heap. */
  close(): void;
}

const NAMES: Record<Compression, string> = { gzip: 'gzip', zstd: 'zstd', lz4: 'lz4' };

/** The compressed file ends inside a member, frame or block: what a copy of a running `gzip` looks like. */
export function compressedCutShort(file: string, compression: Compression, offset: number, inside: string): CaptureError {
  return new CaptureError(file, offset, `${NAMES[compression]} data cut short: the file ends inside ${inside}`, 'compressed-cut-short');
}

/** Bytes the decompressor cannot accept: a bad header, a bad block, a checksum that does not match. */
export function corruptCompressed(file: string, compression: Compression, offset: number, reason: string): CaptureError {
  return new CaptureError(file, offset, `corrupt ${NAMES[compression]} data: ${reason}`, 'bad-compressed-data');
}

/** A header that asks for more memory than the decoder grants. */
export function compressedTooLarge(file: string, compression: Compression, offset: number, reason: string): CaptureError {
  return new CaptureError(file, offset, `${NAMES[compression]} data refused: ${reason}`, 'compressed-too-large');
}
