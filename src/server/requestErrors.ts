/**
 * The analyzer's failures as LSP response errors: an unreadable capture carries its file, byte offset
 * and reason for the editor to show. (A cancelled analysis is no failure: it answers with what it read,
 * the partial result LSP allows for a cancelled request.)
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
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

/** A request about a capture the client has not had analysed yet. */
export function notAnalysed(uri: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${uri} has not been analysed: send handshakeLens/analyzeCapture first`);
}
