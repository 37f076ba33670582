import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import type { CaptureReader, CaptureRecord } from '../../src/analyzer/capture/types.js';

/** Bytes from hex text: whitespace ignored, `//` starts a comment that names the field. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`bad hex fixture: ${digits}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function open(bytes: Uint8Array, chunkSize?: number, name = 'fixture.cap'): CaptureReader {
  return openCapture(new MemorySource(bytes), name, { chunkSize });
}

/** A record copied out of the reader, which reuses its one record object: its fields, and its bytes as numbers. */
export type RecordSnapshot = Omit<CaptureRecord, 'data' | 'bytes' | 'dataOffset'> & { data: number[] };

export function snapshot(record: CaptureRecord): RecordSnapshot {
  const { index, offset, timeSec, timeNs, linkType, interfaceId, capturedLength, originalLength } = record;
  return { index, offset, timeSec, timeNs, linkType, interfaceId, capturedLength, originalLength, data: [...record.data] };
}

export function readAll(reader: CaptureReader): RecordSnapshot[] {
  const { records, error } = readUntilError(reader);
  if (error !== null) throw error;
  return records;
}

/** Reads records until the reader throws, and returns both. */
export function readUntilError(reader: CaptureReader): { records: RecordSnapshot[]; error: unknown } {
  const records: RecordSnapshot[] = [];
  try {
    for (let record = reader.next(); record !== null; record = reader.next()) records.push(snapshot(record));
  } catch (error) {
    return { records, error };
  }
  return { records, error: null };
}
