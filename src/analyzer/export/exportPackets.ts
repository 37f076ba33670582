/**
 * Exporting the packets of attempts, for every front end: the CLI calls the synchronous form, the
 * language server the asynchronous one, which yields between slices of records so that it can report
 * progress and stop when the user cancels.
 */
import type { HandshakeAttempt } from '../model.js';
import { selectAttempts, type AttemptSelection } from './attemptSelection.js';
import { captureOrSetSize, type CaptureOrSet } from '../capture/captureSet.js';
import { PacketExport, type ChunkSink, type PacketExportResult } from './packetExport.js';

export type { AttemptSelection } from './attemptSelection.js';
export type { ChunkSink, PacketExportResult } from './packetExport.js';

export interface ExportOptions {
  /** Called after each slice with the bytes of the capture (all files of a set) read so far and its size. */
  onProgress?(bytesRead: number, total: number): void;
  /** Polled after each slice; when it returns true the export stops and `exportPackets` returns null. */
  isCancelled?(): boolean;
  /** Records per slice (default 65,536). */
  yieldEvery?: number;
}

const DEFAULT_SLICE = 65_536;

/**
 * `handshakes` are the attempts the analysis of this same capture (or of the same set, its files in the
 * same order) listed: their ids are what `selection` names. Throws UnknownAttemptsError for ids it does
 * not list and CaptureError for unreadable input.
 */
export function exportPacketsSync(
  source: CaptureOrSet, name: string, handshakes: readonly HandshakeAttempt[], selection: AttemptSelection, sink: ChunkSink,
): PacketExportResult {
  const exporter = new PacketExport(source, name, selectAttempts(handshakes, selection, name), handshakes, sink);
  exporter.step(Infinity);
  return exporter.result();
}

/** The same export in slices; null when `isCancelled` stopped it (what was written is to be discarded). */
export async function exportPackets(
  source: CaptureOrSet, name: string, handshakes: readonly HandshakeAttempt[], selection: AttemptSelection, sink: ChunkSink,
  options: ExportOptions = {},
): Promise<PacketExportResult | null> {
  const exporter = new PacketExport(source, name, selectAttempts(handshakes, selection, name), handshakes, sink);
  const slice = Math.max(1, options.yieldEvery ?? DEFAULT_SLICE);
  while (!exporter.done) {
    exporter.step(slice);
    options.onProgress?.(exporter.position, captureOrSetSize(source));
    if (!exporter.done && options.isCancelled?.()) return null;
    if (!exporter.done) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return exporter.result();
}
