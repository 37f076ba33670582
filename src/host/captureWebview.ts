/**
 * The host side of one capture editor's webview: answers `ready` with `init`, fetches the analysis (or
 * the correlation when the capture is paired with a server capture) and forwards the table's page and
 * detail requests to the language server. Nothing here parses captures.
 */
import * as vscode from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { CAPTURE_UNREADABLE_ERROR, type CaptureOverview, type CaptureProgressParams, type CapturePathRef, type CorrelatedOverview, type HandshakeFilter, type HandshakeSort, type PathOverview } from '../shared/lspExtensions.js';
import {
  MessageType,
  type AttemptsToShow,
  type FromWebviewMessage,
  type OverviewMessage,
  type TableSelection,
  type ToWebviewMessage,
} from '../shared/webviewProtocol.js';
import type { CaptureAnalysis } from './captureAnalysis.js';
import { captureFileName, type CaptureDocument } from './captureDocument.js';
import { captureFailure } from './captureFailure.js';
import type { CapturePairings, CapturePath } from './capturePairings.js';
import { CAPTURE_GLOB } from './captureFileNames.js';
import { Commands } from './commandIds.js';
import { openInWireshark } from './openInWireshark.js';
import { mayReadCapture } from './sizeGate.js';
import { timeZone } from './settings.js';
import { webviewStrings } from './webviewStrings.js';

export interface CaptureWebviewServices {
  analysis: CaptureAnalysis;
  pairings: CapturePairings;
}

/** Enough workspace captures to find the one sharing the traffic without scanning a huge workspace. */
const SUGGESTION_CANDIDATES = 50;

