/**
 * The extension's side of the language server's capture requests. Analysis runs in the server process,
 * never on the extension host; this wraps each long request in a cancellable progress notification that
 * the server's work-done reports fill in, and hands non-`file:` captures over as content.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  AnalyzeCaptureRequest,
  AttemptDetailRequest,
  ExportPacketsRequest,
  ExportRowsRequest,
  CorrelateCapturesRequest,
  CorrelatePathRequest,
  MatchingCapturesRequest,
  HandshakePageRequest,
  TextReportRequest,
  ForgetCaptureNotification,
  StopFollowingNotification,
  type CaptureProgressParams,
  type AttemptDetail,
  type AttemptDetailParams,
  type CaptureOverview,
  type CorrelatedOverview,
  type MatchingCaptures,
  type PathOverview,
  type ExportPacketsParams,
  type ExportPacketsResult,
  type ExportRowsParams,
  type ExportRowsResult,
  type HandshakePage,
  type HandshakePageParams,
  type TextReport,
  type TextReportParams,
} from '../shared/lspExtensions.js';
import { captureContent, captureFileName } from './captureDocument.js';

/** Candidates larger than this are not scanned for matches (the pickers still list them). */
const MATCH_MAX_BYTES = 16 * 1024 * 1024;

export class CaptureAnalysis {
  /** Requests under way, so that two editors of one capture share one analysis and one notification. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Analyses waiting to hear that the server follows their capture, by URI. */
  private readonly followWaiters = new Map<string, () => void>();

  constructor(private readonly client: LanguageClient) {}

  /**
   * Rejects with vscode.CancellationError when the user cancels, or the server's ResponseError. `follow`
   * follows the capture as it is written (Resume: from where the server paused it). Once the server follows the capture
   * the progress notification goes (the editor's badge and Pause take over) while the answer waits for
   * the follow to stop.
   */
  analyze(uri: vscode.Uri, options: { follow?: boolean } = {}): Promise<CaptureOverview> {
    return this.once(`analyze ${uri} ${options.follow === true}`, async () => {
      const content = await captureContent(uri);
      let answer: Promise<CaptureOverview> | undefined;
      const followed = new Promise<void>((resolve) => this.followWaiters.set(uri.toString(), resolve));
      try {
        await this.withProgress(vscode.l10n.t('Analysing {0}', captureFileName(uri)), (workDoneToken, token) => {
          answer = this.client.sendRequest(AnalyzeCaptureRequest.type, { uri: uri.toString(), content, workDoneToken, follow: options.follow }, token);
          return Promise.race([answer, followed]).catch(() => undefined);
        });
      } finally {
        this.followWaiters.delete(uri.toString());
      }
      return answer!;
    });
  }

  /** A captureProgress notification came: a capture now followed ends its progress notification. */
  noteProgress(progress: CaptureProgressParams): void {
    if (progress.following) this.followWaiters.get(progress.uri)?.();
  }

  /** Pause: the capture ends at what its file holds now, and the analysis under way answers with it. */
  stopFollowing(uri: vscode.Uri): void {
    void this.client.sendNotification(StopFollowingNotification.type, { uri: uri.toString() });
  }

  correlate(client: vscode.Uri, server: vscode.Uri): Promise<CorrelatedOverview> {
    return this.once(`correlate ${client} ${server}`, async () => {
      const [clientContent, serverContent] = await Promise.all([captureContent(client), captureContent(server)]);
      const contents = clientContent === undefined && serverContent === undefined ? undefined : { client: clientContent, server: serverContent };
      const title = vscode.l10n.t('Correlating {0} with {1}', captureFileName(client), captureFileName(server));
      return this.withProgress(title, (workDoneToken, token) =>
        this.client.sendRequest(CorrelateCapturesRequest.type, { clientUri: client.toString(), serverUri: server.toString(), contents, workDoneToken }, token));
    });
  }

