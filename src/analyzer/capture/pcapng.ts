import { CaptureError } from '../errors.js';
import { ChunkedCaptureReader, type ReaderOptions } from './chunkedCaptureReader.js';
import { OptionCode, optionText, readInt64, readUint64, visitOptions } from './pcapngOptions.js';
import { capturedLengthLimit, MAX_INTERFACES, MAX_RECORD_BYTES } from './recordLimits.js';
import { TimestampClock } from './timestampClock.js';
import type { ByteSource, CaptureInfo, CaptureInterface, CaptureReader, CaptureRecord, CaptureWarning, InterfaceStatistics } from './types.js';

export const enum BlockType {
  SectionHeader = 0x0a0d0d0a,
  InterfaceDescription = 1,
  ObsoletePacket = 2,
  SimplePacket = 3,
  InterfaceStatistics = 5,
  EnhancedPacket = 6,
  SystemdJournalExport = 9,
  CustomCopyable = 0x00000bad,
  CustomNotCopyable = 0x40000bad,
}

/** The byte-order magic of a section header as read little-endian from a little-endian section. */
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

/** Block type and total length: what every block starts with. */
const BLOCK_PREFIX_BYTES = 8;
/** Smallest valid lengths: fixed fields plus the leading and trailing lengths. */
const MIN_BLOCK_BYTES = 12;
const MIN_SECTION_HEADER_BYTES = 28;
const MIN_INTERFACE_BYTES = 20;
const MIN_PACKET_BYTES = 32;
const MIN_SIMPLE_PACKET_BYTES = 16;
/** Interface id and timestamp, with the lengths around them. */
const MIN_STATISTICS_BYTES = 24;
/** Offset of the packet bytes in an Enhanced or obsolete Packet Block. */
const PACKET_DATA_OFFSET = 28;

/** Comments are untrusted and may come with every packet: keep a bounded number of bounded size. */
const MAX_COMMENTS = 1000;
const MAX_COMMENT_CHARS = 4096;

/** What a packet block needs of its interface, per section. */
interface SectionInterface {
  /** Index in CaptureInfo.interfaces. */
  globalId: number;
  linkType: number;
  snaplen: number;
  capturedLimit: number;
  clock: TimestampClock;
}

/**
 * pcapng: a sequence of sections, each a Section Header Block in its own byte order followed by
 * interfaces and packets. Packet blocks become records; every other block is passed over by its length.
 */
export class PcapngReader extends ChunkedCaptureReader {
  readonly info: CaptureInfo;
  private littleEndian = true;
  private section = -1;
  private sectionInterfaces: SectionInterface[] = [];
  /** A block passed over whose trailing length is still to be read (see readSkippedTrailer). */
  private skippedBlock: { start: number; length: number; isFrame: boolean } | null = null;

  constructor(source: ByteSource, name: string, options: ReaderOptions = {}) {
    super(source, name, options);
    this.info = { format: 'pcapng', byteOrder: 'le', interfaces: [], comments: [] };
    if (!this.input.ensure(MIN_BLOCK_BYTES)) {
      throw new CaptureError(name, 0, `pcapng section header cut short: ${source.size} of ${MIN_SECTION_HEADER_BYTES} bytes`, 'cut-short');
    }
    if (this.input.view.getUint32(0, true) !== BlockType.SectionHeader) {
      throw new CaptureError(name, 0, `not a pcapng file: first block type 0x${this.input.view.getUint32(0, false).toString(16).padStart(8, '0')}`, 'not-a-capture');
    }
    if (!this.readSectionHeader()) {
      throw new CaptureError(name, 0, `pcapng section header cut short: ${source.size} bytes`, 'cut-short');
    }
    this.info.byteOrder = this.littleEndian ? 'le' : 'be';
  }

