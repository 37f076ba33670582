/**
 * Writes pcapng files: one Section Header Block, one Interface Description Block per interface (with
 * if_tsresol and an optional if_name), then Enhanced Packet Blocks, Name Resolution Blocks and Interface
 * Statistics Blocks; either
 * byte order. Every text option is optional, so that tests can write hostile text where a UI shows it. Platform-neutral:
 * it returns bytes and never touches the file system.
 *
 * Small captures: `addRecord` then `bytes()`. Big ones: write `header()`, then each `encodeRecord` chunk.
 */
import { type CaptureTime, concatChunks, splitCaptureTime } from './captureTime.js';

export interface PcapngInterfaceOptions {
  /** LINKTYPE_* value: 1 Ethernet, 101 raw IP, 113 Linux SLL, 276 Linux SLL2, … */
  linkType: number;
  /** if_name, as `tcpdump -i` would record it (`eth0`, `any`). */
  name?: string;
  /** if_description and opt_comment of the interface. */
  description?: string;
  comment?: string;
  /**
   * if_tsresol byte: 6 for microseconds (the pcapng default), 9 for nanoseconds; with the high bit set,
   * a negative power of two (0x80 | n means 2^-n seconds).
   */
  tsresol?: number;
  /** 0 means no limit, as the pcapng spec has it: frames are written whole. */
  snaplen?: number;
}

export interface PcapngWriterOptions {
  bigEndian?: boolean;
  /** Interfaces declared up front; their ids are their positions in this list. */
  interfaces?: PcapngInterfaceOptions[];
  /** shb_userappl: the application that wrote the file. */
  application?: string;
  /** opt_comment, shb_hardware and shb_os of the section. */
  comment?: string;
  hardware?: string;
  os?: string;
}

/** What an Interface Statistics Block says, as dumpcap writes one when it stops. */
export interface InterfaceStatisticsOptions {
  /** The block's own timestamp; isb_starttime and isb_endtime when given. */
  time: CaptureTime;
  start?: CaptureTime;
  end?: CaptureTime;
  /** isb_ifrecv, isb_ifdrop, isb_osdrop. */
  received?: number;
  droppedByInterface?: number;
  droppedByOs?: number;
}

/** One IPv4 entry of a Name Resolution Block: an address and the names it resolves to. */
export interface NameResolutionEntry {
  ipv4: string;
  names: string[];
}

const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
const BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
const BLOCK_ENHANCED_PACKET = 0x00000006;
const BLOCK_NAME_RESOLUTION = 0x00000004;
const BLOCK_INTERFACE_STATISTICS = 0x00000005;
const OPT_ISB_STARTTIME = 2;
const OPT_ISB_ENDTIME = 3;
const OPT_ISB_IFRECV = 4;
const OPT_ISB_IFDROP = 5;
const OPT_ISB_OSDROP = 7;
const NRB_RECORD_IPV4 = 1;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_END = 0;
const OPT_COMMENT = 1;
const OPT_SHB_HARDWARE = 2;
const OPT_SHB_OS = 3;
const OPT_SHB_USERAPPL = 4;
const OPT_IF_NAME = 2;
const OPT_IF_DESCRIPTION = 3;
const OPT_IF_TSRESOL = 9;
const DEFAULT_TSRESOL = 6;
const DEFAULT_SNAPLEN = 262144;

interface PcapngOption {
  code: number;
  value: Uint8Array;
}

const textEncoder = new TextEncoder();
const pad4 = (n: number): number => (n + 3) & ~3;

/** Size of an options list, end-of-options included; 0 when there are no options (allowed by the spec). */
function optionsLength(options: readonly PcapngOption[]): number {
  if (options.length === 0) return 0;
  let length = 4;
  for (const option of options) length += 4 + pad4(option.value.length);
  return length;
}

function writeOptions(bytes: Uint8Array, view: DataView, at: number, options: readonly PcapngOption[], le: boolean): number {
  if (options.length === 0) return at;
  for (const option of options) {
    view.setUint16(at, option.code, le);
    view.setUint16(at + 2, option.value.length, le);
    bytes.set(option.value, at + 4);
    at += 4 + pad4(option.value.length);
  }
  view.setUint16(at, OPT_END, le);
  view.setUint16(at + 2, 0, le);
  return at + 4;
}

/** The options for the text values that are present, in the order given. */
function textOptions(values: readonly [number, string | undefined][]): PcapngOption[] {
  return values.filter(([, text]) => text !== undefined).map(([code, text]) => ({ code, value: textEncoder.encode(text) }));
}

