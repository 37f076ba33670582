/**
 * The custom LSP requests and notifications between the extension (client) and the Handshake Lens
 * language server, shared by both sides so that a change to a message breaks the build on both. Every
 * method lives under `handshakeLens/`; every result is plain JSON built from the report v1 types.
 *
 * Captures are named by URI. `file:` URIs are read by the server itself (streaming); for any other scheme
 * the client passes the bytes as base64 in `content` the first time it asks about that URI. Results stay in
 * the server's memory by URI (and by client/server pair), so paging, details, hovers and the text report
 * never re-read a capture.
 */
import { NotificationType, RequestType, type ProgressToken } from 'vscode-languageserver-protocol';
import type { CaptureReportJson, DiagnosisJson, HandshakeJson } from '../analyzer/report.js';
import type { DiagnosisCode } from '../analyzer/model.js';
import type { FilterError } from './attemptFilter/filterError.js';

/** The language id and URI scheme of the read-only text report the extension serves. */
export const TEXT_REPORT_LANGUAGE_ID = 'handshake-report';
export const TEXT_REPORT_SCHEME = 'handshake-lens-report';
/** Command the extension implements; the server's "Copy Wireshark filter" code action invokes it. */
export const COPY_WIRESHARK_FILTER_COMMAND = 'handshakeLens.copyWiresharkFilter';

export type ExplanationLanguageSetting = 'auto' | 'en' | 'zh-cn';

/** `initializationOptions` of the `initialize` request. */
export interface ServerInitializationOptions {
  /** `handshakeLens.explanationLanguage`; `auto` follows `locale` (the client's display language). */
  explanationLanguage?: ExplanationLanguageSetting;
  /** The client's display language, for example `zh-cn`; used when the setting is `auto`. */
  locale?: string;
  /** `handshakeLens.maxRows`: connection attempts listed per capture (later ones are only counted). */
  maxRows?: number;
}

/** Upper bound on the points of one chart series the server ever sends. */
export const MAX_CHART_POINTS = 2000;

/** Base64 bytes of a capture the server cannot read itself (non-`file:` schemes). */
export type CaptureContent = string;

// ---------------------------------------------------------------------------------------------- charts

/** One SYN on the TSval-against-time chart. */
export interface TsvalPointJson {
  /** Epoch seconds. */
  time: number;
  tsval: number;
  handshakeId: number;
  /** The server never answered this SYN (a failed attempt's SYN). */
  dropped: boolean;
}

/** SYNs from one source address, or from one TSval clock inferred behind it (a host behind NAT). */
export interface TsvalSeriesJson {
  /** Source address, with the clock's rank when the address shows several: `192.168.0.2 clock 2`. */
  label: string;
  /** Empty for the one series that gathers the addresses beyond the series limit (`N other addresses`). */
  address: string;
  /** 1-based index of the inferred clock behind `address`; null for SYNs on no shared clock line. */
  clock: number | null;
  rateHz: number | null;
  /** Downsampled to at most MAX_CHART_POINTS; dropped SYNs are kept before passed ones. */
  points: TsvalPointJson[];
  /** SYNs in the series before downsampling. */
  totalPoints: number;
  /** Only on the series that gathers the addresses beyond the series limit: how many addresses it holds. */
  addresses?: number;
}

/** Attempts and failures per time bucket. */
export interface AttemptBucketJson {
  /** Epoch seconds of the bucket's start. */
  start: number;
  attempts: number;
  failed: number;
}

export interface CaptureChartsJson {
  tsval: TsvalSeriesJson[];
  /** Width of one bucket, seconds. */
  bucketSeconds: number;
  attempts: AttemptBucketJson[];
}

// -------------------------------------------------------------------------------------------- overviews

/** One string option of a pcapng section or packet: untrusted text, to be shown as text only. */
export interface CaptureCommentJson {
  /** shb_hardware, shb_os, shb_userappl, or an opt_comment of any block. */
  kind: 'comment' | 'hardware' | 'os' | 'application';
  text: string;
}

/** The strings a capture file carries about itself (pcapng options), bounded for the editor's header. */
export interface CaptureDetailsJson {
  /** At most MAX_DETAIL_ITEMS, in file order. */
  comments: CaptureCommentJson[];
  totalComments: number;
  /** Interfaces with a name or a description, at most MAX_DETAIL_ITEMS. */
  interfaces: Array<{ name: string | null; description: string | null }>;
  totalInterfaces: number;
}

