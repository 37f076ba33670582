/**
 * The JSON output contract, version 1 (`handshake-lens analyze --format json`). Other tools consume it,
 * so fields are only ever added within a version, never renamed or removed; docs/json-output.md
 * documents every field and must change with this file.
 */
import type { AttemptCounts, Confidence, DiagnosisCode, OptionsCutPart, Outcome, TunnelKind, Vantage, Verdict } from './model.js';

export const REPORT_VERSION = 1;

export interface ReportJson {
  version: typeof REPORT_VERSION;
  /** The analysed captures: one (`single`), or a `client` and a `server` capture. */
  captures: CaptureReportJson[];
  /** Every connection attempt of the first capture (the `single` or the `client` one). */
  handshakes: HandshakeJson[];
  /** Why failed handshakes failed; `[]` until correlation and diagnosis have run. */
  diagnoses: DiagnosisJson[];
}

export type CaptureRole = 'single' | 'client' | 'server';

export interface CaptureWarningJson {
  code: string;
  message: string;
  /** Byte offset in the file the warning is about. */
  offset: number;
  /** Only in a capture set: the file of the set the warning is about, in which `offset` lies. */
  file?: string;
}

export interface ServerFailureRateJson {
  /** `ip:port` of the server. */
  server: string;
  attempts: number;
  failed: number;
  /** failed / attempts, 0..1. */
  failureRate: number;
}

export interface SkippedLinkTypeJson {
  linkType: number;
  /** Readable name, for example `IEEE 802.11 radiotap`. */
  name: string;
  packets: number;
}

/** The attempt counts, `midstream` being connections that are not rows of `handshakes`. */
export interface CaptureSummaryJson extends AttemptCounts {
  /** Frames whose link type is not decoded, per link type. */
  skippedLinkTypes: SkippedLinkTypeJson[];
  perServer: ServerFailureRateJson[];
}

export interface CaptureReportJson {
  /** The file as given on the command line (or the document URI). */
  path: string;
  role: CaptureRole;
  /** The format of the capture's bytes; for a compressed file, of the decompressed bytes. */
  format: 'pcap' | 'pcapng';
  /** How the file was compressed (recognised by its magic bytes, whatever its name), or null. */
  compression: 'gzip' | 'zstd' | 'lz4' | null;
  /** Distinct link types of the capture's interfaces (LINKTYPE_* numbers), in order of first appearance. */
  linkTypes: number[];
  packets: number;
  tcpPackets: number;
  /** Epoch seconds of the first and last record; null for a capture without records. */
  start: number | null;
  end: number | null;
  warnings: CaptureWarningJson[];
  summary: CaptureSummaryJson;
  /**
   * Only for a capture set (`--set`, a folder): its files in reading order. Frame numbers run on from
   * one file to the next, as `mergecap -a` numbers them: a frame belongs to the file whose packets reach it.
   */
  files?: CaptureSetFileJson[];
}

export interface CaptureSetFileJson {
  path: string;
  /** Epoch seconds of the file's first and last record; null for a file without records. */
  firstPacketTime: number | null;
  lastPacketTime: number | null;
  packets: number;
}

export interface TcpOptionsJson {
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  tsval: number | null;
  tsecr: number | null;
  /** Present only when the snapshot length cut the options: which part was lost. */
  cut?: OptionsCutPart;
}

export interface SynJson {
  /** 0-based frame index in the capture. */
  frame: number;
  time: number;
  tsval: number | null;
  /** Present (true) only when the snapshot length cut the options before a whole TSval: `tsval` null means unknown. */
  tsvalCut?: true;
}

export interface SynAckJson {
  frame: number;
  time: number;
  /** The server's initial sequence number. */
  isn: number;
  options: TcpOptionsJson;
  count: number;
  /** IPv4 TTL or IPv6 hop limit of the first SYN-ACK as it arrived here; null when not known. */
  ttl: number | null;
}

export interface AckJson {
  frame: number;
  time: number;
  /** True when the first client segment after the SYN-ACK already carried data. */
  withData: boolean;
}

