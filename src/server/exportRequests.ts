/**
 * The export requests (src/shared/lspExtensions.ts): the packets of attempts as a pcapng file the server
 * writes itself, re-reading the capture as a stream; and the table's rows as CSV, from memory, written to
 * a file by the server or answered as text. A table's selection arrives as a description (every row but
 * some, ranges of positions) and is resolved here against the query's kept order, a batch of rows at a time.
 */
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node.js';
import { CSV_HEADER, CSV_PATH_HEADER, csvLine } from '../analyzer/csvFormat.js';
import { UnknownAttemptsError } from '../analyzer/export/attemptSelection.js';
import { exportPackets } from '../analyzer/export/exportPackets.js';
import { IntList } from '../analyzer/handshakes/rowChunks.js';
import { fileError } from '../node/openCaptureFile.js';
import { FileSink } from '../node/fileSink.js';
import {
  ExportPacketsRequest, ExportRowsRequest, type CapturePathRef, type ExportPacketsResult, type ExportRowsParams, type ExportRowsResult, type RowsSelection,
  type TableRowsSelection,
} from '../shared/lspExtensions.js';
import { openCaptureUri } from './captureSource.js';
import type { CaptureStore } from './captureStore.js';
import type { CaptureView } from './captureView.js';
import type { HandshakeQuery } from './handshakeQuery.js';
import { asResponseError, notAnalysed } from './requestErrors.js';
import { ReadProgress } from './workDoneProgress.js';

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value);
const isPosition = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A selection as RowsSelection describes it, or the reason it is not one. */
function selectionError(selection: unknown): string | null {
  const { all, ranges, added, removed } = (selection ?? {}) as Partial<Record<keyof RowsSelection, unknown>>;
  if (typeof all !== 'boolean') return 'selection.all must be true or false';
  if (!Array.isArray(ranges) || !ranges.every((range) => Array.isArray(range) && range.length === 2 && range.every(isPosition) && range[0] <= range[1])) {
    return 'selection.ranges must be a list of [first, last] positions';
  }
  if (!Array.isArray(added) || !added.every(isId) || !Array.isArray(removed) || !removed.every(isId)) return 'selection.added and selection.removed must be lists of attempt ids';
  return null;
}

export function registerExportRequests(connection: Connection, store: CaptureStore, query: HandshakeQuery): void {
  /** The view a table's rows are of; it must have been analysed (or correlated) whole. */
  const viewOrThrow = (uri: string, pairedServerUri?: string, path?: CapturePathRef): CaptureView => {
    const view = store.view(uri, pairedServerUri, path);
    if (!view) throw notAnalysed(uri);
    return view;
  };

  /** The ids of the rows a table selected, in its order: 4 bytes each (a selection may be ten million rows). */
  const selectedIds = (uri: string, selection: TableRowsSelection): Int32Array => {
    const error = selectionError(selection.rows);
    if (error !== null) throw invalid(error);
    const view = viewOrThrow(uri, selection.pairedServerUri, selection.path);
    const ids = new IntList();
    for (const batch of query.selected(view, selection.filter, selection.sort, selection.rows)) for (const index of batch) ids.push(view.attemptAt(index).id);
    return ids.view();
  };

  connection.onRequest(ExportPacketsRequest.type, async (params, token): Promise<ExportPacketsResult> => {
    await store.settled(params.uri);
    const stored = store.single(params.uri)?.capture;
    if (!stored) throw notAnalysed(params.uri);
    if (!params.targetUri.startsWith('file:')) throw invalid(`${params.targetUri}: the server writes exports to file: URIs only`);
    const selection = params.selection.kind === 'rows' ? { kind: 'attempts' as const, ids: selectedIds(params.uri, params.selection) } : params.selection;
    const target = fileURLToPath(params.targetUri);
    const progress = ReadProgress.begin(connection, params.workDoneToken, 'Exporting packets');
    let sink: FileSink | null = null;
    try {
      const opened = openCaptureUri(params.uri, params.content);
      try {
        sink = new FileSink(target);
        const result = await exportPackets(opened.source, opened.name, stored.analysis.handshakes, selection, sink, {
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

  /** The CSV of the rows asked for, the header then a batch of rows at a time; each batch's rows are made, written and dropped. */
  function* csvParts(params: ExportRowsParams): Generator<{ text: string; rows: number }> {
    const view = viewOrThrow(params.uri, params.pairedServerUri, params.path);
    const pathCaptures = params.path === undefined ? undefined : store.path(params.path)?.captures.map((capture) => capture.name);
    const error = params.selection === undefined ? null : selectionError(params.selection);
    if (error !== null) throw invalid(error);
    yield { text: pathCaptures ? CSV_PATH_HEADER : CSV_HEADER, rows: 0 };
    for (const batch of query.selected(view, params.filter, params.sort, params.selection)) {
      let text = '';
      for (const index of batch) text += csvLine(view.rowAt(index), pathCaptures);
      yield { text, rows: batch.length };
    }
  }

  connection.onRequest(ExportRowsRequest.type, async (params): Promise<ExportRowsResult> => {
    // A capture being diagnosed has its view once the diagnosis ends (CaptureStore.diagnosed).
    await store.settled(params.uri);
    let rows = 0;
    if (params.targetUri === undefined) {
      const parts: string[] = [];
      for (const part of csvParts(params)) {
        parts.push(part.text);
        rows += part.rows;
      }
      return { csv: parts.join(''), rows };
    }
    // Written by the server, the CSV is never one string: 10,000,000 rows are some 1.2 GB, past what a string holds.
    if (!params.targetUri.startsWith('file:')) throw invalid(`${params.targetUri}: the server writes exports to file: URIs only`);
    const target = fileURLToPath(params.targetUri);
    const parts = csvParts(params);
    const header = parts.next();
    let sink: FileSink | null = null;
    try {
      sink = new FileSink(target);
      const encoder = new TextEncoder();
      if (!header.done) sink.write(encoder.encode(header.value.text));
      for (const part of parts) {
        sink.write(encoder.encode(part.text));
        rows += part.rows;
      }
      sink.commit();
      return { csv: '', rows };
    } catch (error) {
      sink?.discard();
      const unwritable = sink === null ? fileError(target, error, 'write') : null;
      if (unwritable !== null) throw invalid(unwritable.message);
      throw error;
    }
  });
}
