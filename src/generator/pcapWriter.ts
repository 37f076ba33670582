/**
 * Writes classic libpcap files: either byte order, microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d)
 * magic, any link type. Platform-neutral: it returns bytes and never touches the file system.
 *
 * Two ways to use it: `addRecord` then `bytes()` for small captures, or `fileHeader()` followed by
 * `encodeRecord` chunks written out as they come, for captures too big to hold twice in memory.
 */
import { type CaptureTime, concatChunks, splitCaptureTime } from './captureTime.js';

export interface PcapWriterOptions {
  /** LINKTYPE_* value: 1 Ethernet, 101 raw IP, 113 Linux SLL, 276 Linux SLL2, … */
  linkType: number;
  /** Nanosecond timestamps (magic 0xa1b23c4d); microseconds otherwise. */
  nanosecond?: boolean;
  /** Big-endian headers, as written on SPARC or PowerPC; little-endian otherwise. */
  bigEndian?: boolean;
  /** Frames longer than this are cut, keeping their original length in the record header. */
  snaplen?: number;
}

const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;
const DEFAULT_SNAPLEN = 262144;

export class PcapWriter {
  readonly linkType: number;
  readonly nanosecond: boolean;
  readonly bigEndian: boolean;
  readonly snaplen: number;
  private readonly chunks: Uint8Array[] = [];

  constructor(options: PcapWriterOptions) {
    this.linkType = options.linkType;
    this.nanosecond = options.nanosecond ?? false;
    this.bigEndian = options.bigEndian ?? false;
    this.snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
    this.chunks.push(this.fileHeader());
  }

  /** The 24-byte global header. */
  fileHeader(): Uint8Array {
    const header = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
    const view = new DataView(header.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, this.nanosecond ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, le);
    view.setUint16(4, 2, le); // version 2.4, the only one in use
    view.setUint16(6, 4, le);
    view.setInt32(8, 0, le); // thiszone: always 0 in practice
    view.setUint32(12, 0, le); // sigfigs: always 0 in practice
    view.setUint32(16, this.snaplen, le);
    view.setUint32(20, this.linkType, le);
    return header;
  }

  /** One record (16-byte header + captured bytes) as a chunk of its own; nothing is kept. */
  encodeRecord(time: CaptureTime, frame: Uint8Array, originalLength = frame.length): Uint8Array {
    const { sec, ns } = splitCaptureTime(time);
    const captured = Math.min(frame.length, this.snaplen);
    const record = new Uint8Array(PCAP_RECORD_HEADER_LENGTH + captured);
    const view = new DataView(record.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, sec >>> 0, le);
    view.setUint32(4, this.nanosecond ? ns : Math.floor(ns / 1000), le);
    view.setUint32(8, captured, le);
    view.setUint32(12, Math.max(originalLength, captured), le);
    record.set(frame.subarray(0, captured), PCAP_RECORD_HEADER_LENGTH);
    return record;
  }

  addRecord(time: CaptureTime, frame: Uint8Array, originalLength = frame.length): this {
    this.chunks.push(this.encodeRecord(time, frame, originalLength));
    return this;
  }

  /** The whole file: header and every record added so far. */
  bytes(): Uint8Array {
    return concatChunks(this.chunks);
  }
}