  next(): CaptureRecord | null {
    const input = this.input;
    if (this.skippedBlock !== null && !this.readSkippedTrailer()) return null;
    for (;;) {
      if (input.end - input.cursor < BLOCK_PREFIX_BYTES && !input.demand(BLOCK_PREFIX_BYTES, this.warnings)) return null;
      const type = input.view.getUint32(input.cursor, this.littleEndian);
      if (type === BlockType.SectionHeader) {
        if (!this.readSectionHeader()) return null;
        continue;
      }
      const length = input.view.getUint32(input.cursor + 4, this.littleEndian);
      this.checkBlockLength(type, length);
      if (type === BlockType.EnhancedPacket || type === BlockType.SimplePacket || type === BlockType.ObsoletePacket) {
        if (input.end - input.cursor < length && !this.input.demand(length, this.warnings)) return null;
        this.checkTrailingLength(input.cursor, length);
        const record = type === BlockType.SimplePacket ? this.readSimplePacket(length) : this.readPacket(type, length);
        input.cursor += length;
        return record;
      }
      if (type === BlockType.InterfaceDescription || type === BlockType.InterfaceStatistics) {
        if (input.end - input.cursor < length && !this.input.demand(length, this.warnings)) return null;
        this.checkTrailingLength(input.cursor, length);
        if (type === BlockType.InterfaceDescription) this.readInterface(length);
        else this.readStatistics(length);
        input.cursor += length;
      } else {
        // tshark lists these as frames of their own, so frame numbers stay in step with its output.
        const isFrame = type === BlockType.CustomCopyable || type === BlockType.CustomNotCopyable || type === BlockType.SystemdJournalExport;
        if (!this.skipBlock(length, isFrame)) return null;
      }
    }
  }

  /** Enhanced Packet Block, or the obsolete Packet Block whose interface id is 16 bits. */
  private readPacket(type: number, length: number): CaptureRecord {
    const input = this.input;
    const at = input.cursor;
    const view = input.view;
    const le = this.littleEndian;
    const interfaceId = type === BlockType.EnhancedPacket ? view.getUint32(at + 8, le) : view.getUint16(at + 8, le);
    const captured = view.getUint32(at + 20, le);
    const iface = this.interfaceFor(interfaceId);
    if (captured > iface.capturedLimit) {
      throw new CaptureError(this.name, input.position, `record captured length ${captured} exceeds the limit of ${iface.capturedLimit} bytes`, 'record-too-large');
    }
    const paddedEnd = PACKET_DATA_OFFSET + ((captured + 3) & ~3);
    if (paddedEnd + 4 > length) {
      throw new CaptureError(this.name, input.position, `captured length ${captured} does not fit in a block of ${length} bytes`, 'bad-packet-length');
    }
    iface.clock.set(view.getUint32(at + 12, le), view.getUint32(at + 16, le));
    const record = this.record;
    record.index++;
    record.offset = input.position;
    record.timeSec = iface.clock.timeSec;
    record.timeNs = iface.clock.timeNs;
    record.linkType = iface.linkType;
    record.interfaceId = iface.globalId;
    record.originalLength = view.getUint32(at + 24, le);
    record.place(input.buffer, at + PACKET_DATA_OFFSET, captured);
    if (paddedEnd + 4 < length) this.readComments(at + paddedEnd, at + length - 4);
    return record;
  }

  /** Simple Packet Block: interface 0, no timestamp, captured length implied by the block and the snaplen. */
  private readSimplePacket(length: number): CaptureRecord {
    const input = this.input;
    const at = input.cursor;
    const iface = this.interfaceFor(0);
    const original = input.view.getUint32(at + 8, this.littleEndian);
    let captured = Math.min(original, length - MIN_SIMPLE_PACKET_BYTES);
    if (iface.snaplen > 0 && captured > iface.snaplen) captured = iface.snaplen;
    const record = this.record;
    record.index++;
    record.offset = input.position;
    record.timeSec = 0;
    record.timeNs = 0;
    record.linkType = iface.linkType;
    record.interfaceId = iface.globalId;
    record.originalLength = original;
    record.place(input.buffer, at + 12, captured);
    return record;
  }

  private interfaceFor(id: number): SectionInterface {
    const iface = this.sectionInterfaces[id];
    if (iface === undefined) {
      throw new CaptureError(this.name, this.input.position, `packet names interface ${id} but section ${this.section} has ${this.sectionInterfaces.length}`, 'unknown-interface');
    }
    return iface;
  }

