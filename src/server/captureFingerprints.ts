/**
 * The SYN fingerprints (correlation/captureMatch.ts) of the captures a capture is matched against. A
 * capture already in the store gives its attempts; any other is scanned once and only its fingerprint is
 * kept, so that offering matches never holds the workspace's captures in memory.
 */
import { analyzeCapture } from '../analyzer/analyze.js';
import { captureFingerprint, type CaptureFingerprint } from '../analyzer/correlation/captureMatch.js';
import type { CaptureStore } from './captureStore.js';
import { openCaptureUri } from './captureSource.js';

/** Enough fingerprints for the captures of a workspace; the oldest go first beyond it. */
const KEPT = 200;

export class CaptureFingerprints {
  private readonly scanned = new Map<string, CaptureFingerprint>();

  constructor(private readonly store: CaptureStore) {}

  /** Throws CaptureError for a capture that cannot be read. */
  async of(uri: string, content?: string): Promise<CaptureFingerprint> {
    if (this.store.has(uri)) return captureFingerprint((await this.store.read(uri, { content })).analysis);
    const known = this.scanned.get(uri);
    if (known) return known;
    const opened = openCaptureUri(uri, content);
    try {
      const analysis = await analyzeCapture(opened.source, opened.name, { rowLimit: this.store.rowLimit });
      const fingerprint = captureFingerprint(analysis);
      this.scanned.set(uri, fingerprint);
      if (this.scanned.size > KEPT) this.scanned.delete(this.scanned.keys().next().value!);
      return fingerprint;
    } finally {
      opened.close();
    }
  }

  /** A capture read again (a changed file) must be scanned again. */
  forget(uri: string): void {
    this.scanned.delete(uri);
  }
}
