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
  /** The files given as evidence (`--evidence`), read or not, in the order given; `[]` without any. */
  evidenceFiles: EvidenceFileJson[];
}

export type EvidenceFileKind = 'netstat' | 'nstat' | 'sysctl' | 'conntrack' | 'listeners';
export type EvidenceHostJson = 'server' | 'node' | 'client';

/** A counter that went down between two snapshots of one host: not subtracted. */
export interface WentDownJson {
  name: string;
  before: number;
  after: number;
  fromFile: string;
  file: string;
}

export interface EvidenceFileJson {
  /** As given, without the `host=` prefix. */
  path: string;
  /** What the content is; null for a file that is none of the kinds. */
  kind: EvidenceFileKind | null;
  /** The host it was taken on; null when neither given nor in its name (then it weighs nothing). */
  host: EvidenceHostJson | null;
  hostFrom: 'given' | 'name' | null;
  /** What its name says of its moment among snapshots of the same counters. */
  moment: 'before' | 'after' | null;
  /** Readings in the file: counter or conntrack snapshots, sysctl settings, socket lines. */
  snapshots: number;
  /** Why it was not read; null when it was. */
  problem: { reason: 'not-evidence' | 'nothing-read' | 'too-large'; line: number | null; text: string | null; message: string } | null;
  /** Counters of this host that went down between this file and an earlier one. */
  wentDown: WentDownJson[];
}

export type EvidenceVerdictJson = 'confirms' | 'contradicts' | 'informs';

/** A counter, setting or listener quoted from an evidence file. */
export interface CounterEvidenceJson {
  /** `ListenOverflows` (the /proc field), `conntrack.insert_failed`, `net.ipv4.tcp_tw_recycle`, `Recv-Q`, `Send-Q`. */
  name: string;
  /** The count over `span`, the setting's value (null: absent), or the queue length. */
  value: number | string | null;
  file: string;
  /** The earlier snapshot's file, for an interval. */
  fromFile: string | null;
  /** The value is a count over an interval: between two snapshots, or nstat's own since its previous run. */
  delta: boolean;
  span: 'interval' | 'nstat' | 'since-boot' | 'setting' | 'listener';
  verdict: EvidenceVerdictJson;
  /** conntrack -S: the count per CPU, in the file's order. */
  perCpu?: { cpu: number; value: number }[];
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
  /** Server endpoints the attempts went to, and those of them with a failure. */
  servers: number;
  serversWithFailures: number;
  /** The first 1,000 servers, the most failures first. */
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
  /**
   * What the capture says of itself (pcapng Interface Statistics Blocks, written by dumpcap when it
   * stops): when it started and stopped and how many packets it dropped; null when the file does not say.
   */
  recording: { start: number | null; end: number | null; dropped: number | null } | null;
  warnings: CaptureWarningJson[];
  summary: CaptureSummaryJson;
  /**
   * Only with several captures along a path (`analyze A B [C…]`): this capture's clock minus the first
   * capture's, ms, and the spread of that estimate; both null when no attempt ties it to the first.
   */
  offsetMs?: number | null;
  offsetSpreadMs?: number | null;
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
  /**
   * Only in the language server's pages of a capture being followed: the verdict is not final yet, and
   * `verdict` and `outcome` are as the attempt stands now. Absent everywhere else.
   */
  pending?: true;
  /** SYN → SYN-ACK in this capture, ms (null without a SYN-ACK). */
  rttMs: number | null;
  /** SYN-ACK → the client's ACK, ms. */
  ackDelayMs: number | null;
  /** The first SYN → the client's ACK: the whole handshake, retransmission waits included, ms (null without that ACK). */
  connectMs: number | null;
  vantage: Vantage;
  /** Diagnosis code explaining a failure; null until correlation and diagnosis fill it. */
  cause: DiagnosisCode | null;
  confidence: Confidence | null;
  atServer: AtServerJson | null;
  /** The other client endpoints the same SYN was captured with (after NAT, in one capture of both sides); `[]` when none. */
  natViews: NatViewJson[];
  /** The outermost tunnel the first SYN arrived in (VXLAN, Geneve, GRE, ERSPAN, IP-in-IP, MPLS, PPPoE); null without one. */
  tunnel: TunnelJson | null;
  /** The SYN answered by an ACK of the previous connection on the four-tuple (TIME-WAIT, or still open); null when none was. */
  foreignAck: ForeignAckJson | null;
  /** Only with several captures along a path: every capture point that could have seen the attempt, in path order. */
  path?: PathStepJson[];
}

export interface ForeignAckJson {
  frame: number;
  time: number;
  /** Its acknowledgement number (not the ISN + 1). */
  ack: number;
  count: number;
  /** The client's resets carrying `ack` as their sequence number; null when the capture holds none. */
  reset: { frame: number; time: number; ttl: number; count: number } | null;
}

/** One capture point of an attempt's path. */
export interface PathStepJson {
  /** Index in `captures`. */
  capture: number;
  /** In a capture holding both sides of a NAT (`tcpdump -i any` on the node): `before-nat` or `after-nat`; else null. */
  side: 'before-nat' | 'after-nat' | null;
  /** The client as this point shows it, `ip:port`; null where the SYN was not seen. */
  client: string | null;
  seen: boolean;
  replied: boolean;
  /** Epoch seconds of the first SYN in this capture's clock; null where not seen. */
  firstSynTime: number | null;
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
  /** Set only where the language server cut `handshakeIds` for the editor (sentIds.ts): how many there are. */
  handshakeTotal?: number;
  /** With `handshakeTotal`: the cut list is exactly the attempts of this cause, for the table to filter by. */
  handshakeCause?: DiagnosisCode;
  /** Present on facts quoted from evidence files: the counters, settings or listeners behind the sentence. */
  counters?: CounterEvidenceJson[];
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
  /** As on EvidenceJson: set only where the language server cut `handshakeIds` for the editor. */
  handshakeTotal?: number;
  handshakeCause?: DiagnosisCode;
  /**
   * What would rule the cause out, which the analysis checked before naming it (for `not-covered` and
   * `unlocated`, what would decide). Set on every diagnosis the analysis returns.
   */
  ruledOutBy?: string;
  /** Present when evidence files were weighed for this diagnosis: the confidence the captures alone gave. */
  confidenceFromCaptures?: Confidence;
}
