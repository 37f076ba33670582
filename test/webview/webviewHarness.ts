/**
 * Renders the capture editor's real webview bundle outside VS Code: a local HTTP server serves the page
 * with the extension's Content Security Policy, and a host shim in this process answers the page's
 * messages the way src/host/captureWebview.ts does, from the real language server (over a real LSP
 * connection) analysing the real sample captures. Nothing the page shows is made up here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  AnalyzeCaptureRequest, AttemptDetailRequest, CaptureProgressNotification, LiveOverviewNotification, CorrelateCapturesRequest, CorrelatePathRequest, ExportPacketsRequest, ExportRowsRequest, HandshakePageRequest,
  StopFollowingNotification, type HandshakeFilter, type HandshakePage, type HandshakeSort,
} from '../../src/shared/lspExtensions.js';
import { MessageType, type FromWebviewMessage, type OverviewMessage, type TableSelection, type ToWebviewMessage } from '../../src/shared/webviewProtocol.js';
import { ENGLISH_STRINGS, translatedStrings } from '../../src/shared/webviewStrings.js';
import { captureSetPaths, CAPTURE_SET_SCHEME } from '../../src/shared/captureSetUri.js';
import { editorPageHtml } from '../../src/host/editorPage.js';
import zhCnBundle from '../../l10n/bundle.l10n.zh-cn.json';
import { ServerClient, sampleUri } from '../unit/serverClient.js';
import { CancellationTokenSource, WorkDoneProgress } from 'vscode-languageserver-protocol/node.js';
import { DIAGNOSING_MESSAGE } from '../../src/server/workDoneProgress.js';
import { themeStylesheet, type ThemeKind } from './themes.js';

const ROOT = join(__dirname, '..', '..');
const ZH_CN: Record<string, string> = zhCnBundle;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

export interface OpenOptions {
  /** A sample name (samples/…) or an absolute file path. */
  capture: string;
  /** The server-side capture to correlate with, as "Correlate captures" does. */
  server?: string;
  /** Captures of one path (absolute paths or samples), `capture` among them, as "Correlate captures along a path" does. */
  path?: string[];
  theme?: ThemeKind;
  viewport?: { width: number; height: number };
  /** Runs in the page before its scripts (a test's recorder of what the page shows over time). */
  beforeLoad?: () => void;
  /**
   * The host answers the table's pages from these rows instead of the language server's (a result larger
   * than a test machine can analyse); the overview is still the real one of `capture`, with their total.
   */
  rows?: GeneratedRows;
  /** The first analysis is cancelled once its attempts are being diagnosed, as Cancel on the progress notification does then. */
  cancelDiagnosis?: boolean;
}

/** Rows a test makes on demand by position, for whatever filter and sort the table asks. */
export interface GeneratedRows {
  total: number;
  /** Packets of the capture they stand for (the overview's), which the largest frame number reaches. */
  packets?: number;
  page(offset: number, limit: number, filter: HandshakeFilter, sort: HandshakeSort): HandshakePage;
}

/** An export the page asked for, carried out as the host's commands do: by the language server, into a temp folder. */
export interface HarnessExport {
  format: 'pcapng' | 'csv';
  selection: TableSelection;
  file: string;
}

export interface OpenedEditor {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far (the test expects none). */
  problems: string[];
  /** Every message the page posted, in order. */
  received: FromWebviewMessage[];
  /** The bytes of each of them as JSON, what the host side received. */
  receivedBytes: number[];
  /** The exports done for ExportSelection messages, once written. */
  exports: HarnessExport[];
}

/** What the shim keeps per page. */
interface PageSession extends OpenedEditor {
  /** The page paused following its capture: the overview offers Resume. */
  followPaused: boolean;
  /** Whether the next analysis is to be cancelled once it diagnoses (OpenOptions.cancelDiagnosis, the first one only). */
  cancelDiagnosis: boolean;
}

/** A sample's name, an absolute path, or a capture set's URI (captureSetUri.ts) as the host names it. */
function captureUri(name: string): string {
  if (name.startsWith(`${CAPTURE_SET_SCHEME}:`)) return name;
  return name.startsWith('/') ? `file://${name}` : sampleUri(name);
}

/** The generation of the rows shown while a capture is read, and of its overview after. */
const READING_GENERATION = 1;
const OVERVIEW_GENERATION = 2;

