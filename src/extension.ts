/**
 * Wiring only: the language server client, the capture editor, the commands and the text report
 * provider. Everything with behaviour lives in src/host/ (extension host) and src/server/ (analysis).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CaptureChangedNotification, CaptureProgressNotification, LiveOverviewNotification, LivePairOverviewNotification, TEXT_REPORT_SCHEME } from './shared/lspExtensions.js';
import { CaptureAnalysis } from './host/captureAnalysis.js';
import { CaptureEditorProvider } from './host/captureEditorProvider.js';
import { CaptureEditorRegistry } from './host/captureEditorRegistry.js';
import { reopenCapturesShownAsText } from './host/captureTabs.js';
import { followServerRestarts } from './host/serverRestarts.js';
import { CapturePairings } from './host/capturePairings.js';
import { registerCommands } from './host/commands.js';
import { CorrelationPicker } from './host/correlationPicker.js';
import { matchLookup } from './host/pathPicker.js';
import { registerExportCommands } from './host/exportCommands.js';
import { createLanguageClient } from './host/languageClient.js';
import { watchSettings } from './host/settingsWatch.js';
import { TextReportProvider } from './host/textReportProvider.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  const analysis = new CaptureAnalysis(client);
  const pairings = new CapturePairings(context.workspaceState);
  const registry = new CaptureEditorRegistry();
  const textReports = new TextReportProvider(analysis);

  context.subscriptions.push(
    pairings,
    CaptureEditorProvider.register(context, { analysis, pairings, registry }),
    vscode.workspace.registerTextDocumentContentProvider(TEXT_REPORT_SCHEME, textReports),
    ...registerCommands({ analysis, pairings, registry, picker: new CorrelationPicker(registry, matchLookup(analysis)), textReports }),
    ...registerExportCommands({ analysis, registry }),
    watchSettings(registry),
    pairings.onDidChange((captures) => {
      for (const capture of captures) for (const view of registry.viewsOf(capture)) void view.refresh({ onlyIfPairingChanged: true });
    }),
    client.onNotification(CaptureChangedNotification.type, ({ uri }) => {
      for (const view of registry.viewsOf(uri)) void view.refresh({ onlyIfPairingChanged: true });
    }),
    client.onNotification(CaptureProgressNotification.type, (progress) => {
      analysis.noteProgress(progress);
      for (const view of registry.viewsOf(progress.uri)) view.showProgress(progress);
    }),
    client.onNotification(LiveOverviewNotification.type, ({ uri, overview }) => {
      for (const view of registry.viewsOf(uri)) view.showLiveOverview(overview);
    }),
    client.onNotification(LivePairOverviewNotification.type, ({ clientUri, serverUri, overview }) => {
      for (const view of registry.viewsOf(clientUri)) view.showLivePair(serverUri, overview);
    }),
  );
  context.subscriptions.push(reopenCapturesShownAsText(CaptureEditorProvider.viewType));
  await client.start();
  context.subscriptions.push(followServerRestarts(client, registry));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
