/**
 * The analyzer's failures as LSP response errors: an unreadable capture carries its file, byte offset
 * and reason for the editor to show. (A cancelled analysis is no failure: it answers with what it read,
 * the partial result LSP allows for a cancelled request.)
 */
import { ResponseError } from 'vscode-languageserver/node.js';
import { CaptureError } from '../analyzer/errors.js';
import { CAPTURE_UNREADABLE_ERROR, type CaptureErrorData } from '../shared/lspExtensions.js';

export function unreadableCapture(uri: string, error: CaptureError): ResponseError<CaptureErrorData> {
  return new ResponseError(CAPTURE_UNREADABLE_ERROR, error.message, { uri, file: error.file, offset: error.offset, reason: error.reason });
}

/** Rethrows what a request handler must answer with; anything else is a bug and stays as it is. */
export function asResponseError(uri: string, error: unknown): unknown {
  if (error instanceof CaptureError) return unreadableCapture(uri, error);
  return error;
}
