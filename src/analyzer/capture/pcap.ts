import { CaptureError } from '../errors.js';
import { ChunkedCaptureReader, type ReaderOptions } from './chunkedCaptureReader.js';
import { capturedLengthLimit } from './recordLimits.js';
import type { ByteSource, CaptureInfo, CaptureRecord } from './types.js';

const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** The four magics as read little-endian: byte order and timestamp unit in one word. */
const enum PcapMagic {
  MicrosecondsLittle = 0xa1b2c3d4,
  NanosecondsLittle = 0xa1b23c4d,
  MicrosecondsBig = 0xd4c3b2a1,
  NanosecondsBig = 0x4d3cb2a1,
}

/** libpcap's LT_LINKTYPE: the upper 16 bits carry FCS length and reserved flags, not the link type. */
const LINK_TYPE_MASK = 0xffff;

export function isPcapMagic(magicLittleEndian: number): boolean {
  return (
    magicLittleEndian === PcapMagic.MicrosecondsLittle ||
    magicLittleEndian === PcapMagic.NanosecondsLittle ||
    magicLittleEndian === PcapMagic.MicrosecondsBig ||
    magicLittleEndian === PcapMagic.NanosecondsBig
  );
}

/** Classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by its bytes. */
export class PcapReader extends ChunkedCaptureReader {
  readonly info: CaptureInfo;
  private readonly littleEndian: boolean;
  /** Nanoseconds per unit of the record header's sub-second field. */
  private readonly nsPerUnit: number;
  private readonly minorVersion: number;
  private readonly capturedLimit: number;

  constructor(source: ByteSource, name: string, options: ReaderOptions = {}) {
    super(source, name, options);
    if (!this.input.ensure(FILE_HEADER_BYTES)) {
      throw new CaptureError(name, 0, `pcap file header cut short: ${source.size} of ${FILE_HEADER_BYTES} bytes`, 'cut-short');
    }
    const view = this.input.view;
    const magic = view.getUint32(0, true);
    if (!isPcapMagic(magic)) {
      throw new CaptureError(name, 0, `not a pcap file: unknown magic 0x${view.getUint32(0, false).toString(16).padStart(8, '0')}`, 'not-a-capture');
    }
    const littleEndian = magic === PcapMagic.MicrosecondsLittle || magic === PcapMagic.NanosecondsLittle;
    const nanoseconds = magic === PcapMagic.NanosecondsLittle || magic === PcapMagic.NanosecondsBig;
    const major = view.getUint16(4, littleEndian);
    const minor = view.getUint16(6, littleEndian);
    // tshark refuses major versions other than 2 and reads any 2.x.
    if (major !== 2) throw new CaptureError(name, 4, `unsupported pcap version ${major}.${minor}`, 'bad-version');
    const snaplen = view.getUint32(16, littleEndian);
    const linkType = view.getUint32(20, littleEndian) & LINK_TYPE_MASK;

    this.littleEndian = littleEndian;
    this.nsPerUnit = nanoseconds ? 1 : 1000;
    this.minorVersion = minor;
    this.capturedLimit = capturedLengthLimit(snaplen);
    this.record.linkType = linkType;
    this.info = {
      format: 'pcap',
      byteOrder: littleEndian ? 'le' : 'be',
      interfaces: [{ id: 0, section: 0, linkType, snaplen, tsResolution: nanoseconds ? 1e9 : 1e6, tsOffset: 0 }],
      comments: [],
    };
    this.input.skip(FILE_HEADER_BYTES);
  }

  next(): CaptureRecord | null {
    const input = this.input;
    if (input.end - input.cursor < RECORD_HEADER_BYTES && !this.input.demand(RECORD_HEADER_BYTES, this.warnings)) return null;
    let at = input.cursor;
    const view = input.view;
    let seconds: number, fraction: number, captured: number, original: number;
    if (this.littleEndian) {
      // The common case, with constant byte order so the reads compile to plain loads.
      seconds = view.getUint32(at, true);
      fraction = view.getUint32(at + 4, true);
      captured = view.getUint32(at + 8, true);
      original = view.getUint32(at + 12, true);
    } else {
      seconds = view.getUint32(at, false);
      fraction = view.getUint32(at + 4, false);
      captured = view.getUint32(at + 8, false);
      original = view.getUint32(at + 12, false);
    }
    // Before 2.3 (and from some 2.3 writers) the two lengths come the other way round, as libpcap knows.
    if (this.minorVersion <= 3 && (this.minorVersion < 3 || captured > original)) {
      const swap = captured;
      captured = original;
      original = swap;
    }
    if (captured > this.capturedLimit) {
      throw new CaptureError(this.name, input.position, `record captured length ${captured} exceeds the limit of ${this.capturedLimit} bytes`, 'record-too-large');
    }
    const recordBytes = RECORD_HEADER_BYTES + captured;
    if (input.end - at < recordBytes) {
      if (!this.input.demand(recordBytes, this.warnings)) return null;
      at = input.cursor;
    }
    const record = this.record;
    record.index++;
    record.offset = input.position;
    const ns = fraction * this.nsPerUnit;
    if (ns < 1e9) {
      record.timeSec = seconds;
      record.timeNs = ns;
    } else {
      // Crafted files put a whole second or more in the sub-second field: carry it.
      record.timeSec = seconds + Math.floor(ns / 1e9);
      record.timeNs = ns % 1e9;
    }
    record.originalLength = original;
    record.place(input.buffer, at + RECORD_HEADER_BYTES, captured);
    input.cursor = at + recordBytes;
    return record;
  }

}