  private readInterface(length: number): void {
    const input = this.input;
    if (this.info.interfaces.length >= MAX_INTERFACES) {
      throw new CaptureError(this.name, input.position, `more than ${MAX_INTERFACES} interfaces`, 'too-many-interfaces');
    }
    const at = input.cursor;
    const le = this.littleEndian;
    const view = input.view;
    const described: CaptureInterface = {
      id: this.sectionInterfaces.length,
      section: this.section,
      linkType: view.getUint16(at + 8, le),
      snaplen: view.getUint32(at + 12, le),
      tsResolution: 1e6,
      tsOffset: 0,
    };
    let tsresol = 6;
    visitOptions(view, at + 16, at + length - 4, le, this.name, input.position - at, (code, start, size) => {
      if (code === OptionCode.IfName) described.name = optionText(input.buffer, start, size);
      else if (code === OptionCode.IfDescription) described.description = optionText(input.buffer, start, size);
      else if (code === OptionCode.IfTsResolution && size >= 1) tsresol = input.buffer[start];
      else if (code === OptionCode.IfTsOffset && size >= 8) described.tsOffset = readInt64(view, start, le);
      else if (code === OptionCode.Comment) this.keepComment(optionText(input.buffer, start, size));
    });
    const clock = TimestampClock.fromResolution(tsresol, described.tsOffset);
    described.tsResolution = clock.unitsPerSecond;
    this.sectionInterfaces.push({
      globalId: this.info.interfaces.length,
      linkType: described.linkType,
      snaplen: described.snaplen,
      capturedLimit: capturedLengthLimit(described.snaplen),
      clock,
    });
    this.info.interfaces.push(described);
  }

  /**
   * Interface Statistics Block: kept per interface, the last one winning (its counts are cumulative).
   * Options of another size than the 8 bytes the specification gives are passed over, as tshark does.
   */
  private readStatistics(length: number): void {
    const input = this.input;
    const at = input.cursor;
    const le = this.littleEndian;
    const view = input.view;
    const id = view.getUint32(at + 8, le);
    const iface = this.sectionInterfaces[id];
    if (iface === undefined) {
      this.warnings.push({ code: 'unknown-interface', message: `interface statistics name interface ${id} but section ${this.section} has ${this.sectionInterfaces.length}; ignored`, offset: input.position });
      return;
    }
    const statistics: InterfaceStatistics = { startTime: null, endTime: null, received: null, droppedByInterface: null, droppedByOs: null, offset: input.position };
    const timeAt = (start: number) => {
      iface.clock.set(view.getUint32(start, le), view.getUint32(start + 4, le));
      return iface.clock.timeSec + iface.clock.timeNs / 1e9;
    };
    visitOptions(view, at + 20, at + length - 4, le, this.name, input.position - at, (code, start, size) => {
      if (code === OptionCode.Comment) this.keepComment(optionText(input.buffer, start, size));
      if (size !== 8) return;
      if (code === OptionCode.IsbStartTime) statistics.startTime = timeAt(start);
      else if (code === OptionCode.IsbEndTime) statistics.endTime = timeAt(start);
      else if (code === OptionCode.IsbIfRecv) statistics.received = readUint64(view, start, le);
      else if (code === OptionCode.IsbIfDrop) statistics.droppedByInterface = readUint64(view, start, le);
      else if (code === OptionCode.IsbOsDrop) statistics.droppedByOs = readUint64(view, start, le);
    });
    this.info.interfaces[iface.globalId].statistics = statistics;
  }

  /** Reads the Section Header Block at the cursor, which sets the byte order of all that follows. */
  private readSectionHeader(): boolean {
    const input = this.input;
    if (input.end - input.cursor < MIN_BLOCK_BYTES && !this.input.demand(MIN_BLOCK_BYTES, this.warnings)) return false;
    const magic = input.view.getUint32(input.cursor + 8, true);
    if (magic !== BYTE_ORDER_MAGIC && magic !== BYTE_ORDER_MAGIC_SWAPPED) {
      throw new CaptureError(this.name, input.position + 8, `unknown byte-order magic 0x${magic.toString(16).padStart(8, '0')}`, 'bad-byte-order');
    }
    const le = magic === BYTE_ORDER_MAGIC;
    const length = input.view.getUint32(input.cursor + 4, le);
    this.checkBlockLength(BlockType.SectionHeader, length);
    if (input.end - input.cursor < length && !this.input.demand(length, this.warnings)) return false;
    const at = input.cursor;
    const view = input.view;
    this.littleEndian = le;
    this.checkTrailingLength(at, length);
    const major = view.getUint16(at + 12, le);
    const minor = view.getUint16(at + 14, le);
    // 1.2 is 1.0 as written by some old Solaris tools; libpcap and tshark refuse the rest.
    if (major !== 1 || (minor !== 0 && minor !== 2)) {
      throw new CaptureError(this.name, input.position + 12, `unsupported pcapng version ${major}.${minor}`, 'bad-version');
    }
    this.section++;
    this.sectionInterfaces = [];
    visitOptions(view, at + 24, at + length - 4, le, this.name, input.position - at, (code, start, size) => {
      const text = () => optionText(input.buffer, start, size);
      if (code === OptionCode.Comment) this.keepComment(text());
      else if (code === OptionCode.ShbHardware) this.keepComment(`hardware: ${text()}`);
      else if (code === OptionCode.ShbOs) this.keepComment(`os: ${text()}`);
      else if (code === OptionCode.ShbUserApplication) this.keepComment(`application: ${text()}`);
    });
    input.cursor = at + length;
    return true;
  }

