/**
 * The whole analysis the CLI runs on a capture: reading, decoding, handshake tracking and the summary.
 */
import { analyzeCaptureSync } from '../../../src/analyzer/analyze.js';
import { FileSource } from '../../../src/node/fileSource.js';
import type { PassResult } from './measurement.js';

export function analyzeFile(path: string): PassResult {
  const source = new FileSource(path);
  try {
    const analysis = analyzeCaptureSync(source, path);
    if (analysis.handshakes.length === 0) throw new Error(`${path}: no handshakes found`);
    return { packets: analysis.summary.packets, bytes: source.size };
  } finally {
    source.close();
  }
}
