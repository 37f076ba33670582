/**
 * One pass over a capture: reader → layer decoders → handshake tracker, in slices of records so that
 * an asynchronous caller can report progress and cancel between slices.
 */
import { captureRecording, droppedPacketsWarning } from './capture/captureRecording.js';
import { openCapture } from './capture/sniff.js';
import { CaptureSetReader, type CaptureGap, type CaptureSetFile } from './capture/captureSet.js';
import type { ByteSource, CaptureInfo, CaptureReader, CaptureWarning } from './capture/types.js';
import { HandshakeTracker, IDLE_FLOW_SECONDS, type DecidedTaken, type TrackerOptions, type TrackerResult, type UnlistedAttempts } from './handshakes/tracker.js';
import { summarizeCapture } from './handshakes/summary.js';
import { grouped } from './explain/format.js';
import { decodeTcp } from './layers/decode.js';
import { DecodeStatus, OptionsCut, TcpFlag } from './layers/tcpPacket.js';
import { CutSynOptions } from './cutSynOptions.js';
import { newTimedTcpPacket } from './handshakes/segment.js';
import type { CaptureSummary, HandshakeAttempt } from './model.js';
import { UndecodedFrames, type SkippedLinkType } from './undecodedFrames.js';

export interface CaptureAnalysis {
  /** The file name or URI as the user knows it. */
  name: string;
  info: CaptureInfo;
  /** The reader's warnings, then one per kind of frame that could not be decoded. */
  warnings: CaptureWarning[];
  summary: CaptureSummary;
  /** The attempts as records: all of them, or the first `unlisted.rowLimit` in file order. */
  handshakes: HandshakeAttempt[];
  /**
   * Null when every attempt is in `handshakes`. Otherwise the summary counts them all, and attempts whose
   * first SYN is at or after `firstSynTime` may be missing from `handshakes` (the diagnosis treats that
   * stretch as not covered by this capture).
   */
  unlisted: UnlistedAttemptsInfo | null;
  skippedLinkTypes: SkippedLinkType[];
  /** Only for a capture set: its files in reading order, and the times between them it did not record. */
  set?: CaptureSetInfo;
}

export interface CaptureSetInfo {
  files: CaptureSetFile[];
  gaps: CaptureGap[];
}

export interface UnlistedAttemptsInfo {
  /** Attempts counted in the summary but not listed. */
  attempts: number;
  /** Capture time and byte offset of the first SYN past the limit. */
  firstSynTime: number;
  firstSynOffset: number;
}

export type ScanOptions = TrackerOptions;

function unlistedWarning(listed: number, unlisted: UnlistedAttempts, offset: number): CaptureWarning {
  const early = unlisted.countedEarly === 0
    ? ''
    : `; ${grouped(unlisted.countedEarly)} of them were counted before they had been idle for ${IDLE_FLOW_SECONDS} s, `
      + 'as too many were open at once, so their verdicts may be early';
  return {
    code: 'attempts-limit',
    message: `${grouped(listed)} connection attempts are listed (the limit); `
      + `${grouped(unlisted.tally.attempts)} more from this SYN on are only counted in the summary${early}`,
    offset,
  };
}

export class CaptureScan {
  private readonly reader: CaptureReader;
  private readonly tracker: HandshakeTracker;
  private readonly packet = newTimedTcpPacket();
  private readonly undecoded = new UndecodedFrames();
  private readonly cutSyns = new CutSynOptions();
  private records = 0;
  private tcpPackets = 0;
  private start = Infinity;
  private end = -Infinity;
  /** Byte offset of the record whose SYN was the first past the row limit; -1 until then. */
  private firstUnlistedOffset = -1;
  done = false;

  /**
   * A file's bytes, or a reader already open (a capture set). Throws CaptureError when the file is not a
   * capture; later read errors are thrown by `step`.
   */
  constructor(input: ByteSource | CaptureReader, readonly name: string, options: ScanOptions = {}) {
    this.reader = 'next' in input ? input : openCapture(input, name);
    this.tracker = new HandshakeTracker(options);
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.reader.position;
  }

  /** Records read so far. */
  get recordCount(): number {
    return this.records;
  }

  /** Epoch seconds of the earliest record read; null before the first. */
  get earliestTime(): number | null {
    return this.records > 0 ? this.start : null;
  }

  /** Epoch seconds of the latest record read; -Infinity before the first. */
  get latestTime(): number {
    return this.end;
  }

  /** Attempts listed so far, decided or not. */
  get listed(): number {
    return this.tracker.listedCount;
  }

