import { DecodeStatus, OptionsCut, type TcpPacket } from './tcpPacket.js';
import { type LayerCursor } from './layerCursor.js';

const TCP_MIN_HEADER_LENGTH = 20;
/** Ports, sequence, acknowledgement, data offset and flags: the least a segment is useful with. */
const TCP_BYTES_THROUGH_FLAGS = 14;

const OPTION_END = 0;
const OPTION_NOP = 1;
const OPTION_MSS = 2;
const OPTION_WINDOW_SCALE = 3;
const OPTION_SACK_PERMITTED = 4;
const OPTION_SACK = 5;
const OPTION_TIMESTAMP = 8;
/** TCPOLEN_TIMESTAMP: kind, length, TSval, TSecr; the kernel's tcp_parse_options() ignores any other length. */
const TIMESTAMP_LENGTH = 10;
/** Kind, length and the 4 bytes of TSval: what a timestamp option must keep for its TSval to be read. */
const TIMESTAMP_THROUGH_TSVAL = 6;
/** The options' first word when they are NOP, NOP, timestamp kind and length (01 01 08 0a). */
const NOP_NOP_TIMESTAMP = 0x0101080a;

/**
 * The TCP header at `cursor.offset`, whose IP payload is `cursor.ipPayloadLength` bytes long.
 * A header cut by the snaplen after the flags still yields a segment, marked truncated.
 */
export function decodeTcpHeader(data: Uint8Array, cursor: LayerCursor, out: TcpPacket): DecodeStatus {
  const start = cursor.offset;
  const end = cursor.end;
  if (start + TCP_BYTES_THROUGH_FLAGS > end) return DecodeStatus.Truncated;
  const headerLength = (data[start + 12] >>> 4) * 4;
  if (headerLength < TCP_MIN_HEADER_LENGTH || headerLength > cursor.ipPayloadLength) return DecodeStatus.Malformed;
  out.srcPort = (data[start] << 8) | data[start + 1];
  out.dstPort = (data[start + 2] << 8) | data[start + 3];
  out.seq = uint32At(data, start + 4);
  out.ack = uint32At(data, start + 8);
  out.flags = data[start + 13];
  out.payloadLength = cursor.ipPayloadLength - headerLength;
  out.mss = -1;
  out.windowScale = -1;
  out.sackPermitted = false;
  out.sackBlocks = 0;
  out.hasTimestamp = false;
  out.tsval = 0;
  out.tsecr = 0;
  out.optionsCut = OptionsCut.None;
  const headerEnd = start + headerLength;
  out.truncated = headerEnd > end;
  if (start + 16 > end) {
    out.window = 0;
    if (headerLength > TCP_MIN_HEADER_LENGTH) out.optionsCut = OptionsCut.BeforeTimestamps;
    return DecodeStatus.Tcp;
  }
  out.window = (data[start + 14] << 8) | data[start + 15];
  const options = start + TCP_MIN_HEADER_LENGTH;
  // What Linux puts on every segment after the SYNs when timestamps are on: NOP, NOP, then the timestamp
  // option, nothing else. Read at once, as decodeOptions would read it, without walking the options.
  if (headerLength === TCP_MIN_HEADER_LENGTH + 12 && headerEnd <= end && uint32At(data, options) === NOP_NOP_TIMESTAMP) {
    out.hasTimestamp = true;
    out.tsval = uint32At(data, options + 4);
    out.tsecr = uint32At(data, options + 8);
    return DecodeStatus.Tcp;
  }
  decodeOptions(data, options, headerEnd < end ? headerEnd : end, headerEnd, out);
  return DecodeStatus.Tcp;
}

/**
 * Options between `from` and `capturedEnd` (the header's end or the snaplen cut, whichever is first).
 * An impossible length (0, 1, past the header) ends the walk: nothing after it can be located. Each
 * option whose bytes were all captured is decoded; of one cut by the snaplen only a whole TSval is.
 */
function decodeOptions(data: Uint8Array, from: number, capturedEnd: number, headerEnd: number, out: TcpPacket): void {
  let at = from;
  while (at < capturedEnd) {
    const kind = data[at];
    if (kind === OPTION_END) return;
    if (kind === OPTION_NOP) {
      at++;
      continue;
    }
    if (at + 1 >= capturedEnd) {
      // The length byte was cut: a timestamp kind is still a timestamp option that was lost.
      out.optionsCut = kind === OPTION_TIMESTAMP && !out.hasTimestamp ? OptionsCut.Tsval : cutAfterWholeOptions(out);
      return;
    }
    const length = data[at + 1];
    if (length < 2 || at + length > headerEnd) return;
    if (at + length > capturedEnd) {
      decodeCutOption(data, at, kind, length, capturedEnd, out);
      return;
    }
    if (kind === OPTION_TIMESTAMP) {
      if (length === TIMESTAMP_LENGTH) {
        out.hasTimestamp = true;
        out.tsval = uint32At(data, at + 2);
        out.tsecr = uint32At(data, at + 6);
      }
    } else if (kind === OPTION_MSS) {
      if (length === 4) out.mss = (data[at + 2] << 8) | data[at + 3];
    } else if (kind === OPTION_WINDOW_SCALE) {
      if (length === 3) out.windowScale = data[at + 2];
    } else if (kind === OPTION_SACK_PERMITTED) {
      if (length === 2) out.sackPermitted = true;
    } else if (kind === OPTION_SACK) {
      out.sackBlocks = (length - 2) >>> 3;
    }
    at += length;
  }
  // Every captured option was whole, but the header goes on past the cut.
  if (at < headerEnd) out.optionsCut = cutAfterWholeOptions(out);
}

/**
 * The option at `at` whose `length` bytes run past the snaplen cut: a timestamp option whose TSval is
 * whole still gives its TSval (the TSecr after it is lost); nothing else is read from a cut option.
 */
function decodeCutOption(data: Uint8Array, at: number, kind: number, length: number, capturedEnd: number, out: TcpPacket): void {
  if (kind !== OPTION_TIMESTAMP || length !== TIMESTAMP_LENGTH || out.hasTimestamp) {
    out.optionsCut = cutAfterWholeOptions(out);
  } else if (at + TIMESTAMP_THROUGH_TSVAL <= capturedEnd) {
    out.hasTimestamp = true;
    out.tsval = uint32At(data, at + 2);
    out.optionsCut = OptionsCut.Tsecr;
  } else {
    out.optionsCut = OptionsCut.Tsval;
  }
}

/** A cut at or inside an option other than the timestamps: what it lost depends on whether they came before. */
function cutAfterWholeOptions(out: TcpPacket): OptionsCut {
  return out.hasTimestamp ? OptionsCut.AfterTimestamps : OptionsCut.BeforeTimestamps;
}

/** The big-endian unsigned 32-bit number at `at`. */
function uint32At(data: Uint8Array, at: number): number {
  return ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
}
