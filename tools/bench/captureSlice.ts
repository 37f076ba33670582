/**
 * The first N records of a classic pcap as a file of its own (cached next to it), for tools too slow
 * to time on the whole capture. Our reader finds where record N starts; the bytes before it are copied.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { FileSource } from '../../src/node/fileSource.js';
import { BufferedFileWriter } from './bufferedFileWriter.js';

const COPY_CHUNK_BYTES = 4 * 1024 * 1024;

export function ensureSlice(pcapPath: string, packets: number): string {
  const slicePath = pcapPath.replace(/\.pcap$/, `-first${packets}.pcap`);
  if (existsSync(slicePath)) return slicePath;
  copyPrefix(pcapPath, slicePath, sliceEnd(pcapPath, packets));
  return slicePath;
}

/** Byte offset where record `packets` starts, or the file's end when it has no more. */
function sliceEnd(pcapPath: string, packets: number): number {
  const source = new FileSource(pcapPath);
  try {
    const reader = openCapture(source, pcapPath);
    for (let record = reader.next(); record !== null; record = reader.next()) {
      if (record.index === packets) return record.offset;
    }
    return source.size;
  } finally {
    source.close();
  }
}

function copyPrefix(from: string, to: string, bytes: number): void {
  const input = openSync(from, 'r');
  const output = new BufferedFileWriter(to);
  try {
    const chunk = new Uint8Array(COPY_CHUNK_BYTES);
    for (let at = 0; at < bytes; ) {
      const read = readSync(input, chunk, 0, Math.min(chunk.length, bytes - at), at);
      if (read <= 0) throw new Error(`${from} ended at byte ${at} of ${bytes}`);
      output.write(chunk.subarray(0, read));
      at += read;
    }
    output.close();
  } finally {
    closeSync(input);
  }
}
