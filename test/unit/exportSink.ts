/** An export sink that keeps the chunks in memory, for tests that read the file back. */
import type { ChunkSink } from '../../src/analyzer/export/packetExport.js';

export interface MemorySink extends ChunkSink {
  bytes(): Uint8Array;
  chunks: Uint8Array[];
}

export function memorySink(): MemorySink {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write: (chunk) => void chunks.push(chunk),
    bytes: () => Buffer.concat(chunks),
  };
}