export interface ResetJson {
  frame: number;
  time: number;
  from: 'client' | 'server';
  /** IPv4 TTL or IPv6 hop limit of the RST as it arrived here; null when not known. */
  ttl: number | null;
}

export interface TeardownJson {
  firstFin: 'client' | 'server' | null;
  firstFinTime: number | null;
  secondFinTime: number | null;
  lastClientTsval: number | null;
  lastClientTsvalTime: number | null;
}

/** What the server-side capture shows of this attempt, once correlated. */
export interface AtServerJson {
  /** The client as the server saw it, after NAT: `ip:port`. */
  client: string;
  seen: boolean;
  replied: boolean;
  /** Server capture time minus client capture time of the SYN, ms. */
  offsetMs: number;
}

export interface HandshakeJson {
  /** 1-based, in order of the first SYN within the capture. */
  id: number;
  /** `ip:port`, IPv6 as `[addr]:port`. */
  client: string;
  server: string;
  ipVersion: 4 | 6;
  /** The client's initial sequence number (unsigned 32-bit). */
  isn: number;
  /** Epoch seconds of the first SYN, full precision. */
  synTime: number;
  /** SYN transmissions with this ISN (1 + retransmissions). */
  synCount: number;
  /** TSval of the first SYN, or null without the timestamp option. */
  tsval: number | null;
  syns: SynJson[];
  synOptions: TcpOptionsJson;
  /** TTL or hop limit of the first SYN. */
  ttl: number;
  synAck: SynAckJson | null;
  ack: AckJson | null;
  rst: ResetJson | null;
  teardown: TeardownJson;
  verdict: Verdict;
  outcome: Outcome;
  /** SYN → SYN-ACK in this capture, ms (null without a SYN-ACK). */
  rttMs: number | null;
  /** SYN-ACK → the client's ACK, ms. */
  ackDelayMs: number | null;
  vantage: Vantage;
  /** Diagnosis code explaining a failure; null until correlation and diagnosis fill it. */
  cause: DiagnosisCode | null;
  confidence: Confidence | null;
  atServer: AtServerJson | null;
  /** The other client endpoints the same SYN was captured with (after NAT, in one capture of both sides); `[]` when none. */
  natViews: NatViewJson[];
  /** The outermost tunnel the first SYN arrived in (VXLAN, Geneve, GRE, ERSPAN, IP-in-IP, MPLS, PPPoE); null without one. */
  tunnel: TunnelJson | null;
}

export interface NatViewJson {
  /** `ip:port` of the client in that view. */
  client: string;
  /** 0-based frame and epoch seconds of that view's earliest SYN. */
  frame: number;
  time: number;
}

export interface TunnelJson {
  kind: TunnelKind;
  /** The outer IP addresses, `"10.0.0.1 → 10.0.0.2"`; null for MPLS and PPPoE. */
  outer: string | null;
  /** VXLAN/Geneve VNI, GRE key, ERSPAN session ID, bottom MPLS label or PPPoE session ID; null when there is none. */
  vni: number | null;
}

export type Severity = 'error' | 'warning' | 'info';

/** One fact supporting a diagnosis: a sentence, and the numbers behind it for programs. */
export interface EvidenceJson {
  text: string;
  /** Named values (TSvals, ages in seconds, counts, addresses); names are camelCase and stable per code. */
  values: Record<string, string | number | boolean | null>;
  /** Handshake ids this fact is about (may be empty). */
  handshakeIds: number[];
}

export interface FixJson {
  /** What to change, in plain words. */
  text: string;
  /** Shell commands or configuration lines, one per entry. */
  commands: string[];
}

export interface DiagnosisJson {
  code: DiagnosisCode;
  severity: Severity;
  confidence: Confidence;
  /** One line. */
  title: string;
  /** The mechanism in plain words. */
  explanation: string;
  evidence: EvidenceJson[];
  /** null when there is nothing to change (an `info` diagnosis). */
  fix: FixJson | null;
  /** The handshakes this diagnosis explains. */
  handshakeIds: number[];
}