/** The title and size the host gives the page: a set's are its folder's name and its files' sizes. */
async function fileFacts(uri: string): Promise<{ fileName: string; size: number }> {
  const setPaths = captureSetPaths(uri);
  if (setPaths === null) return { fileName: basename(fileURLToPath(uri)), size: (await stat(fileURLToPath(uri))).size };
  const sizes = await Promise.all(setPaths.map(async (path) => (await stat(path)).size));
  const folder = uri.slice(`${CAPTURE_SET_SCHEME}:`.length).replace(/\?.*$/, '');
  return { fileName: basename(decodeURIComponent(folder)), size: sizes.reduce((total, size) => total + size, 0) };
}

export class WebviewHarness {
  /** Where the server's captureProgress notifications go: the page that asked for that capture. */
  private readonly progressTargets = new Map<string, (message: ToWebviewMessage) => Promise<unknown>>();

  private constructor(private readonly http: Server, readonly origin: string, readonly server: ServerClient, readonly language: 'en' | 'zh-cn') {
    // As the host does: each snapshot of the rows decided so far becomes an AnalysisProgress message.
    server.connection.onNotification(CaptureProgressNotification.type, ({ uri, rows, pending, decided, failed, attempts, percent, start, following }) => {
      const progress = { rows, pending, decided, failed, attempts, percent, start, following };
      void this.progressTargets.get(uri)?.({ type: MessageType.AnalysisProgress, progress, generation: READING_GENERATION });
    });
    // And each liveOverview of a followed capture a LiveOverview message over those rows.
    server.connection.onNotification(LiveOverviewNotification.type, ({ uri, overview }) => {
      void this.progressTargets.get(uri)?.({ type: MessageType.LiveOverview, overview, generation: READING_GENERATION });
    });
  }

