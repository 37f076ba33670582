import { CaptureError } from '../errors.js';

/** Option codes shared by every block type, and the SHB, IDB and ISB ones this reader keeps. */
export const enum OptionCode {
  EndOfOptions = 0,
  Comment = 1,
  ShbHardware = 2,
  ShbOs = 3,
  ShbUserApplication = 4,
  IfName = 2,
  IfDescription = 3,
  IfTsResolution = 9,
  IfTsOffset = 14,
  IsbStartTime = 2,
  IsbEndTime = 3,
  IsbIfRecv = 4,
  IsbIfDrop = 5,
  IsbOsDrop = 7,
}

/** Called with each option's code and where its value lies in `view`. */
export type OptionVisitor = (code: number, valueStart: number, valueLength: number) => void;

/**
 * Walks the options in `view[start…end)`: 2-byte code, 2-byte length, value padded to 4 bytes. A value
 * that runs past the block is an error, as it is for tshark.
 */
export function visitOptions(view: DataView, start: number, end: number, littleEndian: boolean, file: string, fileOffsetOfView: number, visit: OptionVisitor): void {
  let at = start;
  while (at + 4 <= end) {
    const code = view.getUint16(at, littleEndian);
    const length = view.getUint16(at + 2, littleEndian);
    if (code === OptionCode.EndOfOptions) return;
    if (at + 4 + length > end) {
      throw new CaptureError(file, fileOffsetOfView + at, `option ${code} of ${length} bytes runs past the end of its block`, 'bad-option-length');
    }
    visit(code, at + 4, length);
    at += 4 + ((length + 3) & ~3);
  }
}

const utf8 = new TextDecoder('utf-8');

/** Option text as written: untrusted, never markup. */
export function optionText(bytes: Uint8Array, start: number, length: number): string {
  let end = start + length;
  // Some writers count a terminating NUL in the option length.
  while (end > start && bytes[end - 1] === 0) end--;
  return utf8.decode(bytes.subarray(start, end));
}

/** A signed 64-bit option value (if_tsoffset), exact up to 2^53. */
export function readInt64(view: DataView, at: number, littleEndian: boolean): number {
  const low = view.getUint32(littleEndian ? at : at + 4, littleEndian);
  const high = view.getInt32(littleEndian ? at + 4 : at, littleEndian);
  return high * 4294967296 + low;
}

/** An unsigned 64-bit option value (an ISB counter), exact up to 2^53. */
export function readUint64(view: DataView, at: number, littleEndian: boolean): number {
  const low = view.getUint32(littleEndian ? at : at + 4, littleEndian);
  const high = view.getUint32(littleEndian ? at + 4 : at, littleEndian);
  return high * 4294967296 + low;
}
