import { CaptureError } from '../../errors.js';
import type { CaptureInfo, CaptureReader, CaptureRecord, CaptureWarning } from '../types.js';
import type { StreamDecoder } from './streamDecoder.js';

/** The codes of the decoders' CaptureErrors: about the compressed file, at offsets in it. */
const STREAM_FAILURES = new Set(['compressed-cut-short', 'bad-compressed-data', 'compressed-too-large']);

export function isStreamFailure(error: unknown): error is CaptureError {
  return error instanceof CaptureError && STREAM_FAILURES.has(error.code);
}

/**
 * A reader's CaptureError about the decompressed capture: its offset is in the decompressed bytes, which
 * the reason says, since the file the user holds is the compressed one.
 */
export function inDecompressedData(error: CaptureError, decoder: StreamDecoder): CaptureError {
  return new CaptureError(error.file, error.offset, `${error.reason} (in the ${decoder.compression}-decompressed data)`, error.code);
}

/**
 * A reader's CaptureError on decompressed data may come from corrupt compressed data that the decoder has
 * not caught yet (gzip checks its CRC-32 only at the end of a member): the rest of the stream is decoded
 * and dropped, and its failure, if it has one, is the cause to report.
 */
export function streamFailureBehind(decoder: StreamDecoder): CaptureError | null {
  const scratch = new Uint8Array(64 * 1024);
  try {
    while (decoder.read(scratch) > 0);
    return null;
  } catch (error) {
    if (isStreamFailure(error)) return error;
    throw error;
  } finally {
    decoder.close();
  }
}

/**
 * A pcap or pcapng reader over decompressed bytes. A compressed stream that breaks off (cut short,
 * corrupt) ends the capture like a file cut short: the records decoded before it are analysed and the
 * failure is one warning at its offset in the compressed file. Progress is in compressed bytes.
 */
export class CompressedCaptureReader implements CaptureReader {
  /** Set once the compressed stream broke off; its warning is among the reader's warnings. */
  private failed = false;

  constructor(private readonly inner: CaptureReader, private readonly decoder: StreamDecoder) {}

  get info(): CaptureInfo {
    return { ...this.inner.info, compression: this.decoder.compression };
  }

  get warnings(): CaptureWarning[] {
    return this.inner.warnings;
  }

  get position(): number {
    return this.decoder.consumed;
  }

  get frameCount(): number {
    return this.inner.frameCount;
  }

  next(): CaptureRecord | null {
    if (this.failed) return null;
    try {
      return this.inner.next();
    } catch (error) {
      if (isStreamFailure(error)) {
        this.decoder.close();
        return this.endAt(error);
      }
      if (!(error instanceof CaptureError)) throw error;
      const cause = streamFailureBehind(this.decoder);
      if (cause === null) throw inDecompressedData(error, this.decoder);
      return this.endAt(cause);
    }
  }

  private endAt(failure: CaptureError): null {
    this.failed = true;
    this.inner.warnings.push({ code: failure.code, message: failure.reason, offset: failure.offset });
    return null;
  }
}
