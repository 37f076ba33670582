import { DecodeStatus, type TcpPacket } from './tcpPacket.js';
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
  out.seq = ((data[start + 4] << 24) | (data[start + 5] << 16) | (data[start + 6] << 8) | data[start + 7]) >>> 0;
  out.ack = ((data[start + 8] << 24) | (data[start + 9] << 16) | (data[start + 10] << 8) | data[start + 11]) >>> 0;
  out.flags = data[start + 13];
  out.payloadLength = cursor.ipPayloadLength - headerLength;
  out.mss = -1;
  out.windowScale = -1;
  out.sackPermitted = false;
  out.sackBlocks = 0;
  out.hasTimestamp = false;
  out.tsval = 0;
  out.tsecr = 0;
  const headerEnd = start + headerLength;
  out.truncated = headerEnd > end;
  if (start + 16 > end) {
    out.window = 0;
    return DecodeStatus.Tcp;
  }
  out.window = (data[start + 14] << 8) | data[start + 15];
  decodeOptions(data, start + TCP_MIN_HEADER_LENGTH, headerEnd < end ? headerEnd : end, headerEnd, out);
  return DecodeStatus.Tcp;
}

/**
 * Options between `from` and `capturedEnd` (the header's end or the snaplen cut, whichever is first).
 * An impossible length (0, 1, past the header) ends the walk: nothing after it can be located.
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
    if (at + 1 >= capturedEnd) return;
    const length = data[at + 1];
    if (length < 2 || at + length > headerEnd) return;
    if (at + length > capturedEnd) return; // cut by the snaplen: out.truncated is already set
    if (kind === OPTION_TIMESTAMP) {
      if (length === 10) {
        out.hasTimestamp = true;
        out.tsval = ((data[at + 2] << 24) | (data[at + 3] << 16) | (data[at + 4] << 8) | data[at + 5]) >>> 0;
        out.tsecr = ((data[at + 6] << 24) | (data[at + 7] << 16) | (data[at + 8] << 8) | data[at + 9]) >>> 0;
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
}
