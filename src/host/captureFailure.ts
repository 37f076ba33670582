/** Turns a failed analysis request into what the editor tells the user in place of the table. */
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { CAPTURE_UNREADABLE_ERROR, type CaptureErrorData } from '../shared/lspExtensions.js';
import type { CaptureFailure } from '../shared/webviewProtocol.js';
import type { CaptureDocument } from './captureDocument.js';

export function captureFailure(document: CaptureDocument, error: unknown): CaptureFailure {
  const base = { file: document.fileName, size: document.size, offset: null };
  // The server's answer to a Cancel it heard after the reads (a correlation stopped) is a cancel too.
  const cancelledByServer = error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
  if (error instanceof vscode.CancellationError || cancelledByServer) return { ...base, kind: 'cancelled', reason: '' };
  if (error instanceof ResponseError && error.code === CAPTURE_UNREADABLE_ERROR) {
    const data = error.data as CaptureErrorData | undefined;
    return { ...base, kind: 'unreadable', offset: data?.offset ?? null, reason: data?.reason ?? error.message };
  }
  return { ...base, kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}
