/**
 * The requests about several captures at once (src/shared/lspExtensions.ts): correlating captures along a
 * path, and finding the captures that share a capture's traffic.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node.js';
import { captureFingerprint, clearMatch, matchCapture, rankMatches } from '../analyzer/correlation/captureMatch.js';
import { CaptureChangedNotification, CorrelatePathRequest, MatchingCapturesRequest, type PathOverview } from '../shared/lspExtensions.js';
import { captureOverview } from './captureOverview.js';
import { cancelledAfterReads, readOptions, uriFileName } from './captureRequests.js';
import type { CaptureFingerprints } from './captureFingerprints.js';
import type { CaptureStore } from './captureStore.js';
import type { StoredCapture } from './captureView.js';
import type { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import type { PathView } from './pathView.js';
import { asResponseError } from './requestErrors.js';
import { ReadProgress } from './workDoneProgress.js';

/** The first capture that shares no attempt (no SYN with the same ISN and TSval) with any other, or undefined. */
function unrelatedCapture(captures: readonly StoredCapture[]): StoredCapture | undefined {
  const fingerprints = captures.map((capture) => captureFingerprint(capture.analysis));
  return captures.find((_, i) => fingerprints.every((other, j) => i === j || matchCapture(fingerprints[i], other).matched === 0));
}

function pathOverview(path: PathView): PathOverview {
  return {
    captures: path.views.map(captureOverview),
    server: path.server,
    order: path.order,
    clocks: path.clocks.map((clock) => clock && { offsetMs: clock.offsetMs, spreadMs: clock.spreadMs }),
  };
}

export function registerPathRequests(connection: Connection, store: CaptureStore, publisher: DiagnosticsPublisher, fingerprints: CaptureFingerprints, onChanged: () => void): void {
  connection.onRequest(CorrelatePathRequest.type, async (params, token) => {
    const uris = [...new Set(params.uris)];
    if (uris.length < 2) throw new ResponseError(ErrorCodes.InvalidParams, 'a path needs two captures or more');
    if (params.serverUri !== undefined && !uris.includes(params.serverUri)) throw new ResponseError(ErrorCodes.InvalidParams, `the server capture ${params.serverUri} is not one of the path's captures`);
    const progress = ReadProgress.begin(connection, params.workDoneToken, 'Correlating captures');
    let uriInError = uris[0];
    try {
      const captures: StoredCapture[] = [];
      for (const [index, uri] of uris.entries()) {
        uriInError = uri;
        const share = 100 / uris.length;
        captures.push(await store.read(uri, readOptions(token, params.contents?.[uri], progress.part(index * share, (index + 1) * share, uriFileName(uri)))));
      }
      const unrelated = unrelatedCapture(captures);
      if (unrelated) {
        throw new ResponseError(ErrorCodes.InvalidParams, `${uriFileName(unrelated.uri)} shares no connection attempt with the other captures (no SYN with the same ISN and TSval): it is not on their path`);
      }
      const ref = { uris, serverUri: params.serverUri };
      const path = await store.pathed(ref, cancelledAfterReads(token, progress));
      if (path === undefined) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'correlation cancelled once every capture was read');
      publisher.publishPath(ref);
      onChanged();
      for (const uri of uris) void connection.sendNotification(CaptureChangedNotification.type, { uri });
      return pathOverview(path);
    } catch (error) {
      throw asResponseError(uriInError, error);
    } finally {
      progress.done();
    }
  });

  connection.onRequest(MatchingCapturesRequest.type, async (params) => {
    const opened = await fingerprints.of(params.uri, params.content).catch((error: unknown) => {
      throw asResponseError(params.uri, error);
    });
    const scored = [];
    for (const uri of new Set(params.candidates)) {
      if (uri === params.uri) continue;
      // A candidate that cannot be read is simply not offered.
      const candidate = await fingerprints.of(uri).catch(() => null);
      if (candidate) scored.push({ uri, match: matchCapture(opened, candidate) });
    }
    const ranked = rankMatches(scored);
    return { matches: ranked.map(({ uri, match }) => ({ uri, ...match })), clear: clearMatch(ranked)?.uri ?? null };
  });
}