/** Upper bound on the comments and on the interfaces an overview carries. */
export const MAX_DETAIL_ITEMS = 50;

/** What the editor shows first for one capture, without its rows (those come by handshakePage). */
/** One row of a breakdown table: a client address or a server endpoint. */
export interface BreakdownRowJson {
  key: string;
  attempts: number;
  failed: number;
  /**
   * Client rows only: the TSval clocks sending SYNs from this address (diagnosis/timestampClocks.ts):
   * `count` hosts told apart by their clocks for `single-clock` (1) and `several-clocks` (hosts behind
   * a NAT address: each shared line, and each connection on a line of its own), 0 for
   * `per-connection` (a random offset per connection: hosts cannot be counted) and `too-few`.
   */
  clocks?: { pattern: 'too-few' | 'single-clock' | 'several-clocks' | 'per-connection'; count: number };
}

/** Attempts and failures per client address and per server endpoint, the most failures first. */
export interface BreakdownJson {
  /** At most BREAKDOWN_ROWS rows each; the totals say how many there were. */
  clients: BreakdownRowJson[];
  clientAddresses: number;
  servers: BreakdownRowJson[];
  serverEndpoints: number;
}

export interface CaptureOverview {
  uri: string;
  capture: CaptureReportJson;
  details: CaptureDetailsJson;
  /** Rows available through handshakePage. */
  totalHandshakes: number;
  /** Where the capture was taken: at the client (or on its way) or at the server. */
  vantage: 'client' | 'server';
  diagnoses: DiagnosisJson[];
  charts: CaptureChartsJson;
  breakdown: BreakdownJson;
}

export interface ClockOffsetJson {
  /** Server capture time minus client capture time, median over matched SYNs, ms. */
  medianMs: number;
  /** Median absolute deviation, ms. */
  spreadMs: number;
  /** Matched SYN pairs behind the estimate. */
  pairs: number;
}

/** Client addresses as the server sees them after NAT. */
export interface NatTranslationJson {
  /** The address the server sees. */
  serverSees: string;
  clients: Array<{ address: string; attempts: number }>;
  attempts: number;
  portsRewritten: number;
}

export interface CorrelatedOverview {
  client: CaptureOverview;
  server: CaptureOverview;
  /** null when no SYN matched between the captures. */
  clockOffset: ClockOffsetJson | null;
  translations: NatTranslationJson[];
  /** Diagnoses of the pair (each also published on both capture URIs). */
  diagnoses: DiagnosisJson[];
}

// --------------------------------------------------------------------------------------------- requests

export interface AnalyzeCaptureParams {
  uri: string;
  content?: CaptureContent;
  /** Work-done progress token; the server reports the percentage of bytes read. */
  workDoneToken?: ProgressToken;
  /**
   * Follow the `file:` capture as it is written whether or not it was modified lately (the editor's
   * Resume): a capture paused by stopFollowing is read on from where it paused, with the rows it had;
   * another is read from its start. Without it, a file modified in the last few seconds that grows while
   * it is read is followed.
   */
  follow?: boolean;
}

/**
 * Sent by the client when a capture is opened: analyse it (or return the analysis in memory) and publish
 * its diagnoses. Errors: a ResponseError whose data is CaptureErrorData for unreadable input,
 * RequestCancelled when cancelled. A capture that is followed (captureProgress `following`) is answered
 * when the client stops following it (stopFollowing, forgetCapture), with what was read until then.
 */
export namespace AnalyzeCaptureRequest {
  export const method = 'handshakeLens/analyzeCapture' as const;
  export const type = new RequestType<AnalyzeCaptureParams, CaptureOverview, CaptureErrorData>(method);
}

export interface CorrelateCapturesParams {
  clientUri: string;
  serverUri: string;
  contents?: { client?: CaptureContent; server?: CaptureContent };
  workDoneToken?: ProgressToken;
}

/**
 * Sent by the client for "Correlate captures": analyse both captures (as needed), match the client's
 * attempts with the server's through NAT, diagnose, and publish the diagnoses on both URIs.
 */
export namespace CorrelateCapturesRequest {
  export const method = 'handshakeLens/correlateCaptures' as const;
  export const type = new RequestType<CorrelateCapturesParams, CorrelatedOverview, CaptureErrorData>(method);
}

