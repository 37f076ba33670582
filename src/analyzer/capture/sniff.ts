import { CaptureError } from '../errors.js';
import type { ReaderOptions } from './chunkedCaptureReader.js';
import { isPcapMagic, PcapReader } from './pcap.js';
import { BlockType, PcapngReader } from './pcapng.js';
import type { ByteSource, CaptureReader } from './types.js';

/**
 * Opens a capture by what its first four bytes say, never by its name: `.cap` files are usually
 * classic pcap and sometimes pcapng.
 */
export function openCapture(source: ByteSource, name: string, options: ReaderOptions = {}): CaptureReader {
  const head = new Uint8Array(4);
  let length = 0;
  while (length < 4) {
    const read = source.readAt(head.subarray(length), length);
    if (read <= 0) break;
    length += read;
  }
  if (length < 4) throw new CaptureError(name, 0, `not a capture file: only ${length} bytes`, 'not-a-capture');
  const view = new DataView(head.buffer);
  const magic = view.getUint32(0, true);
  if (isPcapMagic(magic)) return new PcapReader(source, name, options);
  if (magic === BlockType.SectionHeader) return new PcapngReader(source, name, options);
  throw new CaptureError(name, 0, `not a capture file: unknown magic 0x${view.getUint32(0, false).toString(16).padStart(8, '0')}`, 'not-a-capture');
}
