/**
 * Links each capture diagnostic in the Problems panel back to the attempts it explains.
 *
 * Captures are binary and open in a custom editor, so VS Code's usual link — open the resource at the
 * diagnostic's range — reaches the editor without the range (custom editors get no selection), and
 * CodeActionProviders and onDidChangeActiveTextEditor only ever see text editors. What does work for any
 * resource is the diagnostic's code link: the Problems panel opens `code.target` with command URIs
 * allowed. So the client rewrites each capture diagnostic's code into a link to a command that reveals
 * the capture and selects the handshake ids the server put in the diagnostic's `data`.
 */
import * as vscode from 'vscode';
import type { HandshakeDiagnosticData } from '../shared/lspExtensions.js';
import type { AttemptsToShow } from '../shared/webviewProtocol.js';
import { Commands } from './commandIds.js';
import { CAPTURE_PATH } from './captureFileNames.js';

export interface RevealAttemptsArguments extends AttemptsToShow {
  uri: string;
}

/** The language client's handleDiagnostics middleware body. */
export function linkCaptureDiagnostics(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  if (!CAPTURE_PATH.test(uri.path)) return diagnostics;
  for (const diagnostic of diagnostics) {
    const data = (diagnostic as vscode.Diagnostic & { data?: HandshakeDiagnosticData }).data;
    if (!data || !Array.isArray(data.handshakeIds)) continue;
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const args: RevealAttemptsArguments = { uri: uri.toString(), handshakeIds: data.handshakeIds, ...(data.handshakeCause ? { cause: data.handshakeCause } : {}) };
    diagnostic.code = {
      value: code ?? vscode.l10n.t('show attempts'),
      target: vscode.Uri.parse(`command:${Commands.revealAttempts}?${encodeURIComponent(JSON.stringify([args]))}`),
    };
  }
  return diagnostics;
}
