import type { CaptureRecord } from './types.js';

/**
 * The one record object a reader reuses for every packet. `data` is made on first use only, so a
 * decoder that reads `bytes` at `dataOffset` costs no allocation per packet.
 */
export class ReusedRecord implements CaptureRecord {
  index = -1;
  offset = 0;
  timeSec = 0;
  timeNs = 0;
  linkType = 0;
  interfaceId = 0;
  capturedLength = 0;
  originalLength = 0;
  bytes: Uint8Array = new Uint8Array(0);
  dataOffset = 0;
  private dataView: Uint8Array | null = null;

  get data(): Uint8Array {
    if (this.dataView === null) this.dataView = this.bytes.subarray(this.dataOffset, this.dataOffset + this.capturedLength);
    return this.dataView;
  }

  /** Points the record at its captured bytes in the reader's buffer. */
  place(bytes: Uint8Array, dataOffset: number, capturedLength: number): void {
    this.bytes = bytes;
    this.dataOffset = dataOffset;
    this.capturedLength = capturedLength;
    this.dataView = null;
  }
}
