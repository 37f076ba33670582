/**
 * A capture cut into the files of a rotation, as `tcpdump -C` leaves them: each file the pcap header
 * and a run of whole records, the next file starting with the record that did not fit.
 */
import { PCAP_FILE_HEADER_LENGTH as FILE_HEADER, PCAP_RECORD_HEADER_LENGTH as RECORD_HEADER } from '../../src/generator/pcapWriter.js';

/** The records of a little-endian classic pcap (microsecond or nanosecond), each with its header. */
export function pcapRecords(pcap: Uint8Array): Uint8Array[] {
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error('captureRing: a little-endian pcap is expected');
  const records: Uint8Array[] = [];
  for (let offset = FILE_HEADER; offset < pcap.length;) {
    const length = RECORD_HEADER + view.getUint32(offset + 8, true);
    records.push(pcap.subarray(offset, offset + length));
    offset += length;
  }
  return records;
}

/** The pcap file of these records, with `pcap`'s file header. */
export function pcapWith(pcap: Uint8Array, records: readonly Uint8Array[]): Uint8Array {
  const parts = [pcap.subarray(0, FILE_HEADER), ...records];
  const file = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}

/** `pcap` cut into `files` files of (nearly) as many records each, in time order. */
export function rotated(pcap: Uint8Array, files: number): Uint8Array[] {
  const records = pcapRecords(pcap);
  const per = Math.ceil(records.length / files);
  return Array.from({ length: files }, (_, file) => pcapWith(pcap, records.slice(file * per, (file + 1) * per)));
}
