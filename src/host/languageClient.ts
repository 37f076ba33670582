/** Starts the Handshake Lens language server (dist/server.js) over IPC. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { TEXT_REPORT_LANGUAGE_ID, TEXT_REPORT_SCHEME, type ServerInitializationOptions } from '../shared/lspExtensions.js';
import { linkCaptureDiagnostics } from './diagnosticsLink.js';
import { explanationLanguage, maxRows } from './settings.js';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: ServerInitializationOptions = {
    explanationLanguage: explanationLanguage(),
    locale: vscode.env.language,
    maxRows: maxRows(),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: TEXT_REPORT_SCHEME, language: TEXT_REPORT_LANGUAGE_ID },
      { language: 'sysctl' },
      { language: 'netstat' },
      { language: 'nstat' },
    ],
    initializationOptions,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, linkCaptureDiagnostics(uri, diagnostics)),
    },
  };
  return new LanguageClient('handshakeLens', vscode.l10n.t('Handshake Lens'), serverOptions, clientOptions);
}
