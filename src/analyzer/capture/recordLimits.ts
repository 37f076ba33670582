import type { CaptureWarning } from './types.js';

/** No record or block may be longer than this, whatever its header claims. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/**
 * Interfaces kept per file, across all its sections. Each costs a few hundred bytes, so a crafted file
 * of millions of 20-byte Interface Description Blocks would otherwise fill the heap; real captures
 * have a handful (a merge of every interface of a big router, a few hundred).
 */
export const MAX_INTERFACES = 65_536;

/**
 * Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: tshark reads records longer than the file's snaplen
 * (old Solaris and crafted files write them) up to this size, so we do too.
 */
const STANDARD_MAX_PACKET = 262144;

/** The largest captured length a record may claim, given its interface's snaplen. */
export function capturedLengthLimit(snaplen: number): number {
  return Math.min(MAX_RECORD_BYTES, Math.max(snaplen, STANDARD_MAX_PACKET));
}

/** The warning for a file that ends inside a record: what a copy of a running capture looks like. */
export function cutShortWarning(offset: number, present: number, needed: number): CaptureWarning {
  return {
    code: 'cut-short',
    offset,
    message: `cut short in the middle of a packet: ${present} of ${needed} bytes present`,
  };
}