  /** The captures of a path correlated at once; `server` names the server's capture, else it is found. */
  correlatePath(uris: readonly vscode.Uri[], server: vscode.Uri | undefined): Promise<PathOverview> {
    return this.once(`path ${uris.join(' ')} ${server ?? ''}`, async () => {
      const contents: Record<string, string> = {};
      for (const uri of uris) {
        const content = await captureContent(uri);
        if (content !== undefined) contents[uri.toString()] = content;
      }
      const title = vscode.l10n.t('Correlating {0}', uris.map(captureFileName).join(', '));
      return this.withProgress(title, (workDoneToken, token) =>
        this.client.sendRequest(CorrelatePathRequest.type, { uris: uris.map(String), serverUri: server?.toString(), contents, workDoneToken }, token));
    });
  }

  /**
   * The candidates that share the capture's traffic, best first. Only `file:` candidates (the server reads
   * them itself) of at most MATCH_MAX_BYTES: each is read whole once, and offering matches must stay cheap.
   */
  async matching(uri: vscode.Uri, candidates: readonly vscode.Uri[]): Promise<MatchingCaptures> {
    const sizes = await Promise.all(candidates.map((candidate) => (candidate.scheme === 'file' ? vscode.workspace.fs.stat(candidate).then((stat) => stat.size, () => Infinity) : Infinity)));
    const readable = candidates.filter((_, index) => sizes[index] <= MATCH_MAX_BYTES).map(String);
    return this.client.sendRequest(MatchingCapturesRequest.type, { uri: uri.toString(), candidates: readable });
  }

  /**
   * The attempts of `capture` that `other` shares, whatever its size (the user chose it); null when the
   * server cannot tell (a capture it cannot read itself, or an unreadable one: the pairing says why).
   */
  async sharedAttempts(capture: vscode.Uri, other: vscode.Uri): Promise<number | null> {
    if (capture.scheme !== 'file' || other.scheme !== 'file') return null;
    const reply = await this.client.sendRequest(MatchingCapturesRequest.type, { uri: capture.toString(), candidates: [other.toString()] }).catch(() => null);
    return reply === null ? null : reply.matches.find((match) => match.uri === other.toString())?.matched ?? 0;
  }

  private once<T>(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = start().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  page(params: HandshakePageParams): Promise<HandshakePage> {
    return this.client.sendRequest(HandshakePageRequest.type, params);
  }

  detail(params: AttemptDetailParams): Promise<AttemptDetail> {
    return this.client.sendRequest(AttemptDetailRequest.type, params);
  }

  textReport(params: TextReportParams): Promise<TextReport> {
    return this.client.sendRequest(TextReportRequest.type, params);
  }

  /** Writes the attempts' packets to `target` (a file the server can reach), under a cancellable progress notification. */
  async exportPackets(uri: vscode.Uri, selection: ExportPacketsParams['selection'], target: vscode.Uri): Promise<ExportPacketsResult> {
    const content = await captureContent(uri);
    return this.withProgress(vscode.l10n.t('Exporting packets of {0}', captureFileName(uri)), (workDoneToken, token) =>
      this.client.sendRequest(ExportPacketsRequest.type, { uri: uri.toString(), content, selection, targetUri: target.toString(), workDoneToken }, token));
  }

  exportRows(params: ExportRowsParams): Promise<ExportRowsResult> {
    return this.client.sendRequest(ExportRowsRequest.type, params);
  }

  forget(uri: vscode.Uri): void {
    void this.client.sendNotification(ForgetCaptureNotification.type, { uri: uri.toString() });
  }

  /**
   * A notification with a Cancel button whose bar follows the server's percentage of bytes read. Once
   * every byte is read the server diagnoses the attempts before it answers (seconds for a million of
   * them), which the message then says rather than a "100 %" that seems stuck.
   */
  private withProgress<T>(title: string, request: (workDoneToken: string, token: vscode.CancellationToken) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const subscription = this.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end' || value.percentage === undefined) return;
        const message = value.percentage >= 100 ? vscode.l10n.t('Read. Finding the causes…') : value.message;
        progress.report({ increment: Math.max(0, value.percentage - reported), message });
        reported = Math.max(reported, value.percentage);
      });
      try {
        return await request(workDoneToken, token);
      } finally {
        subscription.dispose();
      }
    });
  }
}
