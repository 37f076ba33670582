/**
 * The custom requests about captures (src/shared/lspExtensions.ts): analysing, correlating, paging,
 * attempt details and text reports, all answered from the capture store once a capture has been read;
 * pages and details also while it is read, from the attempts decided so far.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node.js';
import {
  AnalyzeCaptureRequest, AttemptDetailRequest, CaptureChangedNotification, CaptureProgressNotification, CorrelateCapturesRequest, ForgetCaptureNotification,
  HandshakePageRequest, LiveOverviewNotification, LivePairOverviewNotification, StopFollowingNotification, TextReportRequest, type AttemptDetail, type CaptureProgressParams, type CapturePathRef,
} from '../shared/lspExtensions.js';
import { textReportUri } from '../shared/textReportUri.js';
import { ladderPackets, orderLadderPackets } from './attemptLadder.js';
import { pathLadder } from './pathLadder.js';
import { correlatedOverview, captureOverview } from './captureOverview.js';
import type { CaptureStore, ReadOptions } from './captureStore.js';
import type { AttemptRows } from './attemptRows.js';
import type { PartialView } from './partialView.js';
import type { CaptureView } from './captureView.js';
import type { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import type { HandshakeQuery } from './handshakeQuery.js';
import { asResponseError, notAnalysed } from './requestErrors.js';
import { renderReport } from './textReport/renderReport.js';
import { reportWords } from './textReport/reportWords.js';
import { ReadProgress } from './workDoneProgress.js';
import { wiresharkFilter } from './wiresharkFilter.js';

/** The last path segment of a URI, as the user knows the file. */
export function uriFileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || uri;
  } catch {
    return name || uri;
  }
}

export function readOptions(token: CancellationToken, content: string | undefined, onProgress: (bytesRead: number, total: number) => void): ReadOptions {
  return { content, onProgress, isCancelled: () => token.isCancellationRequested };
}

/**
 * Once every capture of a request is read: reports that the diagnosis begins and gives its Cancel. Cancel
 * pressed while reading stopped the reads (what they read is diagnosed); pressed from here on, it stops
 * the diagnosis or correlation.
 */
export function cancelledAfterReads(token: CancellationToken, progress: ReadProgress): () => boolean {
  const cancelledReading = token.isCancellationRequested;
  progress.diagnosing();
  return () => !cancelledReading && token.isCancellationRequested;
}

/** The notification that a snapshot of the rows decided so far is there to page through. */
function progressParams(uri: string, { partial }: PartialView): CaptureProgressParams {
  const { decided, decidedCount, pending, failed, attempts, bytesRead, size, start, following } = partial;
  const percent = size > 0 ? Math.min(100, Math.floor((100 * bytesRead) / size)) : 100;
  return { uri, rows: decided.length + pending.length, pending: pending.length, decided: decidedCount, failed, attempts, bytesRead, size, percent, start, following };
}

