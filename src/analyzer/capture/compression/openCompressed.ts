import { CaptureError } from '../../errors.js';
import type { ByteSource, CaptureReader } from '../types.js';
import { CompressedCaptureReader, inDecompressedData, isStreamFailure, streamFailureBehind } from './compressedCaptureReader.js';
import type { Compression } from './compressionFormat.js';
import { DecompressedSource } from './decompressedSource.js';
import { GzipDecoder } from './gzipDecoder.js';
import { Lz4FrameDecoder } from './lz4FrameDecoder.js';
import type { StreamDecoder } from './streamDecoder.js';
import { ZstdDecoder } from './zstdDecoder.js';

function decoderFor(compression: Compression, source: ByteSource, name: string): StreamDecoder {
  if (compression === 'gzip') return new GzipDecoder(source, name);
  if (compression === 'zstd') return new ZstdDecoder(source, name);
  return new Lz4FrameDecoder(source, name);
}

/** A reader over the decompressed bytes of `source`; `openInner` sniffs the format inside. */
export function openCompressed(
  source: ByteSource, name: string, compression: Compression, openInner: (decompressed: ByteSource) => CaptureReader,
): CaptureReader {
  const decoder = decoderFor(compression, source, name);
  try {
    return new CompressedCaptureReader(openInner(new DecompressedSource(decoder)), decoder);
  } catch (error) {
    if (!(error instanceof CaptureError) || isStreamFailure(error)) {
      decoder.close();
      throw error;
    }
    throw streamFailureBehind(decoder) ?? inDecompressedData(error, decoder);
  }
}