/** Names a path view: the captures correlated along one path, as given, and the server's when it was named. */
export interface CapturePathRef {
  uris: string[];
  /** One of `uris`; without it the server capture is found from the traffic. */
  serverUri?: string;
}

export interface CorrelatePathParams extends CapturePathRef {
  /** Base64 bytes per URI, for captures the server cannot read itself. */
  contents?: Record<string, CaptureContent>;
  workDoneToken?: ProgressToken;
}

/** A capture's clock against the first capture's. */
export interface CaptureClockJson {
  offsetMs: number;
  spreadMs: number;
}

export interface PathOverview {
  /** Per capture, as given: its overview in the path view (its own numbering, the path's causes). */
  captures: CaptureOverview[];
  /** Index (in `captures`) of the capture found or named at the server. */
  server: number;
  /** The capture indexes in path order, the client's first. */
  order: number[];
  /** Per capture: its clock minus the first capture's; null when no attempt ties it to the first. */
  clocks: Array<CaptureClockJson | null>;
}

/**
 * Sent by the client for "Correlate captures along a path": analyse every capture (as needed), put them
 * in path order, make one row per attempt wherever it was seen, diagnose, and publish each capture's
 * diagnoses on its URI. Refused (InvalidParams) when a capture shares no attempt with any other.
 */
export namespace CorrelatePathRequest {
  export const method = 'handshakeLens/correlatePath' as const;
  export const type = new RequestType<CorrelatePathParams, PathOverview, CaptureErrorData>(method);
}

export interface MatchingCapturesParams {
  uri: string;
  content?: CaptureContent;
  /** Captures to score against it (the server reads them as it reads any capture). */
  candidates: string[];
}

export interface CaptureMatchJson {
  uri: string;
  /** Attempts of the capture `uri` with a SYN (same ISN and TSval) in this candidate. */
  matched: number;
  attempts: number;
  /** Share of the shorter recorded span both captures cover, 0 to 1. */
  overlap: number;
}

export interface MatchingCaptures {
  /** The candidates sharing at least one attempt, best first. */
  matches: CaptureMatchJson[];
  /** The URI of the one candidate that clearly shares the traffic, or null. */
  clear: string | null;
}

/**
 * Sent by the client when a capture is opened and by the correlation pickers: which candidates share the
 * capture's traffic, found by content. Unreadable candidates are left out.
 */
export namespace MatchingCapturesRequest {
  export const method = 'handshakeLens/matchingCaptures' as const;
  export const type = new RequestType<MatchingCapturesParams, MatchingCaptures, void>(method);
}

export type HandshakeColumn =
  | 'id'
  | 'time'
  | 'client'
  | 'server'
  | 'syns'
  | 'rtt'
  | 'connect'
  | 'tsval'
  | 'isn'
  | 'mss'
  | 'wscale'
  | 'sack'
  | 'ttl'
  | 'frame'
  | 'verdict'
  | 'outcome'
  | 'cause'
  /** Only along a path: the capture points that saw the SYN. */
  | 'path';

export interface HandshakeFilter {
  failedOnly?: boolean;
  /** Exact `ip:port` of the server. */
  server?: string;
  /** A diagnosis code. */
  cause?: string;
  /** Case-insensitive substring of client, server, outcome, cause or id. */
  text?: string;
  /** A filter expression (docs/filters.md), such as `verdict == fail && syns >= 2`; applied with the fields above. */
  expression?: string;
}

export interface HandshakeSort {
  column: HandshakeColumn;
  direction: 'asc' | 'desc';
}

export interface HandshakePageParams {
  /** The single or client capture; it must have been analysed (or correlated) before. */
  uri: string;
  /** When set, rows carry the correlation with this server capture. */
  pairedServerUri?: string;
  /** When set, rows carry this path view's correlation (and `pairedServerUri` is ignored). */
  path?: CapturePathRef;
  offset: number;
  /** At most MAX_PAGE_SIZE. */
  limit: number;
  filter?: HandshakeFilter;
  sort?: HandshakeSort;
}

export const MAX_PAGE_SIZE = 5000;

export interface HandshakePage {
  /** Rows matching the filter. */
  total: number;
  offset: number;
  rows: HandshakeJson[];
  /** Present when `filter.expression` does not parse: then no rows (`total` 0), and why. */
  filterError?: FilterError;
}