/** `onChanged` runs after a capture was analysed, correlated or forgotten (open text reports follow). */
export function registerCaptureRequests(connection: Connection, store: CaptureStore, query: HandshakeQuery, publisher: DiagnosticsPublisher, onChanged: () => void): void {
  store.onLivePair = (pair, clientUri, serverUri) => {
    publisher.publishPair(pair);
    void connection.sendNotification(LivePairOverviewNotification.type, { clientUri, serverUri, overview: correlatedOverview(pair) });
  };

  /** Who is missing when a view cannot be built: a capture of the path, the paired server capture, or the capture itself. */
  const missing = (uri: string, pairedServerUri?: string, path?: CapturePathRef): string =>
    path?.uris.find((other) => !store.has(other)) ?? (pairedServerUri !== undefined && store.has(uri) ? pairedServerUri : uri);
  const viewOrThrow = (uri: string, pairedServerUri?: string, path?: CapturePathRef): CaptureView => {
    const view = store.view(uri, pairedServerUri, path);
    if (!view) throw notAnalysed(missing(uri, pairedServerUri, path));
    return view;
  };
  /** Rows of a finished analysis, or those decided so far of a capture still being read. */
  const rowsOrThrow = (uri: string, pairedServerUri?: string, path?: CapturePathRef): AttemptRows => {
    const rows = store.rows(uri, pairedServerUri, path);
    if (!rows) throw notAnalysed(missing(uri, pairedServerUri, path));
    return rows;
  };

  connection.onRequest(AnalyzeCaptureRequest.type, async (params, token) => {
    const progress = ReadProgress.begin(connection, params.workDoneToken, 'Analysing capture');
    try {
      await store.read(params.uri, {
        ...readOptions(token, params.content, progress.part(0, 100)),
        onPartial: (view) => void connection.sendNotification(CaptureProgressNotification.type, progressParams(params.uri, view)),
        follow: params.follow === true ? 'always' : 'ifGrowing',
        onLive: (view) => void connection.sendNotification(LiveOverviewNotification.type, { uri: params.uri, overview: captureOverview(view) }),
      });
      const view = await store.diagnosed(params.uri, cancelledAfterReads(token, progress));
      // A followed capture whose editor closed (forgetCapture) ends its follow: its analysis is not kept.
      if (view === undefined) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${params.uri} was closed while it was followed`);
      publisher.publish(params.uri);
      onChanged();
      return captureOverview(view);
    } catch (error) {
      throw asResponseError(params.uri, error);
    } finally {
      progress.done();
    }
  });

  connection.onRequest(CorrelateCapturesRequest.type, async (params, token) => {
    const progress = ReadProgress.begin(connection, params.workDoneToken, 'Correlating captures');
    let uriInError = params.clientUri;
    try {
      // A followed capture stays followed: the pair is built on what it holds so far and built again as it
      // grows, and the other capture is followed too if it is being written.
      const live = store.isFollowed(params.clientUri) || store.isFollowed(params.serverUri);
      const read = (uri: string, partner: string, options: ReadOptions) => (live ? store.readForPair(uri, partner, options) : store.read(uri, options).then(() => undefined));
      await read(params.clientUri, params.serverUri, readOptions(token, params.contents?.client, progress.part(0, 50, uriFileName(params.clientUri))));
      uriInError = params.serverUri;
      await read(params.serverUri, params.clientUri, readOptions(token, params.contents?.server, progress.part(50, 100, uriFileName(params.serverUri))));
      const pair = await store.paired(params.clientUri, params.serverUri, cancelledAfterReads(token, progress));
      if (pair === undefined) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'correlation cancelled once both captures were read');
      publisher.publishPair(pair);
      onChanged();
      void connection.sendNotification(CaptureChangedNotification.type, { uri: params.clientUri, pairedServerUri: params.serverUri });
      return correlatedOverview(pair);
    } catch (error) {
      throw asResponseError(uriInError, error);
    } finally {
      progress.done();
    }
  });

  // A capture being diagnosed (CaptureStore.diagnosed) answers these once its view is there.
  connection.onRequest(HandshakePageRequest.type, async (params) => {
    await store.settled(params.uri);
    const view = rowsOrThrow(params.uri, params.pairedServerUri, params.path);
    return query.page(view, params.offset, params.limit, params.filter, params.sort);
  });

  connection.onRequest(AttemptDetailRequest.type, async (params): Promise<AttemptDetail> => {
    await store.settled(params.uri);
    const view = rowsOrThrow(params.uri, params.pairedServerUri, params.path);
    const attempt = view.attemptById(params.id);
    if (!attempt) throw new ResponseError(ErrorCodes.InvalidParams, `${params.uri} has no handshake ${params.id}`);
    const pair = params.pairedServerUri === undefined || params.path !== undefined ? undefined : store.pair(params.uri, params.pairedServerUri);
    const serverId = pair?.serverIdOf.get(params.id);
    const serverIndex = serverId === undefined ? undefined : pair!.server.indexOf(serverId);
    const offsetMs = pair?.offset?.medianMs ?? 0;
    // A lone capture taken at the server shows the server's side of the ladder, not the client's.
    const packets = ladderPackets(attempt, pair ? 'client' : view.vantage, 0);
    if (serverIndex !== undefined) packets.push(...ladderPackets(pair!.server.attempts[serverIndex], 'server', offsetMs));
    const row = view.rowAt(view.indexOf(params.id)!);
    const onPath = params.path && store.path(params.path);
    const along = onPath ? pathLadder(onPath, params.path!.uris.indexOf(params.uri), params.id, onPath.captures.map((c) => uriFileName(c.uri))) : null;
    if (along) {
      return {
        handshake: row, capturePoints: ['client', 'server'], points: along.points, atServer: null, clientBeforeNat: row.client,
        clientAfterNat: [...along.points].reverse().find((point) => point.client !== null)?.client ?? null,
        packets: along.packets, wiresharkFilter: wiresharkFilter(attempt), explanation: view.explanations.get(params.id) || null,
      };
    }
    return {
      handshake: row,
      capturePoints: pair ? ['client', 'server'] : [view.vantage],
      atServer: serverIndex === undefined ? null : pair!.server.rowAt(serverIndex),
      clientBeforeNat: row.client,
      clientAfterNat: row.atServer?.client ?? null,
      packets: orderLadderPackets(packets),
      wiresharkFilter: wiresharkFilter(attempt),
      explanation: view.explanations.get(params.id) || null,
    };
  });

  connection.onRequest(TextReportRequest.type, async (params) => {
    await store.settled(params.uri);
    const view = viewOrThrow(params.uri, params.pairedServerUri, params.path);
    const pair = params.pairedServerUri === undefined || params.path !== undefined ? undefined : store.pair(params.uri, params.pairedServerUri);
    return { reportUri: textReportUri(params), text: renderReport(view, pair, reportWords(store.language)) };
  });

  connection.onNotification(StopFollowingNotification.type, ({ uri }) => store.pauseFollowing(uri));

  connection.onNotification(ForgetCaptureNotification.type, ({ uri }) => {
    store.forget(uri);
    publisher.clear(uri);
    onChanged();
  });
}