  /** opt_comment of a packet block; other packet options are not needed downstream. */
  private readComments(start: number, end: number): void {
    const input = this.input;
    visitOptions(input.view, start, end, this.littleEndian, this.name, input.position - input.cursor, (code, valueStart, size) => {
      if (code === OptionCode.Comment) this.keepComment(optionText(input.buffer, valueStart, size));
    });
  }

  private keepComment(text: string): void {
    const comments = this.info.comments;
    if (comments.length >= MAX_COMMENTS) return;
    // A slice of a V8 string keeps its whole parent alive: copy the kept prefix, or each long comment
    // would hold its full 64 KB option however short the text shown.
    comments.push(text.length > MAX_COMMENT_CHARS ? `${Array.from(text.slice(0, MAX_COMMENT_CHARS)).join('')}…` : text);
  }

  private checkBlockLength(type: number, length: number): void {
    const minimum =
      type === BlockType.SectionHeader ? MIN_SECTION_HEADER_BYTES
      : type === BlockType.InterfaceDescription ? MIN_INTERFACE_BYTES
      : type === BlockType.EnhancedPacket || type === BlockType.ObsoletePacket ? MIN_PACKET_BYTES
      : type === BlockType.SimplePacket ? MIN_SIMPLE_PACKET_BYTES
      : type === BlockType.InterfaceStatistics ? MIN_STATISTICS_BYTES
      : MIN_BLOCK_BYTES;
    let problem: string | null = null;
    if (length % 4 !== 0) problem = `block length ${length} is not a multiple of 4`;
    else if (length < minimum) problem = `block length ${length} is shorter than the ${minimum}-byte minimum for block type 0x${type.toString(16)}`;
    else if (length > MAX_RECORD_BYTES) problem = `block length ${length} exceeds the limit of ${MAX_RECORD_BYTES} bytes`;
    if (problem !== null) throw new CaptureError(this.name, this.input.position, problem, 'bad-block-length');
  }

  private checkTrailingLength(at: number, length: number): void {
    const trailing = this.input.view.getUint32(at + length - 4, this.littleEndian);
    if (trailing !== length) throw this.trailingLengthError(this.input.position, trailing, length);
  }

  private trailingLengthError(blockOffset: number, trailing: number, length: number): CaptureError {
    return new CaptureError(this.name, blockOffset, `trailing block length ${trailing} differs from the leading ${length}`, 'bad-block-length');
  }

  /** Passes over a block nobody downstream needs without buffering it, checking its trailing length. */
  private skipBlock(length: number, isFrame: boolean): boolean {
    const input = this.input;
    if (input.end - input.cursor >= length) {
      this.checkTrailingLength(input.cursor, length);
      input.cursor += length;
      if (isFrame) this.record.index++;
      return true;
    }
    if (length > input.remaining) return this.input.demand(length, this.warnings);
    this.skippedBlock = { start: input.position, length, isFrame };
    input.skip(length - 4);
    return this.readSkippedTrailer();
  }

  /**
   * The trailing length of the block passed over. Kept pending until read: a capture followed while it
   * is written may not hold it yet (NoDataYet), and the next call must not take it for a block.
   */
  private readSkippedTrailer(): boolean {
    const { start, length, isFrame } = this.skippedBlock!;
    const input = this.input;
    const there = input.ensure(4);
    this.skippedBlock = null;
    if (!there) return input.endInside(start, length, this.warnings);
    const trailing = input.view.getUint32(input.cursor, this.littleEndian);
    if (trailing !== length) throw this.trailingLengthError(start, trailing, length);
    input.cursor += 4;
    if (isFrame) this.record.index++;
    return true;
  }

}