/** Sent by the client's virtualised table: one page of rows, filtered and sorted by the server. */
export namespace HandshakePageRequest {
  export const method = 'handshakeLens/handshakePage' as const;
  export const type = new RequestType<HandshakePageParams, HandshakePage, void>(method);
}

/**
 * Rows of a table query (its filter and sort) chosen without listing each one, as the editor's table
 * holds its selection: a base of every row (`all`) or of ranges of positions in the query's order, plus
 * the ids `added` beside it, minus the ids `removed` from it. A selection of a few rows is `added` alone.
 * A Ctrl+A of 10,000,000 rows is `{ all: true, ranges: [], added: [], removed: [] }`.
 */
export interface RowsSelection {
  /** Every row of the query is in the base; `ranges` is then ignored. */
  all: boolean;
  /** Positions `[first, last]` (0-based, both included) of the query's order. */
  ranges: Array<[number, number]>;
  /** Attempt ids selected besides the base. */
  added: number[];
  /** Attempt ids of the base that are not selected. */
  removed: number[];
}

export interface AttemptDetailParams {
  uri: string;
  pairedServerUri?: string;
  path?: CapturePathRef;
  /** Handshake id in the capture named by `uri`. */
  id: number;
}

export type PacketKind = 'syn' | 'syn-ack' | 'ack' | 'rst' | 'fin';

/** One packet of an attempt, for the ladder diagram. */
export interface LadderPacketJson {
  capture: 'client' | 'server';
  /** 0-based frame index in that capture; null for a packet the capture shows only by its time (a FIN). */
  frame: number | null;
  /** Epoch seconds in that capture's clock. */
  time: number;
  /** Time on the client capture's clock (server times shifted by the estimated offset). */
  alignedTime: number;
  direction: 'to-server' | 'to-client';
  kind: PacketKind;
  /** Flags as tcpdump prints them: `S`, `S.`, `.`, `R`, `F.`. */
  flags: string;
  seq: number | null;
  ack: number | null;
  tsval: number | null;
  tsecr: number | null;
  /** `ip:port` of both ends as this capture shows them. */
  source: string;
  destination: string;
  /** Along a path: the index in AttemptDetail.points of the capture point that shows the packet. */
  point?: number;
}

/** One capture point of an attempt's path, a column of its ladder. */
export interface LadderPointJson {
  /** The capture's file name. */
  file: string;
  /** In a capture of both sides of a NAT: which side this point is; else null. */
  side: 'before-nat' | 'after-nat' | null;
  /** The client as this point shows it; null where the SYN was not seen. */
  client: string | null;
  seen: boolean;
  /** The point is the server's capture. */
  server: boolean;
}

export interface AttemptDetail {
  handshake: HandshakeJson;
  /** The capture points the packets come from: both sides of a pair, or the one a lone capture shows. */
  capturePoints: Array<'client' | 'server'>;
  /** Along a path: every capture point that could have seen the attempt, in path order (the packets' `point`). */
  points?: LadderPointJson[];
  /** The same attempt in the paired server capture, when it was seen there. */
  atServer: HandshakeJson | null;
  /** The client as the client capture shows it and as the server capture shows it (after NAT). */
  clientBeforeNat: string;
  clientAfterNat: string | null;
  /**
   * Every packet of the attempt in both captures, in causal order: by alignedTime, except that a packet
   * arriving in one capture always follows its transmission in the other (same TSval for SYNs).
   */
  packets: LadderPacketJson[];
  /** `tcp.port == 49486 && ip.addr == 192.168.11.250`. */
  wiresharkFilter: string;
  /** The explanation of this attempt's cause in the configured language, or null. */
  explanation: string | null;
}

/** Sent by the client when an attempt is selected: the packets of its ladder diagram. */
export namespace AttemptDetailRequest {
  export const method = 'handshakeLens/attemptDetail' as const;
  export const type = new RequestType<AttemptDetailParams, AttemptDetail, void>(method);
}

export interface TextReportParams {
  uri: string;
  pairedServerUri?: string;
  /** The capture's view along this path (its rows with the path's causes). */
  path?: CapturePathRef;
}

export interface TextReport {
  /** The `handshake-lens-report:` URI the client should serve the text under. */
  reportUri: string;
  text: string;
}

/**
 * Sent by the client's text document content provider for `handshake-lens-report:` documents. The server
 * remembers which capture each report URI shows, so that hovers and diagnostics on it work once opened.
 */
