/**
 * The messages between the capture editor's webview and the extension host, in the manner of
 * vscode-hexeditor's shared protocol: one enum split into the two directions, one interface per message,
 * a union per direction. The webview says `ready` first and the host answers `init`, so nothing the host
 * sends is lost before the script has loaded. Requests carry a `requestId` that the reply repeats; rows
 * reach the webview by page (the host forwards to the language server's handshakePage), never all at once.
 */
import type {
  AttemptDetail,
  CaptureOverview,
  ClockOffsetJson,
  HandshakeFilter,
  HandshakePage,
  HandshakeSort,
  NatTranslationJson,
  RowsSelection,
} from './lspExtensions.js';
import type { DiagnosisCode } from '../analyzer/model.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import type { WebviewStrings } from './webviewStrings.js';

export enum MessageType {
  // #region to webview
  Init = 'init',
  AnalysisStarted = 'analysisStarted',
  AnalysisProgress = 'analysisProgress',
  LiveOverview = 'liveOverview',
  Overview = 'overview',
  AnalysisFailed = 'analysisFailed',
  PageReply = 'pageReply',
  DetailReply = 'detailReply',
  SelectAttempts = 'selectAttempts',
  RequestSelection = 'requestSelection',
  Suggestion = 'suggestion',
  // #endregion

  // #region from webview
  Ready = 'ready',
  RequestPage = 'requestPage',
  RequestDetail = 'requestDetail',
  CopyWiresharkFilter = 'copyWiresharkFilter',
  OpenInWireshark = 'openInWireshark',
  Correlate = 'correlate',
  CorrelateSuggested = 'correlateSuggested',
  Reanalyze = 'reanalyze',
  OpenTextReport = 'openTextReport',
  ExportAttemptPackets = 'exportAttemptPackets',
  ExportSelection = 'exportSelection',
  SelectionReply = 'selectionReply',
  PauseFollowing = 'pauseFollowing',
  ResumeFollowing = 'resumeFollowing',
  // #endregion
}

export type TimeZoneSetting = 'local' | 'utc';

/** The host's first answer to `ready`: what the page needs before any analysis result. */
export interface InitMessage {
  type: MessageType.Init;
  /** The capture's file name (last path segment), shown until the analysis names the format. */
  fileName: string;
  /** Capture size in bytes. */
  size: number;
  timeZone: TimeZoneSetting;
  /** Every label of the page in the display language (vscode.l10n on the host side). */
  strings: WebviewStrings;
}

/** The analysis is running (or waiting for the user to allow a large file): show a placeholder. */
export interface AnalysisStartedMessage {
  type: MessageType.AnalysisStarted;
}

/** How far the read of a capture is (the server's captureProgress notification). */
export interface ReadingProgress {
  /** Rows the table can page through now: attempts whose verdict is final, then those still pending. */
  rows: number;
  /** Of the rows, those not decided yet (only while the capture is followed). */
  pending: number;
  /** Attempts decided so far, of which the rows hold the first (the server keeps at most 100,000 until the end). */
  decided: number;
  /** Of the decided attempts, the failed ones. */
  failed: number;
  /** Attempts seen so far, decided or not. */
  attempts: number;
  percent: number;
  /** Epoch seconds of the earliest packet read so far, which "seconds since the start" counts from. */
  start: number | null;
  /** The capture is still being written and is followed: new attempts come as they are decided. */
  following: boolean;
}

/**
 * The capture is being read and rows decided so far can be paged through (with `generation`): show
 * them, and ask for the pages in view again at each new message. The overview replaces them.
 */
export interface AnalysisProgressMessage {
  type: MessageType.AnalysisProgress;
  progress: ReadingProgress;
  generation: number;
}

/**
 * A followed capture's causes as they stand (the server's liveOverview): the cards and charts over the
 * rows of the reading with `generation`, replaced by the next one and by the overview at Pause.
 */
export interface LiveOverviewMessage {
  type: MessageType.LiveOverview;
  overview: CaptureOverview;
  generation: number;
}

/** The correlated server capture shown beside a client capture. */
export interface CorrelationView {
  serverUri: string;
  serverFile: string;
  serverOverview: CaptureOverview;
  clockOffset: ClockOffsetJson | null;
  translations: NatTranslationJson[];
}

/** The captures of the path the shown capture was correlated along. */
export interface PathCorrelationView {
  /** File names of the captures, as given (what the rows' `path` steps index). */
  files: string[];
  /** Index of the shown capture, and of the capture at the server. */
  shown: number;
  server: number;
  /** The capture indexes in path order, the client's first. */
  order: number[];
}

/** The analysis arrived: the header, the cards and the charts; rows follow by page. */
export interface OverviewMessage {
  type: MessageType.Overview;
  overview: CaptureOverview;
  /** Diagnoses to show as cards: the pair's when correlated, otherwise the capture's own. */
  diagnoses: DiagnosisJson[];
  correlation: CorrelationView | null;
  /** Set when the capture is shown as one capture of a path; `correlation` is then null. */
  path?: PathCorrelationView | null;
  /** Increases with every overview, so that pages asked for an older one are ignored. */
  generation: number;
  /** The user paused following the capture as it is written: the page offers Resume. */
  followPaused?: boolean;
  /** A pair correlated while its capture is followed as it is written: the page shows the badge and Pause. */
  following?: boolean;
}

