/**
 * A local capture that is still being written (`tcpdump -U -w FILE` into the workspace), read as it grows
 * (node/growingFile.ts) for the capture editor: at the end of what is there the analysis waits for more
 * instead of finishing, until the editor pauses or closes. A file modified within the last few seconds is
 * opened this way; at its first end it is followed only if it grew meanwhile or within a short grace,
 * so that a file just copied into place is judged at once.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { CaptureFollow } from '../analyzer/analyze.js';
import { compressionOf } from '../analyzer/capture/compression/compressionFormat.js';
import { GrowingFile } from '../node/growingFile.js';

/** A file modified this recently may still be written. */
export const FOLLOW_RECENT_MS = 5000;
/** How long the end of a recently modified file is watched for growth before it is judged as it is. */
export const GROWTH_GRACE_MS = 1000;
/** How often the end of a followed file is looked at again: well within the second a new row may take. */
export const FOLLOW_POLL_MS = 200;
/** A pcap file header: shorter, there is no format to read yet. */
const SHORTEST_HEADER = 24;

/** 'ifGrowing': follow a file that is still being written; 'always': follow it whatever (the user resumed). */
export type FollowMode = 'ifGrowing' | 'always';

function startsCompressed(path: string): boolean {
  const head = new Uint8Array(4);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, head, 0, head.length, 0);
  } finally {
    closeSync(descriptor);
  }
  return compressionOf(head) !== null;
}

export class FollowedCapture implements CaptureFollow {
  private stopped = false;
  private pausedByUser = false;
  private wake: (() => void) | null = null;
  private readonly openedSize: number;
  private readonly openedAt = Date.now();
  /** Set once the file was seen growing (or the user asked): from then on it is followed until stopped. */
  private growing: boolean;

  private constructor(readonly file: GrowingFile, mode: FollowMode) {
    this.openedSize = file.currentSize();
    this.growing = mode === 'always';
  }

  /**
   * The follow of `path`, or null when it is not to be followed: not modified recently (unless 'always'),
   * too short to have a header, or compressed (a decoder cannot wait in the middle of a block).
   */
  static open(path: string, mode: FollowMode): FollowedCapture | null {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined || !stat.isFile() || stat.size < SHORTEST_HEADER) return null;
    if (mode === 'ifGrowing' && Date.now() - stat.mtimeMs > FOLLOW_RECENT_MS) return null;
    try {
      if (startsCompressed(path)) return null;
    } catch {
      return null;
    }
    return new FollowedCapture(new GrowingFile(path), mode);
  }

  get following(): boolean {
    return this.growing && !this.stopped && !this.pausedByUser;
  }

  get paused(): boolean {
    return this.pausedByUser && !this.stopped;
  }

  currentSize(): number {
    return this.file.currentSize();
  }

  atEndOfData(): Promise<void> {
    if (this.stopped || this.pausedByUser) return Promise.resolve();
    // Truncated or replaced under the reader: what was read is the capture (the CLI's --follow reads on).
    if (this.file.rewritten()) this.stop();
    else if (!this.growing && this.file.currentSize() > this.openedSize) this.growing = true;
    else if (!this.growing && Date.now() - this.openedAt > GROWTH_GRACE_MS) this.stop();
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FOLLOW_POLL_MS);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = null;
    });
  }

  /**
   * Pause: the analysis answers with the capture as it stands and keeps its place in the file, the file
   * left open, until resume() (Resume) or close() (the editor closed).
   */
  pause(): void {
    if (this.stopped || this.pausedByUser) return;
    this.pausedByUser = true;
    this.wake?.();
  }

  /** Resume: followed from where the pause left it, whether or not the file grew meanwhile. */
  resume(): void {
    this.pausedByUser = false;
    this.growing = true;
  }

  /** The end of what the file holds now is the end of the capture: the analysis finishes with it. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.file.end();
    this.wake?.();
  }

  close(): void {
    this.stop();
    this.file.close();
  }
}