  /** `language`: the explanation language of the server and of the labels (as the host picks them). */
  static async start(language: 'en' | 'zh-cn' = 'en'): Promise<WebviewHarness> {
    const server = await ServerClient.start({ explanationLanguage: language });
    const http = createServer((request, response) => {
      void serve(request.url ?? '/', `http://${request.headers.host}`).then(
        ({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    return new WebviewHarness(http, `http://127.0.0.1:${port}`, server, language);
  }

  async open(browser: Browser, options: OpenOptions): Promise<OpenedEditor> {
    const theme = options.theme ?? 'light';
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1500, height: 1300 }, colorScheme: theme === 'light' ? 'light' : 'dark' });
    const page = await context.newPage();
    const problems: string[] = [];
    const session: PageSession = { page, problems, received: [], receivedBytes: [], exports: [], followPaused: false, cancelDiagnosis: options.cancelDiagnosis === true };
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.exposeBinding('handshakeLensHost', (_source, message: FromWebviewMessage) => {
      session.received.push(message);
      session.receivedBytes.push(Buffer.byteLength(JSON.stringify(message)));
      void this.answer(session, options, message).catch((error: unknown) => problems.push(`host: ${String(error)}`));
    });
    await page.exposeBinding('handshakeLensCspViolation', (_source, text: string) => { problems.push(`csp: ${text}`); });
    if (options.beforeLoad) await page.addInitScript(options.beforeLoad);
    await page.goto(`${this.origin}/editor?theme=${theme}`);
    return session;
  }

  /**
   * Asks the page for the table's selection, as the host does for the editor title's "Export packets of the
   * selected attempts…", and resolves with its SelectionReply.
   */
  async requestSelection(editor: OpenedEditor): Promise<TableSelection | null> {
    const requestId = 1 + editor.received.filter((message) => message.type === MessageType.SelectionReply).length;
    const request: ToWebviewMessage = { type: MessageType.RequestSelection, requestId };
    await editor.page.evaluate((m) => window.postMessage(m, '*'), request);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const reply = editor.received.find((message) => message.type === MessageType.SelectionReply && message.requestId === requestId);
      if (reply?.type === MessageType.SelectionReply) return reply.selection;
      if (Date.now() > deadline) throw new Error('the page did not answer RequestSelection');
      await editor.page.waitForTimeout(20);
    }
  }

  /** The host side of one message, as CaptureWebview answers it. */
  private async answer(session: PageSession, options: OpenOptions, message: FromWebviewMessage): Promise<void> {
    const { page } = session;
    const uri = captureUri(options.capture);
    const serverUri = options.server ? captureUri(options.server) : undefined;
    const path = options.path ? { uris: options.path.map(captureUri) } : undefined;
    const post = (reply: ToWebviewMessage) => page.evaluate((m) => window.postMessage(m, '*'), reply);
    const connection = this.server.connection;
    switch (message.type) {
      case MessageType.Ready: {
        const { fileName, size } = await fileFacts(uri);
        await post({ type: MessageType.Init, fileName, size, timeZone: 'utc', strings: this.language === 'zh-cn' ? translatedStrings((english) => ZH_CN[english] ?? english) : ENGLISH_STRINGS });
        await post({ type: MessageType.AnalysisStarted });
        this.progressTargets.set(uri, post);
        try {
          const overview = path ? await this.alongPath(uri, path.uris) : serverUri ? await this.correlated(uri, serverUri) : await this.single(uri, session);
          const { rows } = options;
          const capture = rows?.packets === undefined ? overview.overview.capture : { ...overview.overview.capture, packets: rows.packets };
          await post(rows ? { ...overview, overview: { ...overview.overview, totalHandshakes: rows.total, capture } } : overview);
        } catch (error) {
          this.progressTargets.delete(uri);
          const data = (error as { data?: { offset?: number; reason?: string } }).data;
          await post({ type: MessageType.AnalysisFailed, failure: { kind: 'unreadable', file: fileName, size, offset: data?.offset ?? null, reason: data?.reason ?? String(error) } });
        }
        return;
      }
      case MessageType.RequestPage: {
        if (options.rows) {
          const generated = options.rows.page(message.offset, message.limit, message.filter, message.sort);
          await post({ type: MessageType.PageReply, requestId: message.requestId, generation: message.generation, page: generated });
          return;
        }
        const page_ = await connection.sendRequest(HandshakePageRequest.type, {
          uri, pairedServerUri: serverUri, path, offset: message.offset, limit: message.limit, filter: message.filter, sort: message.sort,
        });
        await post({ type: MessageType.PageReply, requestId: message.requestId, generation: message.generation, page: page_ });
        return;
      }
      case MessageType.RequestDetail: {
        // Generated rows have no packets behind them: the detail pane is told so.
        if (options.rows) {
          await post({ type: MessageType.DetailReply, requestId: message.requestId, detail: null });
          return;
        }
        const detail = await connection.sendRequest(AttemptDetailRequest.type, { uri, pairedServerUri: serverUri, path, id: message.handshakeId });
        await post({ type: MessageType.DetailReply, requestId: message.requestId, detail });
        return;
      }
      case MessageType.ExportSelection: {
        // As "Export packets of the selected attempt…" and "Export rows as CSV…" do with the selection, minus the save dialog.
        const file = join(await mkdtemp(join(tmpdir(), 'handshake-lens-export-')), `selection.${message.format}`);
        const { filter, sort, rows } = message.selection;
        if (message.format === 'pcapng') {
          const selection = { kind: 'rows' as const, pairedServerUri: serverUri, path, filter, sort, rows };
          await connection.sendRequest(ExportPacketsRequest.type, { uri, selection, targetUri: pathToFileURL(file).toString() });
        } else {
          await connection.sendRequest(ExportRowsRequest.type, { uri, pairedServerUri: serverUri, path, filter, sort, selection: rows, targetUri: pathToFileURL(file).toString() });
        }
        session.exports.push({ format: message.format, selection: message.selection, file });
        return;
      }
      case MessageType.PauseFollowing:
        session.followPaused = true;
        await connection.sendNotification(StopFollowingNotification.type, { uri });
        return;
      case MessageType.Reanalyze:
        // As CaptureWebview.refresh: the page shows the analysis under way, then the new overview.
        await post({ type: MessageType.AnalysisStarted });
        await post(await this.single(uri, session));
        return;
      case MessageType.ResumeFollowing:
        session.followPaused = false;
        await post({ type: MessageType.AnalysisStarted });
        this.progressTargets.set(uri, post);
        await post(await this.single(uri, session, true));
        return;
      default:
        // Clipboard, correlate and text report belong to VS Code; the browser test checks the page only.
        return;
    }
  }

  /** `follow`: Resume, which reads the capture again and follows it. */
  private async single(uri: string, session: PageSession, follow = false): Promise<OverviewMessage> {
    const cancel = new CancellationTokenSource();
    const workDoneToken = `harness-${randomBytes(6).toString('hex')}`;
    const cancelOnDiagnosis = session.cancelDiagnosis;
    session.cancelDiagnosis = false;
    const progress = this.server.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (cancelOnDiagnosis && value.kind === 'report' && value.message === DIAGNOSING_MESSAGE) cancel.cancel();
    });
    const overview = await this.server.connection.sendRequest(AnalyzeCaptureRequest.type, { uri, workDoneToken, ...(follow ? { follow } : {}) }, cancel.token)
      .finally(() => progress.dispose());
    this.progressTargets.delete(uri);
    const followPaused = session.followPaused ? { followPaused: true } : {};
    return { type: MessageType.Overview, overview, diagnoses: overview.diagnoses, correlation: null, generation: OVERVIEW_GENERATION, ...followPaused };
  }

  private async alongPath(uri: string, uris: string[]): Promise<OverviewMessage> {
    const path = await this.server.connection.sendRequest(CorrelatePathRequest.type, { uris });
    const shown = uris.indexOf(uri);
    const overview = path.captures[shown];
    const files = uris.map((other) => basename(fileURLToPath(other)));
    return { type: MessageType.Overview, overview, diagnoses: overview.diagnoses, correlation: null, path: { files, shown, server: path.server, order: path.order }, generation: 1 };
  }

  private async correlated(clientUri: string, serverUri: string): Promise<OverviewMessage> {
    const pair = await this.server.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri, serverUri });
    return {
      type: MessageType.Overview,
      overview: pair.client,
      diagnoses: pair.diagnoses,
      correlation: { serverUri, serverFile: basename(fileURLToPath(serverUri)), serverOverview: pair.server, clockOffset: pair.clockOffset, translations: pair.translations },
      generation: OVERVIEW_GENERATION,
    };
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.http.close(resolve));
    await this.server.stop();
  }
}