export namespace TextReportRequest {
  export const method = 'handshakeLens/textReport' as const;
  export const type = new RequestType<TextReportParams, TextReport, void>(method);
}

/** Sent by the client when a capture editor closes: the server forgets the capture and its diagnostics. */
export namespace ForgetCaptureNotification {
  export const method = 'handshakeLens/forgetCapture' as const;
  export const type = new NotificationType<{ uri: string }>(method);
}

/**
 * Sent by the server after a correlation, so an open editor of the client capture can refresh (the
 * correlation filled its cause and at-server columns).
 */
export namespace CaptureChangedNotification {
  export const method = 'handshakeLens/captureChanged' as const;
  export const type = new NotificationType<{ uri: string; pairedServerUri?: string }>(method);
}

export interface CaptureProgressParams {
  /** The capture being analysed (an analyzeCapture request under way). */
  uri: string;
  /**
   * Rows handshakePage pages through now: the attempts whose verdict is final, without causes yet, and
   * while following, those still pending.
   */
  rows: number;
  /** Of those rows, the attempts not decided yet (rows with `pending: true`; only while following). */
  pending: number;
  /**
   * Attempts decided so far: the rows hold the first MAX_DECIDED_ROWS of them (100,000; the rest are
   * counted until the analysis ends), then the pending ones.
   */
  decided: number;
  /** Of the decided attempts, the failed ones. */
  failed: number;
  /** Attempts seen so far, decided or not. */
  attempts: number;
  bytesRead: number;
  /** The capture's size in bytes. */
  size: number;
  /** `bytesRead` as a whole percentage of `size`. */
  percent: number;
  /** Epoch seconds of the earliest packet read so far; null before the first. */
  start: number | null;
  /**
   * The capture is still being written and the server reads it as it grows: the notifications go on
   * while new attempts are decided (`size` is then what the file holds now), until stopFollowing.
   */
  following: boolean;
}

/**
 * Sent by the server while it reads a capture for analyzeCapture, from the moment the first attempts are
 * decided on, about four times a second: handshakePage already answers with those rows
 * (filtered and sorted), so an editor can show them before the analysis ends. The request's answer
 * replaces them with the whole capture's rows, causes and diagnoses.
 */
export namespace CaptureProgressNotification {
  export const method = 'handshakeLens/captureProgress' as const;
  export const type = new NotificationType<CaptureProgressParams>(method);
}

export interface LiveOverviewParams {
  /** The capture being followed (an analyzeCapture request under way, captureProgress `following`). */
  uri: string;
  /**
   * The analysis as if the capture ended now: its summary, diagnoses, charts and breakdown over every
   * attempt read so far, those still open judged as the end would judge them now (so a SYN still
   * waiting for its answer may count as failed until it comes). `totalHandshakes` counts them all;
   * the rows stay those of captureProgress.
   */
  overview: CaptureOverview;
}

/**
 * Sent by the server while it follows a capture being written, at most every 5 seconds (less often when
 * the capture is large: never more than a twentieth of the time goes to them) and only when something
 * was read or decided since the last: the causes as they stand. The analyzeCapture answer at Pause
 * replaces the last one.
 */
export namespace LiveOverviewNotification {
  export const method = 'handshakeLens/liveOverview' as const;
  export const type = new NotificationType<LiveOverviewParams>(method);
}

export interface LivePairOverviewParams {
  clientUri: string;
  serverUri: string;
  /** The pair correlated again on what its followed captures hold now (liveOverview's snapshots). */
  overview: CorrelatedOverview;
}

/**
 * Sent by the server when a capture of a correlated pair is followed and has a new snapshot
 * (liveOverview's schedule): the pair was correlated again on it, and handshakePage, attemptDetail and
 * textReport with `pairedServerUri` answer from that correlation. A followed client capture stays
 * followed when it is correlated; a server capture read for the correlation is followed if it is being
 * written, until the client capture's read ends (Pause or forgetCapture).
 */
export namespace LivePairOverviewNotification {
  export const method = 'handshakeLens/livePairOverview' as const;
  export const type = new NotificationType<LivePairOverviewParams>(method);
}

/**
 * Sent by the client to stop following a capture being written (the editor's Pause): the analyzeCapture
 * request under way is answered with the analysis of what was read until now, and the server keeps the
 * read (its place in the file, the attempts still open) for an analyzeCapture with `follow` (Resume) to
 * go on from, until forgetCapture.
 */
