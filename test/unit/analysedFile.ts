/** A capture file analysed as the tests compare it, records kept as rows from `storedRecordsFrom` listed attempts; null when it does not open. */
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import type { CaptureAnalysis } from '../../src/analyzer/captureScan.js';
import { FileSource } from '../../src/node/fileSource.js';

export function analysedFile(path: string, storedRecordsFrom?: number): CaptureAnalysis | null {
  const source = new FileSource(path);
  try {
    return analyzeCaptureSync(source, path, undefined, { storedRecordsFrom });
  } catch {
    return null;
  } finally {
    source.close();
  }
}
