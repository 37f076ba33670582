import { ChunkedInput } from './chunkedInput.js';
import { ReusedRecord } from './captureRecord.js';
import type { ByteSource, CaptureInfo, CaptureReader, CaptureRecord, CaptureWarning } from './types.js';

export interface ReaderOptions {
  /** Bytes read from the source at a time; tests make it tiny to force records across chunks. */
  chunkSize?: number;
}

/** What the pcap and pcapng readers share: the chunked input, the one reused record, the warnings. */
export abstract class ChunkedCaptureReader implements CaptureReader {
  abstract readonly info: CaptureInfo;
  readonly warnings: CaptureWarning[] = [];
  protected readonly input: ChunkedInput;
  protected readonly record = new ReusedRecord();

  constructor(source: ByteSource, protected readonly name: string, options: ReaderOptions) {
    this.input = new ChunkedInput(source, options.chunkSize);
  }

  get position(): number {
    return this.input.position;
  }

  get frameCount(): number {
    return this.record.index + 1;
  }

  abstract next(): CaptureRecord | null;
}
