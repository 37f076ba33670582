/** Compressing captures in tests, and reading them back for comparison with their originals. */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { compress as zstdCompress, init as zstdInit } from '@bokuweb/zstd-wasm';
import { compress as lz4Compress } from 'lz4js';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { toReport } from '../../src/analyzer/buildReport.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import type { CaptureWarning } from '../../src/analyzer/capture/types.js';
import { CaptureError } from '../../src/analyzer/errors.js';

export type Compressor = (bytes: Uint8Array) => Uint8Array;

let zstdReady: Promise<void> | null = null;

/** The zstd encoder is WebAssembly, loaded once. */
export async function compressors(): Promise<Record<'gzip' | 'zstd' | 'lz4', Compressor>> {
  zstdReady ??= zstdInit();
  await zstdReady;
  return {
    gzip: (bytes) => gzipSync(bytes),
    zstd: (bytes) => zstdCompress(Buffer.from(bytes), 3),
    lz4: (bytes) => Uint8Array.from(lz4Compress(bytes)),
  };
}

/** One gzip member per part, as `tcpdump -z gzip` output appended to by log rotation looks. */
export function gzipMembers(bytes: Uint8Array, cuts: number[]): Uint8Array {
  const bounds = [0, ...cuts, bytes.length];
  return Buffer.concat(bounds.slice(1).map((end, n) => gzipSync(bytes.subarray(bounds[n], end))));
}

/** The JSON report of one capture, without what says how it was stored; or the CaptureError. */
export function reportOf(bytes: Uint8Array): unknown {
  try {
    const analysis = analyzeCaptureSync(new MemorySource(bytes), 'capture');
    const report = JSON.parse(JSON.stringify(toReport([{ path: 'capture', role: 'single', analysis }])));
    delete report.captures[0].compression;
    return report;
  } catch (error) {
    if (error instanceof CaptureError) return { error: error.code, offset: error.offset, reason: error.reason.replace(/ \(in the \w+-decompressed data\)$/, '') };
    throw error;
  }
}

export function compressionOfReport(bytes: Uint8Array): unknown {
  const analysis = analyzeCaptureSync(new MemorySource(bytes), 'capture');
  return toReport([{ path: 'capture', role: 'single', analysis }]).captures[0].compression;
}

/** Every record as a digest of its fields and bytes, the warnings, and the error that stopped the reader. */
export interface Reading {
  records: string[];
  warnings: CaptureWarning[];
  error: CaptureError | null;
}

export function readAll(bytes: Uint8Array): Reading {
  const records: string[] = [];
  let warnings: CaptureWarning[] = [];
  try {
    const reader = openCapture(new MemorySource(bytes), 'capture');
    warnings = reader.warnings;
    for (let record = reader.next(); record !== null; record = reader.next()) {
      const digest = createHash('sha1').update(record.data).digest('hex');
      records.push(`${record.offset} ${record.timeSec}.${record.timeNs} ${record.capturedLength}/${record.originalLength} ${digest}`);
    }
    return { records, warnings, error: null };
  } catch (error) {
    if (error instanceof CaptureError) return { records, warnings, error };
    throw error;
  }
}

/** Records of a plain capture that lie wholly within its first `length` bytes. */
export function recordsWithin(plain: Uint8Array, length: number): string[] {
  return readAll(plain.subarray(0, length)).records;
}
