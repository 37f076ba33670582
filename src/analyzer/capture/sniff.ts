import { CaptureError } from '../errors.js';
import type { ReaderOptions } from './chunkedCaptureReader.js';
import { compressionOf } from './compression/compressionFormat.js';
import { openCompressed } from './compression/openCompressed.js';
import { isPcapMagic, PcapReader } from './pcap.js';
import { BlockType, PcapngReader } from './pcapng.js';
import type { ByteSource, CaptureReader } from './types.js';

/**
 * Opens a capture by what its first four bytes say, never by its name: `.cap` files are usually
 * classic pcap and sometimes pcapng, and a capture compressed with gzip, zstd or lz4 is decompressed as
 * it is read, whatever it is called.
 */
export function openCapture(source: ByteSource, name: string, options: ReaderOptions = {}): CaptureReader {
  const head = readHead(source);
  const compression = compressionOf(head);
  if (compression !== null) return openCompressed(source, name, compression, (decompressed) => openUncompressed(decompressed, name, options));
  return openUncompressed(source, name, options, head);
}

function readHead(source: ByteSource): Uint8Array {
  const head = new Uint8Array(4);
  let length = 0;
  while (length < 4) {
    const read = source.readAt(head.subarray(length), length);
    if (read <= 0) break;
    length += read;
  }
  return head.subarray(0, length);
}

/** pcap or pcapng: the formats inside a compressed file too (compressed once, not twice). */
function openUncompressed(source: ByteSource, name: string, options: ReaderOptions, head = readHead(source)): CaptureReader {
  if (head.length < 4) throw new CaptureError(name, 0, `not a capture file: only ${head.length} bytes`, 'not-a-capture');
  const view = new DataView(head.buffer, head.byteOffset, 4);
  const magic = view.getUint32(0, true);
  if (isPcapMagic(magic)) return new PcapReader(source, name, options);
  if (magic === BlockType.SectionHeader) return new PcapngReader(source, name, options);
  throw new CaptureError(name, 0, `not a capture file: unknown magic 0x${view.getUint32(0, false).toString(16).padStart(8, '0')}`, 'not-a-capture');
}