export class CaptureWebview implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private ready = false;
  private loading = false;
  /** A pairing arrived while an analysis was running: look again when it ends. */
  private refreshWhenDone = false;
  private generation = 0;
  /** The generation of the rows shown while the capture is read, once its first progress came. */
  private readingGeneration: number | undefined;
  /** The server capture the shown rows are correlated with, if any. */
  private shownServer: string | undefined;
  /** The path the shown rows are correlated along, if any (then there is no `shownServer`). */
  private shownPath: CapturePathRef | undefined;
  /** The capture the suggestion offers, until the page is shown anew. */
  private suggested: { uri: vscode.Uri; vantage: 'client' | 'server' } | undefined;
  private shownOverview = false;
  /** Where the shown capture was taken, as its analysis says: a server capture is paired with a client one. */
  private shownVantage: 'client' | 'server' = 'client';
  /** A selection asked for before the rows were there (Problems panel before the analysis finished). */
  private pendingSelection: AttemptsToShow | undefined;
  /** The table's filter and sort as its last page request had them: what "Export rows as CSV…" writes. */
  private tableQuery: { filter: HandshakeFilter; sort: HandshakeSort } | undefined;
  /** Selection requests to the page waiting for its reply, by request id. */
  private readonly selectionReplies = new Map<number, (selection: TableSelection | null) => void>();
  private nextSelectionRequest = 1;
  /** The user paused following the capture as it is written: the overview offers Resume. */
  private followPaused = false;
  /** The capture read now is followed as it is written (its last captureProgress said so). */
  private following = false;
  private disposed = false;

  constructor(
    private readonly document: CaptureDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly services: CaptureWebviewServices,
  ) {
    this.subscriptions.push(panel.webview.onDidReceiveMessage((message: FromWebviewMessage) => this.onMessage(message)));
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  get isActive(): boolean {
    return this.panel.active;
  }

  /** What the table shows: the rows' view (the pairing) and its filter and sort, for an export of the rows. */
  get shownRows(): { pairedServerUri: string | undefined; path?: CapturePathRef; filter?: HandshakeFilter; sort?: HandshakeSort } {
    return { pairedServerUri: this.shownServer, ...(this.shownPath ? { path: this.shownPath } : {}), ...this.tableQuery };
  }

  /** The view the page and detail requests name. */
  private get viewParams(): { uri: string; pairedServerUri?: string; path?: CapturePathRef } {
    return { uri: this.uri.toString(), pairedServerUri: this.shownServer, ...(this.shownPath ? { path: this.shownPath } : {}) };
  }

  /** The view the table's rows are of: a selection of them names its rows by their positions in it. */
  get shownView(): { pairedServerUri?: string; path?: CapturePathRef } {
    return { ...(this.shownServer !== undefined ? { pairedServerUri: this.shownServer } : {}), ...(this.shownPath ? { path: this.shownPath } : {}) };
  }

  /**
   * The table's selection, asked of the page: only it knows it, as a description of its rows (every row
   * but some, ranges of positions) that the language server resolves. Null when nothing is selected or
   * no rows are shown.
   */
  selectedRows(): Promise<TableSelection | null> {
    if (!this.ready || !this.shownOverview) return Promise.resolve(null);
    const requestId = this.nextSelectionRequest++;
    return new Promise((resolve) => {
      this.selectionReplies.set(requestId, resolve);
      this.post({ type: MessageType.RequestSelection, requestId });
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Selects these attempts in the table (from a diagnostic chosen in the Problems panel). */
  selectAttempts(attempts: AttemptsToShow): void {
    if (this.ready && this.shownOverview) this.post({ type: MessageType.SelectAttempts, ...attempts });
    else this.pendingSelection = attempts;
  }

  /** Analyses again, or correlates when a pairing now exists; `onlyIfPairingChanged` skips a refresh the view already shows. */
  async refresh(options: { onlyIfPairingChanged?: boolean; follow?: boolean } = {}): Promise<void> {
    if (!this.ready) return;
    const server = this.services.pairings.serverFor(this.uri);
    if (this.loading) {
      // Correlated while it is followed: the pair is shown as the capture grows; otherwise once it is read.
      if (this.following && server && !this.services.pairings.pathFor(this.uri)) void this.correlateWhileFollowing(server);
      else this.refreshWhenDone = true;
      return;
    }
    const path = this.services.pairings.pathFor(this.uri);
    const pathRef = path && { uris: path.uris.map(String), serverUri: path.server?.toString() };
    if (options.onlyIfPairingChanged && server?.toString() === this.shownServer && JSON.stringify(pathRef) === JSON.stringify(this.shownPath) && this.shownOverview) return;
    this.loading = true;
    try {
      // While the size question is open the page says the capture was not read (with its own button),
      // not that it is being analysed.
      const notRead = () => this.post({ type: MessageType.AnalysisFailed, failure: { kind: 'declined', file: this.document.fileName, size: this.document.size, offset: null, reason: '' } });
      if (!(await mayReadCapture(this.document, notRead))) {
        notRead();
        return;
      }
      this.post({ type: MessageType.AnalysisStarted });
      this.readingGeneration = undefined;
      if (path) {
        this.showPath(path, await this.services.analysis.correlatePath(path.uris, path.server));
      } else if (server) {
        this.showCorrelated(server, await this.services.analysis.correlate(this.uri, server));
      } else {
        const overview = await this.services.analysis.analyze(this.uri, { follow: options.follow });
        if (this.services.pairings.serverFor(this.uri)) {
          // Correlated while it was followed: the pair is correlated again on the analysis of Pause.
          this.shownServer = undefined;
          this.refreshWhenDone = true;
        } else {
          const followPaused = this.followPaused ? { followPaused: true } : {};
          this.showOverview({ type: MessageType.Overview, overview, diagnoses: overview.diagnoses, correlation: null, generation: ++this.generation, ...followPaused }, undefined);
          void this.suggest(overview.vantage);
        }
      }
    } catch (error) {
      if ((path || server) && this.endsFailedPairing(error)) {
        this.loading = false;
        await this.refresh();
        return;
      }
      this.shownOverview = false;
      this.post({ type: MessageType.AnalysisFailed, failure: captureFailure(this.document, error) });
    } finally {
      this.loading = false;
      this.readingGeneration = undefined;
      this.following = false;
    }
    if (this.refreshWhenDone) {
      this.refreshWhenDone = false;
      await this.refresh({ onlyIfPairingChanged: true });
    }
  }

  /**
   * The server is reading this capture for its analysis and rows decided so far can be paged through:
   * the table shows them, until the overview replaces them. A correlation shows its rows at the end.
   */
  showProgress(progress: CaptureProgressParams): void {
    if (this.loading) this.following = progress.following;
    if (!this.ready || !this.loading || this.services.pairings.serverFor(this.uri)) return;
    if (this.readingGeneration === undefined) {
      this.readingGeneration = ++this.generation;
      this.shownServer = undefined;
    }
    const { rows, pending, decided, failed, attempts, percent, start, following } = progress;
    this.post({ type: MessageType.AnalysisProgress, progress: { rows, pending, decided, failed, attempts, percent, start, following }, generation: this.readingGeneration });
  }

  /**
   * The causes of a followed capture as they stand (liveOverview): shown over its rows while it is
   * followed, until the overview at Pause replaces them.
   */
  showLiveOverview(overview: CaptureOverview): void {
    if (!this.ready || !this.loading || this.readingGeneration === undefined || this.services.pairings.serverFor(this.uri)) return;
    this.post({ type: MessageType.LiveOverview, overview, generation: this.readingGeneration });
  }

  /**
   * The pair of a capture followed as it is written, correlated on what it holds so far; the server
   * correlates it again as it grows (showLivePair) and the analysis at Pause ends it.
   */
  private async correlateWhileFollowing(server: vscode.Uri): Promise<void> {
    try {
      const correlated = await this.services.analysis.correlate(this.uri, server);
      if (this.loading && this.services.pairings.serverFor(this.uri)?.toString() === server.toString()) this.showCorrelated(server, correlated, true);
    } catch (error) {
      if (!this.endsFailedPairing(error)) this.post({ type: MessageType.AnalysisFailed, failure: captureFailure(this.document, error) });
    }
  }

  /** The pair shown, correlated again on its followed captures' new snapshots (livePairOverview). */
  showLivePair(serverUri: string, correlated: CorrelatedOverview): void {
    if (!this.ready || !this.loading || this.shownServer !== serverUri) return;
    this.showCorrelated(vscode.Uri.parse(serverUri), correlated, true);
  }

  private showCorrelated(server: vscode.Uri, correlated: CorrelatedOverview, following = false): void {
    this.showOverview({
      type: MessageType.Overview,
      overview: correlated.client,
      diagnoses: correlated.diagnoses,
      correlation: {
        serverUri: server.toString(),
        serverFile: captureFileName(server),
        serverOverview: correlated.server,
        clockOffset: correlated.clockOffset,
        translations: correlated.translations,
      },
      generation: ++this.generation,
      ...(following ? { following: true } : {}),
    }, server.toString());
  }

  /**
   * A correlation that failed for another reason than this capture itself (a partner gone or unreadable
   * since the pairing was remembered, captures that share nothing) ends the pairing, says why once, and
   * the capture is shown alone. True when it did.
   */
  private endsFailedPairing(error: unknown): boolean {
    // Only what the server answered: a stopped server or a cancel says nothing about the pairing.
    if (!(error instanceof ResponseError)) return false;
    const unreadable = error.code === CAPTURE_UNREADABLE_ERROR;
    if (unreadable && (error.data as { uri?: unknown } | undefined)?.uri === this.uri.toString()) return false;
    if (!unreadable && error.code !== ErrorCodes.InvalidParams) return false;
    if (this.services.pairings.unpair(this.uri)) void vscode.window.showErrorMessage(vscode.l10n.t('The captures were not correlated: {0}', error.message));
    return true;
  }

  private showPath(path: CapturePath, correlated: PathOverview): void {
    const shown = path.uris.findIndex((uri) => uri.toString() === this.uri.toString());
    const overview = correlated.captures[shown];
    this.showOverview({
      type: MessageType.Overview,
      overview,
      diagnoses: overview.diagnoses,
      correlation: null,
      path: { files: path.uris.map(captureFileName), shown, server: correlated.server, order: correlated.order },
      generation: ++this.generation,
    }, undefined, { uris: path.uris.map(String), serverUri: path.server?.toString() });
  }

  /**
   * Offers the one workspace capture that clearly shares this capture's traffic (by its SYNs), for a
   * one-click pairing; says nothing when none or several do.
   */
  private async suggest(vantage: 'client' | 'server'): Promise<void> {
    const generation = this.generation;
    const candidates = await vscode.workspace.findFiles(CAPTURE_GLOB, '**/node_modules/**', SUGGESTION_CANDIDATES);
    const matches = await this.services.analysis.matching(this.uri, candidates).catch(() => null);
    const clear = matches?.matches.find((match) => match.uri === matches.clear);
    if (!clear || generation !== this.generation || this.shownServer !== undefined || this.shownPath !== undefined) return;
    const uri = vscode.Uri.parse(clear.uri);
    this.suggested = { uri, vantage };
    this.post({ type: MessageType.Suggestion, file: captureFileName(uri), matched: clear.matched, attempts: clear.attempts });
  }

  private showOverview(message: OverviewMessage, server: string | undefined, path?: CapturePathRef): void {
    this.shownServer = server;
    this.shownPath = path;
    this.suggested = undefined;
    this.shownVantage = message.overview.vantage;
    this.shownOverview = true;
    this.post(message);
    if (this.pendingSelection) {
      this.post({ type: MessageType.SelectAttempts, ...this.pendingSelection });
      this.pendingSelection = undefined;
    }
  }

  /** The language server died: what the editor shows is gone with it until the new one has analysed again. */
  showServerStopped(): void {
    if (!this.ready) return;
    this.shownOverview = false;
    this.post({ type: MessageType.AnalysisFailed, failure: { kind: 'failed', file: this.document.fileName, size: this.document.size, offset: null, reason: vscode.l10n.t('The analysis server stopped; it is being restarted, and the capture will be analysed again.') } });
  }

  /** Sends the settings again (time zone) and fetches the overview anew (explanation language). */
  async reload(): Promise<void> {
    if (!this.ready) return;
    this.postInit();
    await this.refresh();
  }

  private postInit(): void {
    this.post({ type: MessageType.Init, fileName: this.document.fileName, size: this.document.size, timeZone: timeZone(), strings: webviewStrings() });
  }

  private async onMessage(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case MessageType.Ready:
        this.ready = true;
        this.postInit();
        await this.refresh();
        return;
      case MessageType.RequestPage: {
        this.tableQuery = { filter: message.filter, sort: message.sort };
        const page = await this.services.analysis.page({
          ...this.viewParams,
          offset: message.offset,
          limit: message.limit,
          filter: message.filter,
          sort: message.sort,
        }).catch(() => null);
        this.post({ type: MessageType.PageReply, requestId: message.requestId, generation: message.generation, page });
        return;
      }
      case MessageType.RequestDetail: {
        const detail = await this.services.analysis.detail({ ...this.viewParams, id: message.handshakeId }).catch(() => null);
        this.post({ type: MessageType.DetailReply, requestId: message.requestId, detail });
        return;
      }
      case MessageType.CopyWiresharkFilter:
        await vscode.commands.executeCommand(Commands.copyWiresharkFilter, message.filter);
        return;
      case MessageType.OpenInWireshark:
        await openInWireshark(this.uri, message.filter);
        return;
      case MessageType.Correlate:
        if (this.shownServer === undefined && this.shownVantage === 'server') await vscode.commands.executeCommand(Commands.correlateCaptures, undefined, this.uri);
        else await vscode.commands.executeCommand(Commands.correlateWithServerCapture, this.uri);
        return;
      case MessageType.CorrelateSuggested: {
        if (!this.suggested) return;
        // A server capture is the server side of the pairing it is offered for; any other, the client side.
        const { uri, vantage } = this.suggested;
        const [client, server] = vantage === 'server' ? [uri, this.uri] : [this.uri, uri];
        await vscode.commands.executeCommand(Commands.correlateCaptures, client, server);
        return;
      }
      case MessageType.Reanalyze:
        this.document.sizeConsent = true;
        await this.refresh();
        return;
      case MessageType.PauseFollowing:
        this.followPaused = true;
        this.services.analysis.stopFollowing(this.uri);
        return;
      case MessageType.ResumeFollowing:
        this.followPaused = false;
        await this.refresh({ follow: true });
        return;
      case MessageType.OpenTextReport:
        await vscode.commands.executeCommand(Commands.openTextReport, this.uri);
        return;
      case MessageType.ExportAttemptPackets:
        await vscode.commands.executeCommand(Commands.exportSelectedPackets, this.uri, message.handshakeId);
        return;
      case MessageType.SelectionReply:
        this.selectionReplies.get(message.requestId)?.(message.selection);
        this.selectionReplies.delete(message.requestId);
        return;
      case MessageType.ExportSelection:
        await vscode.commands.executeCommand(message.format === 'csv' ? Commands.exportRowsCsv : Commands.exportSelectedPackets, this.uri, message.selection);
        return;
    }
  }

  private post(message: ToWebviewMessage): void {
    // A followed capture's analysis answers when its editor closes, after the panel is gone.
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.disposed = true;
    for (const resolve of this.selectionReplies.values()) resolve(null);
    this.selectionReplies.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
