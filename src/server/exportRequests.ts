/**
 * The export requests (src/shared/lspExtensions.ts): the packets of attempts as a pcapng file the server
 * writes itself, re-reading the capture as a stream; and the table's rows as CSV, from memory.
 */
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node.js';
import { CSV_HEADER, CSV_PATH_HEADER, csvLine } from '../analyzer/csvFormat.js';
import { UnknownAttemptsError } from '../analyzer/export/attemptSelection.js';
import { exportPackets } from '../analyzer/export/exportPackets.js';
import { fileError } from '../node/openCaptureFile.js';
import { FileSink } from '../node/fileSink.js';
import { ExportPacketsRequest, ExportRowsRequest, type ExportPacketsResult } from '../shared/lspExtensions.js';
import { openCaptureUri } from './captureSource.js';
import type { CaptureStore } from './captureStore.js';
import { HandshakeQuery } from './handshakeQuery.js';
import { asResponseError, notAnalysed } from './requestErrors.js';
import { ReadProgress } from './workDoneProgress.js';

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

export function registerExportRequests(connection: Connection, store: CaptureStore): void {
  const query = new HandshakeQuery();

  connection.onRequest(ExportPacketsRequest.type, async (params, token): Promise<ExportPacketsResult> => {
    const stored = store.single(params.uri)?.capture;
    if (!stored) throw notAnalysed(params.uri);
    if (!params.targetUri.startsWith('file:')) throw invalid(`${params.targetUri}: the server writes exports to file: URIs only`);
    const target = fileURLToPath(params.targetUri);
    const progress = ReadProgress.begin(connection, params.workDoneToken, 'Exporting packets');
    let sink: FileSink | null = null;
    try {
      const opened = openCaptureUri(params.uri, params.content);
      try {
        sink = new FileSink(target);
        const result = await exportPackets(opened.source, opened.name, stored.analysis.handshakes, params.selection, sink, {
          onProgress: progress.part(0, 100), isCancelled: () => token.isCancellationRequested,
        });
        if (result === null) {
          sink.discard();
          return { packets: 0, attempts: [], cancelled: true };
        }
        sink.commit();
        return { packets: result.packets, attempts: result.attempts, cancelled: false };
      } finally {
        opened.close();
      }
    } catch (error) {
      sink?.discard();
      if (error instanceof UnknownAttemptsError) throw invalid(error.message);
      const unwritable = sink === null ? fileError(target, error, 'write') : null;
      if (unwritable !== null) throw invalid(unwritable.message);
      throw asResponseError(params.uri, error);
    } finally {
      progress.done();
    }
  });

  connection.onRequest(ExportRowsRequest.type, (params) => {
    const view = store.view(params.uri, params.pairedServerUri, params.path);
    if (!view) throw notAnalysed(params.uri);
    const pathCaptures = params.path === undefined ? undefined : store.path(params.path)?.captures.map((capture) => capture.name);
    if (params.ids !== undefined && !(Array.isArray(params.ids) && params.ids.every((id) => Number.isSafeInteger(id)))) throw invalid('ids must be a list of attempt ids');
    const rows = query.rows(view, params.filter, params.sort, params.ids);
    return { csv: (pathCaptures ? CSV_PATH_HEADER : CSV_HEADER) + rows.map((row) => csvLine(row, pathCaptures)).join(''), rows: rows.length };
  });
}
