/**
 * Re-reads a capture and writes the frames of the selected attempts as pcapng, record by record: the
 * frames are matched by the same decoders the analysis uses (tunnels opened, every NAT view of a SYN),
 * and written with their original timestamps (nanoseconds), captured bytes and lengths on the wire,
 * one Interface Description Block per link type. Memory stays at the reader's chunk buffer plus one
 * block; the bytes go to a sink as they are made.
 */
import { PcapngWriter } from '../../generator/pcapngWriter.js';
import { openCaptureOrSet, type CaptureOrSet } from '../capture/captureSet.js';
import type { CaptureReader, CaptureWarning } from '../capture/types.js';
import { decodeTcp } from '../layers/decode.js';
import { DecodeStatus, newTcpPacket } from '../layers/tcpPacket.js';
import type { HandshakeAttempt } from '../model.js';
import { exportComment } from './attemptSelection.js';
import { AttemptSpans } from './attemptSpans.js';

/** Where the pcapng bytes go: a file, memory. Each chunk is handed over once and not reused. */
export interface ChunkSink {
  write(chunk: Uint8Array): void;
}

export interface PacketExportResult {
  /** Frames written. */
  packets: number;
  /** Ids of the attempts exported, and how many frames each got. */
  attempts: { id: number; packets: number }[];
  /** The reader's warnings from the re-read (a file cut short is exported up to the cut). */
  warnings: CaptureWarning[];
}

/** Nanosecond timestamps: every reader's resolution converts to them without loss (pcap µs, pcapng ns). */
const NANOSECONDS = 9;

export class PacketExport {
  private readonly reader: CaptureReader;
  private readonly writer: PcapngWriter;
  private readonly spans: AttemptSpans;
  private readonly packet = newTcpPacket();
  /** Interface id in the export per link type, declared when its first frame is written. */
  private readonly interfaces = new Map<number, number>();
  private readonly perAttempt = new Map<number, number>();
  private packets = 0;
  done = false;

  /**
   * `selected` are the attempts to export, `all` every attempt the analysis of this capture listed.
   * Throws CaptureError when the file (or every file of the set) is not a capture; later read errors
   * are thrown by `step` (in a set, a file that fails is passed over as its analysis passed over it).
   */
  constructor(source: CaptureOrSet, readonly name: string, selected: readonly HandshakeAttempt[], all: readonly HandshakeAttempt[], private readonly sink: ChunkSink) {
    this.reader = openCaptureOrSet(source, name);
    this.spans = new AttemptSpans(selected, all);
    for (const attempt of selected) this.perAttempt.set(attempt.id, 0);
    this.writer = new PcapngWriter({ application: 'Handshake Lens', comment: exportComment(selected, name) });
    sink.write(this.writer.header());
  }

  /** Bytes of the capture consumed so far. */
  get position(): number {
    return this.reader.position;
  }

  /** Reads up to `limit` records; sets `done` at the end of the capture. */
  step(limit: number): void {
    const { reader, packet, spans } = this;
    for (let n = 0; n < limit; n++) {
      const record = reader.next();
      if (record === null) {
        this.done = true;
        return;
      }
      const status = decodeTcp(record.linkType, record.bytes, record.dataOffset, record.capturedLength, record.originalLength, packet);
      if (status !== DecodeStatus.Tcp) continue;
      const attempt = spans.attemptOf(packet, record.timeSec + record.timeNs * 1e-9);
      if (attempt < 0) continue;
      const time = { sec: record.timeSec, ns: record.timeNs };
      const block = this.writer.encodeRecord(time, record.data, this.interfaceFor(record.linkType), record.originalLength, `Handshake Lens: attempt ${attempt}`);
      this.sink.write(block);
      this.packets++;
      this.perAttempt.set(attempt, (this.perAttempt.get(attempt) ?? 0) + 1);
    }
  }

  result(): PacketExportResult {
    return {
      packets: this.packets,
      attempts: [...this.perAttempt].map(([id, packets]) => ({ id, packets })),
      warnings: [...this.reader.warnings],
    };
  }

  private interfaceFor(linkType: number): number {
    let id = this.interfaces.get(linkType);
    if (id === undefined) {
      // The snaplen is 0 (no limit): every frame is written as it was captured, whatever its interface's snaplen.
      this.sink.write(this.writer.encodeInterface({ linkType, tsresol: NANOSECONDS, snaplen: 0 }));
      id = this.interfaces.size;
      this.interfaces.set(linkType, id);
    }
    return id;
  }
}
