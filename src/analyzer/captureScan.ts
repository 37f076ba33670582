/**
 * One pass over a capture: reader → layer decoders → handshake tracker, in slices of records so that
 * an asynchronous caller can report progress and cancel between slices.
 */
import { openCapture } from './capture/sniff.js';
import type { ByteSource, CaptureInfo, CaptureReader, CaptureWarning } from './capture/types.js';
import { HandshakeTracker } from './handshakes/tracker.js';
import { summarizeCapture } from './handshakes/summary.js';
import { decodeTcp } from './layers/decode.js';
import { DecodeStatus, newTcpPacket } from './layers/tcpPacket.js';
import type { CaptureSummary, HandshakeAttempt } from './model.js';
import { UndecodedFrames, type SkippedLinkType } from './undecodedFrames.js';

export interface CaptureAnalysis {
  /** The file name or URI as the user knows it. */
  name: string;
  info: CaptureInfo;
  /** The reader's warnings, then one per kind of frame that could not be decoded. */
  warnings: CaptureWarning[];
  summary: CaptureSummary;
  handshakes: HandshakeAttempt[];
  skippedLinkTypes: SkippedLinkType[];
}

export class CaptureScan {
  private readonly reader: CaptureReader;
  private readonly tracker = new HandshakeTracker();
  private readonly packet = newTcpPacket();
  private readonly undecoded = new UndecodedFrames();
  private records = 0;
  private tcpPackets = 0;
  private start = Infinity;
  private end = -Infinity;
  done = false;

  /** Throws CaptureError when the file is not a capture; later read errors are thrown by `step`. */
  constructor(readonly source: ByteSource, readonly name: string) {
    this.reader = openCapture(source, name);
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.reader.position;
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
        tracker.add(packet, record.index, time);
      } else if (status !== DecodeStatus.NotTcp) {
        this.undecoded.note(status, record.linkType, record.offset);
      }
    }
  }

  result(): CaptureAnalysis {
    const hasRecords = this.records > 0;
    const start = hasRecords ? this.start : null;
    const end = hasRecords ? this.end : null;
    const { handshakes, midstream } = this.tracker.finish(end ?? 0);
    const packets = Math.max(this.reader.frameCount ?? 0, this.records);
    return {
      name: this.name,
      info: this.reader.info,
      warnings: [...this.reader.warnings, ...this.undecoded.warnings()],
      summary: summarizeCapture(handshakes, { packets, tcpPackets: this.tcpPackets, midstream, start, end }),
      handshakes,
      skippedLinkTypes: this.undecoded.skippedLinkTypes(),
    };
  }
}