  /** Listed attempts whose verdict may still change (with the `reportDecided` option). */
  get undecided(): number {
    return this.tracker.undecidedCount;
  }

  /**
   * With the `reportDecided` option: the attempts whose verdict became final by capture time `now` (at
   * least the latest record's), each once, the first `keep` as records (HandshakeTracker.takeDecided).
   */
  takeDecided(now: number, keep?: number): DecidedTaken {
    return this.tracker.takeDecided(Math.max(now, this.end), keep);
  }

  /** With `reportDecided`: the first `limit` attempts still undecided, as of capture time `now` (HandshakeTracker.openRecords). */
  openRecords(now: number, limit: number): HandshakeAttempt[] {
    return this.tracker.openRecords(Math.max(now, this.end), limit);
  }

  /** Reads up to `limit` records; sets `done` at the end of the capture. */
  step(limit: number): void {
    const { reader, tracker, packet } = this;
    for (let n = 0; n < limit; n++) {
      const record = reader.next();
      if (record === null) {
        this.done = true;
        return;
      }
      this.records++;
      const time = record.timeSec + record.timeNs * 1e-9;
      // Merged files need not be in time order: the span is the earliest to the latest record.
      if (time < this.start) this.start = time;
      if (time > this.end) this.end = time;
      const status = decodeTcp(record.linkType, record.bytes, record.dataOffset, record.capturedLength, record.originalLength, packet);
      if (status === DecodeStatus.Tcp) {
        this.tcpPackets++;
        packet.frame = record.index;
        packet.time = time;
        tracker.add(packet);
        if (packet.optionsCut !== OptionsCut.None && (packet.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
          this.cutSyns.note(packet.optionsCut, record.capturedLength, record.offset);
        }
        if (this.firstUnlistedOffset < 0 && tracker.limitReached) this.firstUnlistedOffset = record.offset;
      } else if (status !== DecodeStatus.NotTcp) {
        this.undecoded.note(status, record.linkType, record.offset);
      }
    }
  }

  /**
   * The analysis of what was read; `stopped` is the warning of a scan ended before the end of the file.
   * `watchedUntil`: a capture followed while it was written was seen silent until then, later than its
   * last record (a client's unanswered SYN is judged over that silence, as it was while following).
   */
  result(stopped?: CaptureWarning, watchedUntil = -Infinity): CaptureAnalysis {
    return this.analysisOf(this.tracker.finish(this.judgedAt(watchedUntil)), stopped);
  }

  /**
   * The analysis `result(undefined, watchedUntil)` would give if the capture ended here, leaving the scan
   * to read on (HandshakeTracker.snapshot): what a capture being followed shows with its causes.
   */
  snapshot(watchedUntil = -Infinity): CaptureAnalysis {
    return this.analysisOf(this.tracker.snapshot(this.judgedAt(watchedUntil)));
  }

  /** The capture time the attempts are judged at: the latest record's, or the silence watched after it. */
  private judgedAt(watchedUntil: number): number {
    return this.records > 0 ? Math.max(this.end, watchedUntil) : 0;
  }

  private analysisOf({ handshakes, midstream, unlisted }: TrackerResult, stopped?: CaptureWarning): CaptureAnalysis {
    const hasRecords = this.records > 0;
    const start = hasRecords ? this.start : null;
    const end = hasRecords ? this.end : null;
    const packets = Math.max(this.reader.frameCount ?? 0, this.records);
    const warnings = [...this.reader.warnings, ...this.undecoded.warnings()];
    const cutSyns = this.cutSyns.warning();
    if (cutSyns !== null) warnings.push(cutSyns);
    if (unlisted !== null) warnings.push(unlistedWarning(handshakes.length, unlisted, this.firstUnlistedOffset));
    const dropped = droppedPacketsWarning(captureRecording(this.reader.info));
    if (dropped !== null) warnings.push(dropped);
    if (stopped) warnings.push(stopped);
    return {
      name: this.name,
      info: this.reader.info,
      warnings,
      summary: summarizeCapture(handshakes, { packets, tcpPackets: this.tcpPackets, midstream, start, end }, unlisted?.tally),
      handshakes,
      unlisted: unlisted === null
        ? null
        : { attempts: unlisted.tally.attempts, firstSynTime: unlisted.firstSynTime, firstSynOffset: this.firstUnlistedOffset },
      skippedLinkTypes: this.undecoded.skippedLinkTypes(),
      ...(this.reader instanceof CaptureSetReader ? { set: { files: this.reader.files.map((file) => ({ ...file })), gaps: [...this.reader.gaps] } } : {}),
    };
  }
}