/** Timestamp units per second for an if_tsresol byte, as a BigInt for exact 64-bit arithmetic. */
function unitsPerSecond(tsresol: number): bigint {
  return tsresol & 0x80 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

export class PcapngWriter {
  readonly bigEndian: boolean;
  private readonly interfaces: Required<Pick<PcapngInterfaceOptions, 'linkType' | 'tsresol' | 'snaplen'>>[] = [];
  private readonly chunks: Uint8Array[] = [];
  private readonly headerChunks: Uint8Array[] = [];

  constructor(options: PcapngWriterOptions = {}) {
    this.bigEndian = options.bigEndian ?? false;
    const shbOptions = textOptions([
      [OPT_COMMENT, options.comment], [OPT_SHB_HARDWARE, options.hardware], [OPT_SHB_OS, options.os], [OPT_SHB_USERAPPL, options.application],
    ]);
    this.headerChunks.push(this.encodeSectionHeader(shbOptions));
    for (const iface of options.interfaces ?? []) this.headerChunks.push(this.encodeInterface(iface));
    this.chunks.push(...this.headerChunks);
  }

  /** The Section Header Block and the IDBs of the interfaces given to the constructor. */
  header(): Uint8Array {
    return concatChunks(this.headerChunks);
  }

  /**
   * Declares one more interface and returns its IDB chunk (its id is the number of interfaces before it).
   * Use `addInterface` instead when building the file in memory.
   */
  encodeInterface(iface: PcapngInterfaceOptions): Uint8Array {
    const tsresol = iface.tsresol ?? DEFAULT_TSRESOL;
    const snaplen = iface.snaplen ?? DEFAULT_SNAPLEN;
    this.interfaces.push({ linkType: iface.linkType, tsresol, snaplen });
    const options = textOptions([[OPT_IF_NAME, iface.name], [OPT_IF_DESCRIPTION, iface.description], [OPT_COMMENT, iface.comment]]);
    // Written even when 6 (the default) so readers and tests always see the resolution spelled out.
    options.push({ code: OPT_IF_TSRESOL, value: Uint8Array.of(tsresol) });
    const length = 16 + optionsLength(options) + 4;
    const block = new Uint8Array(length);
    const view = new DataView(block.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, BLOCK_INTERFACE_DESCRIPTION, le);
    view.setUint32(4, length, le);
    view.setUint16(8, iface.linkType, le);
    view.setUint16(10, 0, le);
    view.setUint32(12, snaplen, le);
    writeOptions(block, view, 16, options, le);
    view.setUint32(length - 4, length, le);
    return block;
  }

  /** Declares an interface in the in-memory file and returns its id. */
  addInterface(iface: PcapngInterfaceOptions): number {
    this.chunks.push(this.encodeInterface(iface));
    return this.interfaces.length - 1;
  }

  /** One Enhanced Packet Block as a chunk of its own, with an optional opt_comment; nothing is kept. */
  encodeRecord(time: CaptureTime, frame: Uint8Array, interfaceId = 0, originalLength = frame.length, comment?: string): Uint8Array {
    const timestamp = this.timestampOf(interfaceId, time);
    const iface = this.interfaces[interfaceId];
    const captured = iface.snaplen === 0 ? frame.length : Math.min(frame.length, iface.snaplen);
    const options = textOptions([[OPT_COMMENT, comment]]);
    const length = 28 + pad4(captured) + optionsLength(options) + 4;
    const block = new Uint8Array(length);
    const view = new DataView(block.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, BLOCK_ENHANCED_PACKET, le);
    view.setUint32(4, length, le);
    view.setUint32(8, interfaceId, le);
    view.setUint32(12, Number(timestamp >> 32n), le);
    view.setUint32(16, Number(timestamp & 0xffffffffn), le);
    view.setUint32(20, captured, le);
    view.setUint32(24, Math.max(originalLength, captured), le);
    block.set(frame.subarray(0, captured), 28);
    writeOptions(block, view, 28 + pad4(captured), options, le);
    view.setUint32(length - 4, length, le);
    return block;
  }

  /** The 64-bit timestamp of an interface, in its units. */
  private timestampOf(interfaceId: number, time: CaptureTime): bigint {
    const iface = this.interfaces[interfaceId];
    if (!iface) throw new RangeError(`pcapng: interface ${interfaceId} has not been declared`);
    const { sec, ns } = splitCaptureTime(time);
    const units = unitsPerSecond(iface.tsresol);
    return BigInt(sec) * units + (BigInt(ns) * units) / 1_000_000_000n;
  }

  /** An Interface Statistics Block for an interface, appended to the in-memory file. */
  addStatistics(interfaceId: number, statistics: InterfaceStatisticsOptions): this {
    const le = !this.bigEndian;
    const u64 = (value: bigint) => {
      const bytes = new Uint8Array(8);
      const view = new DataView(bytes.buffer);
      view.setUint32(le ? 0 : 4, Number(value & 0xffffffffn), le);
      view.setUint32(le ? 4 : 0, Number(value >> 32n), le);
      return bytes;
    };
    // Timestamps are written high word first, as in a packet block, whatever the byte order of the words.
    const stamp = (time: CaptureTime) => {
      const value = this.timestampOf(interfaceId, time);
      const bytes = new Uint8Array(8);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, Number(value >> 32n), le);
      view.setUint32(4, Number(value & 0xffffffffn), le);
      return bytes;
    };
    const options: PcapngOption[] = [];
    if (statistics.start !== undefined) options.push({ code: OPT_ISB_STARTTIME, value: stamp(statistics.start) });
    if (statistics.end !== undefined) options.push({ code: OPT_ISB_ENDTIME, value: stamp(statistics.end) });
    if (statistics.received !== undefined) options.push({ code: OPT_ISB_IFRECV, value: u64(BigInt(statistics.received)) });
    if (statistics.droppedByInterface !== undefined) options.push({ code: OPT_ISB_IFDROP, value: u64(BigInt(statistics.droppedByInterface)) });
    if (statistics.droppedByOs !== undefined) options.push({ code: OPT_ISB_OSDROP, value: u64(BigInt(statistics.droppedByOs)) });
    const length = 20 + optionsLength(options) + 4;
    const block = new Uint8Array(length);
    const view = new DataView(block.buffer);
    const timestamp = this.timestampOf(interfaceId, statistics.time);
    view.setUint32(0, BLOCK_INTERFACE_STATISTICS, le);
    view.setUint32(4, length, le);
    view.setUint32(8, interfaceId, le);
    view.setUint32(12, Number(timestamp >> 32n), le);
    view.setUint32(16, Number(timestamp & 0xffffffffn), le);
    writeOptions(block, view, 20, options, le);
    view.setUint32(length - 4, length, le);
    this.chunks.push(block);
    return this;
  }

  addRecord(time: CaptureTime, frame: Uint8Array, interfaceId = 0, originalLength = frame.length, comment?: string): this {
    this.chunks.push(this.encodeRecord(time, frame, interfaceId, originalLength, comment));
    return this;
  }

  /** A Name Resolution Block of IPv4 entries (names NUL-terminated, as the spec wants), no options. */
  encodeNameResolution(entries: readonly NameResolutionEntry[]): Uint8Array {
    const records = entries.map(({ ipv4, names }) => {
      const text = textEncoder.encode(names.map((name) => `${name}\0`).join(''));
      const value = new Uint8Array(4 + text.length);
      value.set(ipv4.split('.').map(Number), 0);
      value.set(text, 4);
      return value;
    });
    const length = 8 + records.reduce((sum, value) => sum + 4 + pad4(value.length), 0) + 4 + 4;
    const block = new Uint8Array(length);
    const view = new DataView(block.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, BLOCK_NAME_RESOLUTION, le);
    view.setUint32(4, length, le);
    let at = 8;
    for (const value of records) {
      view.setUint16(at, NRB_RECORD_IPV4, le);
      view.setUint16(at + 2, value.length, le);
      block.set(value, at + 4);
      at += 4 + pad4(value.length);
    }
    // nrb_record_end: type 0, length 0, then the trailing block length.
    view.setUint32(length - 4, length, le);
    return block;
  }

  addNameResolution(entries: readonly NameResolutionEntry[]): this {
    this.chunks.push(this.encodeNameResolution(entries));
    return this;
  }

  /** The whole file: header, interfaces and every record added so far. */
  bytes(): Uint8Array {
    return concatChunks(this.chunks);
  }

  private encodeSectionHeader(options: PcapngOption[]): Uint8Array {
    const length = 24 + optionsLength(options) + 4;
    const block = new Uint8Array(length);
    const view = new DataView(block.buffer);
    const le = !this.bigEndian;
    view.setUint32(0, BLOCK_SECTION_HEADER, le);
    view.setUint32(4, length, le);
    view.setUint32(8, BYTE_ORDER_MAGIC, le);
    view.setUint16(12, 1, le); // version 1.0
    view.setUint16(14, 0, le);
    // Section length -1: unknown, so readers must walk the blocks (true for any streamed file).
    view.setUint32(16, 0xffffffff, le);
    view.setUint32(20, 0xffffffff, le);
    writeOptions(block, view, 24, options, le);
    view.setUint32(length - 4, length, le);
    return block;
  }
}