export namespace StopFollowingNotification {
  export const method = 'handshakeLens/stopFollowing' as const;
  export const type = new NotificationType<{ uri: string }>(method);
}

// ------------------------------------------------------------------------------------------------ errors

/** `data` of the ResponseError for a capture the server cannot read. */
export interface CaptureErrorData {
  /** The capture's URI. */
  uri: string;
  file: string;
  /** Byte offset of the problem in the file. */
  offset: number;
  reason: string;
}

/** Error code of that ResponseError (outside the ranges JSON-RPC and LSP reserve). */
export const CAPTURE_UNREADABLE_ERROR = 1001;

/** `data` of the LSP diagnostics published on capture URIs and text reports. */
export interface HandshakeDiagnosticData {
  /** Handshake ids of the capture the diagnostic is on, for the client to select: at most SENT_IDS (server/sentIds.ts). */
  handshakeIds: number[];
  /** Set when the ids were cut and are exactly the attempts of this cause: the client filters by it instead. */
  handshakeCause?: DiagnosisCode;
}

// ---------------------------------------------------------------------------------------------- export

export interface ExportPacketsParams {
  /** The analysed capture whose attempts are exported; its ids are those of its own analysis (not of a pair). */
  uri: string;
  /** Base64 bytes of the capture again, for non-`file:` schemes: the server keeps no capture bytes. */
  content?: CaptureContent;
  /**
   * The failed attempts, the attempts with these ids, or the rows a table selected: `rows` of the query
   * `filter` and `sort` over the view of `uri` (with `pairedServerUri`, or along `path`), resolved here.
   */
  selection: { kind: 'failed' } | { kind: 'attempts'; ids: number[] } | TableRowsSelection;
  /** `file:` URI of the pcapng file to write; replaced when it exists, untouched when the export fails. */
  targetUri: string;
  workDoneToken?: ProgressToken;
}

/** The rows a table selected, named by the view and the query they are positions of. */
export interface TableRowsSelection {
  kind: 'rows';
  pairedServerUri?: string;
  path?: CapturePathRef;
  filter?: HandshakeFilter;
  sort?: HandshakeSort;
  rows: RowsSelection;
}

export interface ExportPacketsResult {
  /** Frames written. */
  packets: number;
  /** Every attempt exported, with its frames. */
  attempts: Array<{ id: number; packets: number }>;
  /** True when the user cancelled: nothing was written. */
  cancelled: boolean;
}

/**
 * Sent by the client for "Export packets of …": re-read the capture and write the frames of the attempts
 * as pcapng to `targetUri`. Errors: CaptureErrorData for unreadable input, InvalidParams for ids the
 * capture does not have, a target that is not `file:` or cannot be written.
 */
export namespace ExportPacketsRequest {
  export const method = 'handshakeLens/exportPackets' as const;
  export const type = new RequestType<ExportPacketsParams, ExportPacketsResult, CaptureErrorData>(method);
}

export interface ExportRowsParams {
  /** The single or client capture, analysed (or correlated) before. */
  uri: string;
  pairedServerUri?: string;
  /** The path view the table shows: the CSV then has a `path` column last. */
  path?: CapturePathRef;
  /** The table's current filter and sort: the CSV holds the rows the table shows, in its order. */
  filter?: HandshakeFilter;
  sort?: HandshakeSort;
  /** Only these of those rows (the table's selection), still in the sort's order. */
  selection?: RowsSelection;
  /**
   * `file:` URI the server writes the CSV to, a batch of rows at a time (replaced when it exists,
   * untouched when the export fails); without it the CSV comes back as `csv`.
   */
  targetUri?: string;
}

export interface ExportRowsResult {
  /** The rows in the CLI's `--format csv` (RFC 4180, JSON field names as columns); empty when written to `targetUri`. */
  csv: string;
  rows: number;
}

/**
 * Sent by the client for "Export rows as CSV…": every row matching the filter (or the selected ones), not
 * one page. Errors: InvalidParams for a malformed selection, a target that is not `file:` or cannot be written.
 */
export namespace ExportRowsRequest {
  export const method = 'handshakeLens/exportRows' as const;
  export const type = new RequestType<ExportRowsParams, ExportRowsResult, void>(method);
}
