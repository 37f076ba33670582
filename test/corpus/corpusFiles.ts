import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CaptureError } from '../../src/analyzer/errors.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import type { CaptureWarning } from '../../src/analyzer/capture/types.js';
import { FileSource } from '../../src/node/fileSource.js';

/** The third-party corpus lives beside the checkout, never inside it. */
export const CORPUS_ROOT = resolve('../shared/corpus');

export const CORPUS_ABSENT = `${CORPUS_ROOT} is absent: the third-party capture corpus was not checked, so conformance is unknown`;

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_ROOT, 'tshark'));
}

/** Every capture in the corpus, as a path relative to its root (`tcpdump/mptcp.pcap`). */
export function corpusCaptures(): string[] {
  const captures: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(CORPUS_ROOT, relative)).sort()) {
      const path = relative === '' ? entry : `${relative}/${entry}`;
      if (path === 'tshark') continue;
      if (statSync(join(CORPUS_ROOT, path)).isDirectory()) walk(path);
      else if (/\.(pcap|pcapng|cap)$/.test(entry)) captures.push(path);
    }
  };
  walk('');
  return captures;
}

/** What tshark read from a corpus file: its frame count and, when it failed, its message. */
export interface TsharkReading {
  frames: number;
  error: string | null;
}

export function tsharkReading(capture: string): TsharkReading | null {
  const path = join(CORPUS_ROOT, 'tshark', `${capture.replaceAll('/', '__')}.frames`);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const error = text.indexOf('ERROR');
  return { frames: parseInt(text, 10), error: error < 0 ? null : text.slice(error).trim() };
}

/** How our reader fared on a file: frames read, warnings, and the CaptureError if one stopped it. */
export interface OurReading {
  frames: number;
  warnings: CaptureWarning[];
  error: CaptureError | null;
}

/** Sees each record while the reader still holds it. */
export type RecordVisitor = (timeSec: number, timeNs: number, capturedLength: number, originalLength: number, data: Uint8Array) => void;

/** Reads a whole file; anything thrown other than a CaptureError is a bug and propagates. */
export function readCapture(path: string, name: string, visit?: RecordVisitor): OurReading {
  const source = new FileSource(path);
  let frames = 0;
  let warnings: CaptureWarning[] = [];
  try {
    const reader = openCapture(source, name);
    warnings = reader.warnings;
    try {
      for (let record = reader.next(); record !== null; record = reader.next()) {
        visit?.(record.timeSec, record.timeNs, record.capturedLength, record.originalLength, record.data);
      }
    } finally {
      frames = reader.frameCount;
    }
    return { frames, warnings, error: null };
  } catch (error) {
    if (error instanceof CaptureError) return { frames, warnings, error };
    throw error;
  } finally {
    source.close();
  }
}
