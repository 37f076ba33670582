/** The compressed containers a capture may come in, recognised by their first four bytes. */
export type Compression = 'gzip' | 'zstd' | 'lz4';

/**
 * gzip (RFC 1952: ID1 ID2 = 1f 8b), a Zstandard frame (RFC 8878: 28 b5 2f fd) or an LZ4 frame
 * (lz4 Frame Format: 04 22 4d 18). `tcpdump -z gzip`, Wireshark and log rotation write these.
 */
export function compressionOf(head: Uint8Array): Compression | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length < 4) return null;
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head[0] === 0x04 && head[1] === 0x22 && head[2] === 0x4d && head[3] === 0x18) return 'lz4';
  return null;
}

/** The format as the CLI and the text report name it: `pcap`, or `pcap, gzip` for a compressed file. */
export function storedFormat(format: string, compression: Compression | null | undefined): string {
  return compression ? `${format}, ${compression}` : format;
}
