/**
 * A capture set: several files of one capture point (a `tcpdump -C/-W` ring, a `-G` rotation) read
 * one after the other as one capture, the way `mergecap -a` concatenates them. Only one file is open at
 * a time, so memory is one reader's buffers whatever the number of files.
 */
import { CaptureError } from '../errors.js';
import { captureTime } from '../explain/format.js';
import { IDLE_FLOW_SECONDS } from '../handshakes/tracker.js';
import { NoDataYet } from './noDataYet.js';
import { CAPTURE_GAP_WARNING, CAPTURE_OVERLAP_WARNING } from './warningCodes.js';
import { openCapture } from './sniff.js';
import type { ByteSource, CaptureInfo, CaptureReader, CaptureRecord, CaptureWarning } from './types.js';

/** A file of the set, opened only when its turn comes. */
export interface CaptureSetMember {
  /** As the user knows it (the path given, or found in the folder). */
  name: string;
  /** Size in bytes, for the progress of the whole set. */
  size: number;
  /** Called again after it threw NoDataYet (a file still empty): a member may hand out the same open source. */
  open(): OpenedMember;
}

export interface OpenedMember {
  source: ByteSource;
  close(): void;
}

/** What the set's files held, in reading order. */
export interface CaptureSetFile {
  path: string;
  /** Epoch seconds of the file's first and last record; null for a file without records. */
  firstPacketTime: number | null;
  lastPacketTime: number | null;
  /** Frames of the file as tshark numbers them; the set's frame numbers run on from one file to the next. */
  packets: number;
}

/** A stretch of time between two files of the set that neither recorded. */
export interface CaptureGap {
  /** Last record of the file before and first record of the file after, epoch seconds. */
  from: number;
  to: number;
  before: string;
  after: string;
}

/**
 * Silence between two files beyond which the set is said not to cover it: the tracker's own horizon
 * (IDLE_FLOW_SECONDS, 130 s), past which an attempt no longer changes its verdict. A client still trying
 * sends its next SYN within 64 s (Linux: tcp_syn_retries = 6, the last retransmission 63 s after the
 * first), a handshake is answered or reset well within that, so a pause shorter than this between two
 * files is the traffic's own pause as likely as lost data, and sparse traffic has many: a rotation
 * (`-C`, `-G`) opens the next file for the packet that did not fit, so between its files there is only
 * the traffic's own pause. A longer one is a quiet link or missing files, and the times alone cannot tell which.
 */
export const CAPTURE_GAP_SECONDS = IDLE_FLOW_SECONDS;

export { CAPTURE_GAP_WARNING, CAPTURE_OVERLAP_WARNING };
export const DAMAGED_FILE_WARNING = 'damaged-file';

/** Comments kept across the set's files, as one pcapng file keeps them (pcapng.ts keepComment). */
const MAX_SET_COMMENTS = 1000;

function recordTime(record: CaptureRecord): number {
  return record.timeSec + record.timeNs * 1e-9;
}

/** A warning about one file of the set: its message names the file, and `file` says it for programs. */
function fileWarning(file: string, warning: CaptureWarning): CaptureWarning {
  return { code: warning.code, message: `${file}: ${warning.message}`, offset: warning.offset, file };
}

/**
 * What an analysis or an export reads: one capture's bytes, or the files of a capture set in reading
 * order (setOrder.ts), whose records follow on as `mergecap -a` concatenates them.
 */
export type CaptureOrSet = ByteSource | readonly CaptureSetMember[];

export function isCaptureSet(source: CaptureOrSet): source is readonly CaptureSetMember[] {
  return Array.isArray(source);
}

/** Bytes of the capture, or of all the set's files, for progress. */
export function captureOrSetSize(source: CaptureOrSet): number {
  return isCaptureSet(source) ? source.reduce((total, member) => total + member.size, 0) : source.size;
}

/** The reader of either: a set's reader opens its files one at a time as it reaches them. */
export function openCaptureOrSet(source: CaptureOrSet, name: string): CaptureReader {
  return isCaptureSet(source) ? new CaptureSetReader(source) : openCapture(source, name);
}

export class CaptureSetReader implements CaptureReader {
  readonly info: CaptureInfo;
  readonly warnings: CaptureWarning[] = [];
  readonly files: CaptureSetFile[] = [];
  readonly gaps: CaptureGap[] = [];
  private current: { reader: CaptureReader; opened: OpenedMember; file: CaptureSetFile } | null = null;
  private nextMember = 0;
  /** Frames and bytes of the files already read. */
  private frameBase = 0;
  private bytesBefore = 0;
  private interfaceBase = 0;
  /** The record handed out last and how much its index was raised, so it can be lowered back (see next). */
  private raised: CaptureRecord | null = null;
  private raisedBy = 0;

  /**
   * Opens the first file that is a capture; throws its CaptureError when none is. A later file that
   * cannot be read is a `damaged-file` warning and the set goes on with the next. `members` may grow while the set is read (a rotation followed as it happens): a file added after
   * the others ended is read when asked for the next record.
   */
  constructor(private readonly members: readonly CaptureSetMember[]) {
    if (members.length === 0) throw new RangeError('a capture set needs at least one file');
    this.info = { format: 'pcap', byteOrder: 'le', interfaces: [], comments: [] };
    let firstError: unknown = null;
    while (this.current === null && this.nextMember < members.length) {
      try {
        this.openNext();
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error;
        firstError ??= error;
        this.damaged(members[this.nextMember - 1].name, error);
      }
    }
    if (this.current === null) throw firstError;
    this.describe(this.current.reader.info);
  }

