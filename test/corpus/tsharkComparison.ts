/**
 * What the conformance tests against tshark's SYN/RST rows share: where the rows are, our decoding of
 * every frame, and which rows cannot be compared and why. The segment test and the handshake test must
 * leave out the same rows for the same reasons, so the rules live here once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureError } from '../../src/analyzer/errors.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { decodeTcp } from '../../src/analyzer/layers/decode.js';
import { isSupportedLinkType, linkTypeName } from '../../src/analyzer/layers/linkTypes.js';
import { DecodeStatus, OptionsCut, TcpFlag, destinationText, newTcpPacket, sourceText, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
import { readTsharkTcpRows, type TsharkTcpRow } from './tsharkTcpRows.js';
import { CORPUS_ROOT } from './corpusFiles.js';

/** Where tshark's SYN/RST rows for a corpus capture are (`tcpdump/ssh.pcap` → `tshark/tcpdump__ssh.pcap.tcp.tsv`). */
export function referencePath(capture: string): string {
  return join(CORPUS_ROOT, 'tshark', `${capture.replaceAll('/', '__')}.tcp.tsv`);
}

/** The fields tshark prints for a row, in the order of a row, as our decoder would print them. */
export function ourFields(packet: TcpPacket): string[] {
  return [
    sourceText(packet), destinationText(packet), String(packet.srcPort), String(packet.dstPort),
    String(packet.seq), String(packet.ack), `0x${packet.flags.toString(16)}`,
    packet.hasTimestamp ? String(packet.tsval) : '', packet.hasTimestamp && packet.optionsCut !== OptionsCut.Tsecr ? String(packet.tsecr) : '',
    packet.mss >= 0 ? String(packet.mss) : '', packet.windowScale >= 0 ? String(packet.windowScale) : '',
  ];
}

/** The fields both sides print, in the order of a row, as text. */
export function tsharkFields(row: TsharkTcpRow): string[] {
  return [
    row.ipSrc || row.ipv6Src, row.ipDst || row.ipv6Dst, row.srcPort, row.dstPort, row.seq, row.ack,
    // tshark's flags have 12 bits (AE and reserved); TcpPacket keeps the header's flag byte.
    `0x${(parseInt(row.flags, 16) & 0xff).toString(16)}`, row.tsval, row.tsecr, row.mss, row.windowScale,
  ];
}

export interface FrameOutcome {
  linkType: number;
  status: DecodeStatus;
  /** ourFields() of a SYN or RST segment; null for every other frame. */
  fields: string[] | null;
  /** Where the snaplen cut the segment's options (OptionsCut.None when it did not, or for a frame that is no segment). */
  optionsCut: OptionsCut;
  /** The segment came through a tunnel with an outer IP header (VXLAN, Geneve, GRE, ERSPAN, IP-in-IP). */
  inIpTunnel: boolean;
}

export interface DecodedCapture {
  /** By 1-based frame number, as tshark numbers them. */
  frames: Map<number, FrameOutcome>;
  /** The reason our reader stopped early, or null when it read to the end. */
  error: string | null;
}

/**
 * Every frame our reader yields, decoded; a reading error ends the walk where tshark may have gone on.
 * `bytes` stand in for the file's own (a copy cut to a smaller snapshot length).
 */
export function decodeCapture(capture: string, bytes: Uint8Array = readFileSync(join(CORPUS_ROOT, capture))): DecodedCapture {
  const frames = new Map<number, FrameOutcome>();
  const packet = newTcpPacket();
  try {
    const reader = openCapture(new MemorySource(bytes), capture);
    for (let record = reader.next(); record !== null; record = reader.next()) {
      const status = decodeTcp(record.linkType, record.bytes, record.dataOffset, record.capturedLength, record.originalLength, packet);
      const isSynOrRst = status === DecodeStatus.Tcp && (packet.flags & (TcpFlag.SYN | TcpFlag.RST)) !== 0;
      const optionsCut = status === DecodeStatus.Tcp ? packet.optionsCut : OptionsCut.None;
      frames.set(record.index + 1, {
        linkType: record.linkType, status, fields: isSynOrRst ? ourFields(packet) : null, optionsCut,
        inIpTunnel: status === DecodeStatus.Tcp && packet.tunnel !== null && packet.tunnel.outer !== null,
      });
    }
    return { frames, error: null };
  } catch (error) {
    if (error instanceof CaptureError) return { frames, error: error.reason };
    throw error;
  }
}

/** Why a tshark row is not compared, or null when it is. */
export function exclusion(row: TsharkTcpRow, frame: FrameOutcome | undefined, readError: string | null): string | null {
  if (frame === undefined) return readError ? `our reader stopped before it: ${readError}` : null;
  if (!isSupportedLinkType(frame.linkType)) return `link type ${frame.linkType} (${linkTypeName(frame.linkType)}) not decoded`;
  // Inside a tunnel the row's innermost addresses are compared; these two shapes cannot be.
  if (row.mixedIpVersions) return 'tshark decodes an IPv4 and an IPv6 header: its fields do not say which is inside';
  if (row.severalTcpHeaders) return 'tshark decodes two TCP headers (one quoted in an ICMP error)';
  return null;
}

export interface ExcludedRow {
  row: TsharkTcpRow;
  reason: string;
}

export interface TsharkReference {
  rows: TsharkTcpRow[];
  decoded: DecodedCapture;
  /** The rows both sides can be held to. */
  compared: TsharkTcpRow[];
  excluded: ExcludedRow[];
}

/** tshark's rows for a capture, split into those to compare and those left out, with our decoding. */
export function tsharkReference(capture: string): TsharkReference {
  const rows = readTsharkTcpRows(referencePath(capture));
  const decoded = decodeCapture(capture);
  const compared: TsharkTcpRow[] = [];
  const excluded: ExcludedRow[] = [];
  for (const row of rows) {
    const reason = exclusion(row, decoded.frames.get(row.frame), decoded.error);
    if (reason === null) compared.push(row);
    else excluded.push({ row, reason });
  }
  return { rows, decoded, compared, excluded };
}

/** Counts reasons across files for the closing diagnostic. */
export class ExclusionTally {
  private readonly byReason = new Map<string, number>();

  add(reason: string): void {
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
  }

  toString(): string {
    return [...this.byReason].map(([reason, count]) => `${count} × ${reason}`).join('; ') || 'none';
  }
}
