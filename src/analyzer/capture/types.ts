/**
 * The contract between the capture readers (pcap, pcapng) and everything downstream.
 * Readers hand out one reused record whose bytes lie in the reader's chunk buffer: they are valid
 * only until the next call to `next()`. Nothing here touches `fs` or `vscode`.
 */
import type { Compression } from './compression/compressionFormat.js';

/** Random access to the bytes of a capture: a file, an in-memory array, a remote document. */
export interface ByteSource {
  /**
   * Total size in bytes; Infinity for decompressed data until its end has been read, since a compressed
   * stream does not say how long it is.
   */
  readonly size: number;
  /**
   * True for bytes that can be read only once, in order (a pipe): a reader cannot go back to an earlier
   * position, beyond the first bytes the sniffer looked at.
   */
  readonly sequential?: boolean;
  /** Copies up to `into.length` bytes starting at `position` into `into`; returns how many were copied (0 at the end). */
  readAt(into: Uint8Array, position: number): number;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export type { Compression } from './compression/compressionFormat.js';

/** One capture interface: pcap has exactly one, pcapng one per Interface Description Block. */
export interface CaptureInterface {
  /** Index within its section, as Enhanced Packet Blocks name it. */
  id: number;
  section: number;
  linkType: number;
  snaplen: number;
  /** Units per second of the timestamps (1e6 for microseconds, 1e9 for nanoseconds, or a power of 2). */
  tsResolution: number;
  /** if_tsoffset: seconds added to every timestamp. */
  tsOffset: number;
  /** if_name / if_description as found in the file: untrusted text, never HTML. */
  name?: string;
  description?: string;
  /** The last Interface Statistics Block of the interface (dumpcap writes one when it stops). */
  statistics?: InterfaceStatistics;
}

/**
 * pcapng's Interface Statistics Block: when the capture ran, which a file's packets alone cannot say, and
 * how many packets it lost. Counts are cumulative since the capture started; null when not written.
 */
export interface InterfaceStatistics {
  /** isb_starttime / isb_endtime, epoch seconds. */
  startTime: number | null;
  endTime: number | null;
  /** isb_ifrecv: packets the interface received. */
  received: number | null;
  /** isb_ifdrop: packets the interface dropped (no buffer); isb_osdrop: dropped by the OS (capture buffer full). */
  droppedByInterface: number | null;
  droppedByOs: number | null;
  /** Byte offset of the block in the file. */
  offset: number;
}

export interface CaptureRecord {
  /** 0-based frame number in the file (tshark's frame.number − 1). */
  index: number;
  /** Byte offset of the record header (pcap) or block (pcapng) in the file. */
  offset: number;
  /** Whole seconds since the epoch, if_tsoffset applied. */
  timeSec: number;
  /** Nanoseconds within the second (0 ≤ timeNs < 1e9). */
  timeNs: number;
  linkType: number;
  /**
   * The interface this record was captured on: its index in `CaptureInfo.interfaces`, counted across
   * all sections like tshark's frame.interface_id (pcap: always 0).
   */
  interfaceId: number;
  capturedLength: number;
  originalLength: number;
  /**
   * The captured bytes: a view, valid until the next record is read. Made on first use, one allocation
   * per record that asks: code that runs for every record reads `bytes` at `dataOffset` instead.
   */
  data: Uint8Array;
  /**
   * The reader's chunk buffer and where the captured bytes start in it: `data` without creating a
   * view per record, for decoders on the hot path. Valid until the next record is read.
   */
  bytes: Uint8Array;
  dataOffset: number;
}

export interface CaptureWarning {
  /** Stable code, for example `truncated-record`, `skipped-link-type`, `unknown-block`. */
  code: string;
  message: string;
  /** Byte offset in the file the warning is about. */
  offset: number;
  /** In a capture set: the file of the set the warning is about (`offset` is in that file). */
  file?: string;
}

/** Metadata the reader learns from the file as it goes. */
export interface CaptureInfo {
  format: CaptureFormat;
  /** Present when the capture came compressed; `format` is then the format of the decompressed bytes. */
  compression?: Compression;
  /** 'le' or 'be' of the first section. */
  byteOrder: 'le' | 'be';
  interfaces: CaptureInterface[];
  /** Section/file comments, OS, application, hardware strings from pcapng options: untrusted text. */
  comments: string[];
}

/** Pull reader: `next()` returns the next record (the same object each time) or null at the end. */
export interface CaptureReader {
  readonly info: CaptureInfo;
  readonly warnings: CaptureWarning[];
  /** Bytes of the file consumed so far (of the compressed file for a compressed capture), for progress reporting. */
  readonly position: number;
  /**
   * Frames so far as tshark numbers them: the records returned plus the pcapng blocks tshark lists as
   * frames but that carry no packet (custom blocks, systemd journal entries).
   */
  readonly frameCount: number;
  next(): CaptureRecord | null;
}