  /** The set's format is its first file's. */
  private describe(info: CaptureInfo): void {
    const { format, compression, byteOrder } = info;
    this.info.format = format;
    this.info.byteOrder = byteOrder;
    if (compression !== undefined) this.info.compression = compression;
  }

  /** Bytes of the whole set: the sum of its files' sizes (Infinity when one is not known). */
  get size(): number {
    return this.members.reduce((total, member) => total + member.size, 0);
  }

  get position(): number {
    return this.bytesBefore + (this.current?.reader.position ?? 0);
  }

  get frameCount(): number {
    return this.frameBase + (this.current?.reader.frameCount ?? 0);
  }

  next(): CaptureRecord | null {
    // Readers number their reused record themselves: give it back its own index before it reads on.
    if (this.raised !== null) {
      this.raised.index -= this.raisedBy;
      this.raised = null;
    }
    if (this.current === null) this.openPending();
    while (this.current !== null) {
      const { reader, file } = this.current;
      let record: CaptureRecord | null;
      try {
        record = reader.next();
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error;
        this.damaged(file.path, error);
        record = null;
      }
      if (record !== null) {
        const time = recordTime(record);
        if (file.firstPacketTime === null) this.noteStart(file, time);
        if (file.lastPacketTime === null || time > file.lastPacketTime) file.lastPacketTime = time;
        record.index += this.frameBase;
        record.interfaceId += this.interfaceBase;
        this.raised = record;
        this.raisedBy = this.frameBase;
        return record;
      }
      this.finishCurrent();
      this.openPending();
    }
    return null;
  }

  /** Opens the next file that is a capture, past those that are not (each a damaged-file warning). */
  private openPending(): void {
    while (this.current === null && this.nextMember < this.members.length) {
      try {
        this.openNext();
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error;
        this.damaged(this.members[this.nextMember - 1].name, error);
      }
    }
  }

  /** Whether every file given so far has been read to its end. */
  get atLastFile(): boolean {
    return this.nextMember >= this.members.length;
  }

  private openNext(): void {
    const member = this.members[this.nextMember++];
    // Listed even when it cannot be opened: the set's files are all there in `files`, in reading order.
    const file: CaptureSetFile = { path: member.name, firstPacketTime: null, lastPacketTime: null, packets: 0 };
    this.files.push(file);
    let opened: OpenedMember | null = null;
    try {
      opened = member.open();
      this.current = { reader: openCapture(opened.source, member.name), opened, file };
    } catch (error) {
      if (error instanceof NoDataYet) {
        // Not the file's fault (its first bytes are not written yet): the set is left as it was, and the
        // file open, to be tried again.
        this.files.pop();
        this.nextMember--;
      } else {
        opened?.close();
      }
      throw error;
    }
  }

  /** A file's first record: the time since the file before it is a gap, or the two overlap. */
  private noteStart(file: CaptureSetFile, time: number): void {
    file.firstPacketTime = time;
    const before = this.files.slice(0, -1).reverse().find((f) => f.lastPacketTime !== null);
    if (before === undefined || before.lastPacketTime === null) return;
    const offset = this.current!.reader.position;
    if (time - before.lastPacketTime > CAPTURE_GAP_SECONDS) {
      this.gaps.push({ from: before.lastPacketTime, to: time, before: before.path, after: file.path });
      this.warnings.push({
        code: CAPTURE_GAP_WARNING,
        message: `${(time - before.lastPacketTime).toFixed(3)} s between the last packet of ${before.path} (${captureTime(before.lastPacketTime)}) `
          + `and the first of ${file.path} (${captureTime(time)}) are not covered by the capture set: a quiet link or missing files; `
          + 'attempts whose fate fell in that time cannot be judged',
        offset,
        file: file.path,
      });
    } else if (time < before.lastPacketTime) {
      this.warnings.push({
        code: CAPTURE_OVERLAP_WARNING,
        message: `${file.path} starts (${captureTime(time)}) before the last packet of ${before.path} (${captureTime(before.lastPacketTime)}): `
          + 'the files overlap in time (two rings mixed, or captures of different points); packets are read file after file, not merged by time',
        offset,
        file: file.path,
      });
    }
  }

  private finishCurrent(): void {
    const current = this.current;
    if (current === null) return;
    const { reader, opened, file } = current;
    file.packets = reader.frameCount;
    for (const warning of reader.warnings) this.warnings.push(fileWarning(file.path, warning));
    this.frameBase += reader.frameCount;
    this.bytesBefore += this.members[this.nextMember - 1].size;
    for (const face of reader.info.interfaces) this.info.interfaces.push({ ...face });
    this.interfaceBase = this.info.interfaces.length;
    for (const comment of reader.info.comments) if (this.info.comments.length < MAX_SET_COMMENTS) this.info.comments.push(comment);
    opened.close();
    this.current = null;
  }

  /** A file that could not be read on: what was read of it counts, and the set goes on. */
  private damaged(path: string, error: CaptureError): void {
    if (this.current !== null && this.current.file.path === path) this.finishCurrent();
    this.warnings.push({
      code: DAMAGED_FILE_WARNING,
      message: `${path}: ${error.reason} at byte ${error.offset} (${error.code}); the set's other files are analysed`,
      offset: error.offset,
      file: path,
    });
  }
}