/** Where an unreadable capture went wrong, for the in-editor error message. */
export interface CaptureFailure {
  kind: 'unreadable' | 'cancelled' | 'declined' | 'failed';
  file: string;
  /** Byte offset of the problem (unreadable only). */
  offset: number | null;
  /** Capture size in bytes. */
  size: number;
  reason: string;
}

export interface AnalysisFailedMessage {
  type: MessageType.AnalysisFailed;
  failure: CaptureFailure;
}

export interface PageReplyMessage {
  type: MessageType.PageReply;
  requestId: number;
  /** The overview generation the page was asked for. */
  generation: number;
  page: HandshakePage | null;
}

export interface DetailReplyMessage {
  type: MessageType.DetailReply;
  requestId: number;
  detail: AttemptDetail | null;
}

/** Sent when a diagnostic is chosen in the Problems panel: select the attempts it explains. */
export interface SelectAttemptsMessage extends AttemptsToShow {
  type: MessageType.SelectAttempts;
}

/**
 * Attempts a diagnosis names: `cause` set when its ids were cut (server/sentIds.ts) and are exactly that
 * cause's attempts, which the table then filters by; otherwise the ids are selected.
 */
export interface AttemptsToShow {
  handshakeIds: number[];
  cause?: DiagnosisCode;
}

/** A command run from outside the page (the editor title's export) needs the table's selection: reply with SelectionReply. */
export interface RequestSelectionMessage {
  type: MessageType.RequestSelection;
  requestId: number;
}

/** The one capture of the workspace that clearly shares the shown capture's traffic, offered for one-click correlation. */
export interface SuggestionMessage {
  type: MessageType.Suggestion;
  file: string;
  matched: number;
  attempts: number;
}

export type ToWebviewMessage =
  | InitMessage
  | AnalysisStartedMessage
  | AnalysisProgressMessage
  | LiveOverviewMessage
  | OverviewMessage
  | AnalysisFailedMessage
  | PageReplyMessage
  | DetailReplyMessage
  | SelectAttemptsMessage
  | RequestSelectionMessage
  | SuggestionMessage;

/** The script has loaded and listens: the host may send `init`. */
export interface ReadyMessage {
  type: MessageType.Ready;
}

/** One page of table rows, filtered and sorted. */
export interface RequestPageMessage {
  type: MessageType.RequestPage;
  requestId: number;
  generation: number;
  offset: number;
  limit: number;
  filter: HandshakeFilter;
  sort: HandshakeSort;
}

/** The ladder data of one attempt. */
export interface RequestDetailMessage {
  type: MessageType.RequestDetail;
  requestId: number;
  handshakeId: number;
}

/** Put the filter on the clipboard (the webview's own clipboard access is not reliable in every host). */
export interface CopyWiresharkFilterMessage {
  type: MessageType.CopyWiresharkFilter;
  filter: string;
}

/** Open the capture in Wireshark with this display filter (or copy it where Wireshark is not installed). */
export interface OpenInWiresharkMessage {
  type: MessageType.OpenInWireshark;
  filter: string;
}

/** The header's "Correlate with server capture…" button. */
export interface CorrelateMessage {
  type: MessageType.Correlate;
}

/** The suggestion's "Correlate": pair the shown capture with the suggested one. */
export interface CorrelateSuggestedMessage {
  type: MessageType.CorrelateSuggested;
}

/** Read the file again, for example after a cancelled analysis or a declined size gate. */
export interface ReanalyzeMessage {
  type: MessageType.Reanalyze;
}

export interface OpenTextReportMessage {
  type: MessageType.OpenTextReport;
}

/** The detail pane's "Export packets…": the packets of the attempt it shows, as pcapng (the host asks where). */
export interface ExportAttemptPacketsMessage {
  type: MessageType.ExportAttemptPackets;
  handshakeId: number;
}

/**
 * The table's selected rows as the table holds them, never as a list of every id: the query they are
 * rows of, which of its rows (resolved by the language server, in the query's order), and how many.
 */
export interface TableSelection {
  filter: HandshakeFilter;
  sort: HandshakeSort;
  rows: RowsSelection;
  /** Rows selected, as the toolbar counts them. */
  count: number;
}

/** "Export selected attempts as pcapng…" or "…as CSV…": the selected rows' attempts, in the table's order. */
export interface ExportSelectionMessage {
  type: MessageType.ExportSelection;
  selection: TableSelection;
  format: 'pcapng' | 'csv';
}

/** The answer to RequestSelection: the table's selection, or null when no row is selected. */
export interface SelectionReplyMessage {
  type: MessageType.SelectionReply;
  requestId: number;
  selection: TableSelection | null;
}

/** Pause on a capture being followed: it ends at what its file holds now and its overview is shown. */
export interface PauseFollowingMessage {
  type: MessageType.PauseFollowing;
}

/** Resume after a pause: the capture is read again from its start and followed as it is written. */
export interface ResumeFollowingMessage {
  type: MessageType.ResumeFollowing;
}

export type FromWebviewMessage =
  | ReadyMessage
  | RequestPageMessage
  | RequestDetailMessage
  | CopyWiresharkFilterMessage
  | OpenInWiresharkMessage
  | CorrelateMessage
  | CorrelateSuggestedMessage
  | ReanalyzeMessage
  | OpenTextReportMessage
  | ExportAttemptPacketsMessage
  | ExportSelectionMessage
  | SelectionReplyMessage
  | PauseFollowingMessage
  | ResumeFollowingMessage;
