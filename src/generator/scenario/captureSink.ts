/**
 * One capture point of a scenario (the client side or the server side): collects frames stamped with
 * that capture's own clock and writes them, in time order, as pcap or pcapng.
 */
import { buildTcpFrame, type TcpFrameSpec } from '../frames.js';
import { PcapWriter } from '../pcapWriter.js';
import { PcapngWriter } from '../pcapngWriter.js';
import type { CaptureSpec } from './scenarioSpec.js';

/** A segment as it is on the wire at one point; the sink adds the link layer. */
export type WireSegment = Omit<TcpFrameSpec, 'linkType'>;

interface CapturedFrame {
  timeUs: number;
  order: number;
  frame: Uint8Array;
}

export class CaptureSink {
  private readonly frames: CapturedFrame[] = [];

  /**
   * @param clockOffsetUs this capture's clock minus simulation time
   */
  constructor(readonly spec: CaptureSpec, private readonly startEpochSeconds: number, private readonly clockOffsetUs: number) {}

  /** Records the segment as seen at simulation time `timeUs`. */
  record(timeUs: number, segment: WireSegment): void {
    const frame = buildTcpFrame({ ...segment, linkType: this.spec.linkType });
    this.frames.push({ timeUs: timeUs + this.clockOffsetUs, order: this.frames.length, frame });
  }

  /** Epoch seconds of a simulation time on this capture's clock. */
  epochSeconds(timeUs: number): number {
    return this.startEpochSeconds + (timeUs + this.clockOffsetUs) / 1e6;
  }

  /** The capture as a file; `endUs`, the simulation time when the capture stopped. */
  bytes(endUs: number): Uint8Array {
    const ordered = [...this.frames].sort((a, b) => a.timeUs - b.timeUs || a.order - b.order);
    const spec = this.spec;
    const writer = spec.format === 'pcap'
      ? new PcapWriter({ linkType: spec.linkType, bigEndian: spec.bigEndian, nanosecond: spec.nanosecond })
      : new PcapngWriter({
          bigEndian: spec.bigEndian,
          interfaces: [{ linkType: spec.linkType, name: spec.interfaceName, tsresol: spec.nanosecond ? 9 : 6 }],
        });
    // Integer microseconds split exactly, so no float rounding can make two runs differ.
    const timeOf = (timeUs: number) => ({ sec: this.startEpochSeconds + Math.floor(timeUs / 1e6), ns: (timeUs - Math.floor(timeUs / 1e6) * 1e6) * 1000 });
    for (const { timeUs, frame } of ordered) writer.addRecord(timeOf(timeUs), frame);
    if (writer instanceof PcapngWriter && spec.statistics) {
      const end = timeOf(endUs + this.clockOffsetUs);
      writer.addStatistics(0, { time: end, start: timeOf(this.clockOffsetUs), end, received: ordered.length, droppedByOs: spec.statistics.droppedByOs });
    }
    return writer.bytes();
  }
}