/** The extension's own page, with the harness's shim and theme in front. */
function editorPage(origin: string, theme: ThemeKind): string {
  return editorPageHtml({
    nonce: randomBytes(18).toString('base64'),
    cspSource: origin,
    lang: 'en',
    styles: [`${origin}/theme-${theme}.css`, `${origin}/dist/webview.css`],
    scripts: [`${origin}/shim.js`, `${origin}/dist/webview.js`],
    bodyClass: `vscode-${theme}`,
  });
}

/**
 * Stands in for VS Code's acquireVsCodeApi and reports CSP violations to the test. The webview state lives
 * in sessionStorage, so a reload keeps it as VS Code keeps a custom editor's.
 */
const SHIM = `
window.acquireVsCodeApi = () => ({
  postMessage: (message) => window.handshakeLensHost(message),
  getState: () => JSON.parse(sessionStorage.getItem('webviewState') ?? 'null') ?? undefined,
  setState: (state) => sessionStorage.setItem('webviewState', JSON.stringify(state)),
});
document.addEventListener('securitypolicyviolation', (event) => window.handshakeLensCspViolation(event.violatedDirective + ' ' + event.blockedURI));
`;

async function serve(url: string, origin: string): Promise<{ status: number; type: string; body: string | Buffer }> {
  const path = new URL(url, origin).pathname;
  const asked = new URL(url, origin).searchParams.get('theme');
  const theme: ThemeKind = asked === 'dark' || asked === 'high-contrast' ? asked : 'light';
  if (path === '/editor') return { status: 200, type: 'text/html', body: editorPage(origin, theme) };
  // Chromium asks for it on its own; an answer keeps the console free of 404s the page did not cause.
  if (path === '/favicon.ico') return { status: 200, type: 'image/x-icon', body: '' };
  if (path === '/shim.js') return { status: 200, type: 'text/javascript', body: SHIM };
  const themeMatch = /^\/theme-(light|dark|high-contrast)\.css$/.exec(path);
  if (themeMatch) return { status: 200, type: 'text/css', body: themeStylesheet(themeMatch[1] as ThemeKind) };
  const distMatch = /^\/dist\/([\w.-]+)$/.exec(path);
  if (distMatch) return { status: 200, type: TYPES[extname(distMatch[1]!)] ?? 'application/octet-stream', body: await readFile(join(ROOT, 'dist', distMatch[1]!)) };
  return { status: 404, type: 'text/plain', body: 'not found' };
}
