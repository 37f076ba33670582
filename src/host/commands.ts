/** The palette and editor-title commands. Each takes optional URIs so that tests and menus can skip the pickers. */
import * as vscode from 'vscode';
import type { CaptureAnalysis } from './captureAnalysis.js';
import { CaptureEditorProvider } from './captureEditorProvider.js';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';
import { captureFileName } from './captureDocument.js';
import type { CapturePairings } from './capturePairings.js';
import { Commands } from './commandIds.js';
import { openCaptureSet } from './captureSetCommand.js';
import type { CorrelationPicker } from './correlationPicker.js';
import { matchLookup, pickPath } from './pathPicker.js';
import type { RevealAttemptsArguments } from './diagnosticsLink.js';
import type { TextReportProvider } from './textReportProvider.js';

export interface CommandServices {
  analysis: CaptureAnalysis;
  pairings: CapturePairings;
  registry: CaptureEditorRegistry;
  picker: CorrelationPicker;
  textReports: TextReportProvider;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) return vscode.Uri.parse(value);
  return undefined;
}

async function openCapture(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, CaptureEditorProvider.viewType);
}

export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const { pairings, registry, picker, textReports } = services;

  /**
   * Pairs the captures and shows the client capture's editor correlated (it refreshes on the pairing). Two
   * captures picked by hand that share no attempt are refused, with the reason, rather than paired.
   */
  async function correlate(client: vscode.Uri | undefined, server: vscode.Uri | undefined): Promise<void> {
    const given = client !== undefined && server !== undefined;
    const pair = given ? { client, server } : server ? await picker.pickClientFor(server) : await picker.pickPair(client);
    if (!pair) return;
    if (!given && (await services.analysis.sharedAttempts(pair.client, pair.server)) === 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} and {1} share no connection attempt (no SYN with the same ISN and TSval): they were not paired, as they are not captures of the same traffic.', captureFileName(pair.client), captureFileName(pair.server)));
      return;
    }
    pairings.pair(pair.client, pair.server);
    await openCapture(pair.client);
  }

  /** Puts the captures on one path and shows the first one's editor (each open editor of them refreshes). */
  async function correlatePath(given: unknown, server: vscode.Uri | undefined): Promise<void> {
    const uris = Array.isArray(given) ? given.flatMap((value) => asUri(value) ?? []) : [];
    const path = uris.length >= 2 ? { uris, server } : await pickPath(picker, registry.activeCapture(), matchLookup(services.analysis));
    if (!path) return;
    pairings.pairPath(path);
    await openCapture(path.uris[0]);
  }

  return [
    // Given a list of captures (a menu on several, another extension), correlates them along a path.
    vscode.commands.registerCommand(Commands.correlateCaptures, (client?: unknown, server?: unknown) =>
      Array.isArray(client) ? correlatePath(client, asUri(server)) : correlate(asUri(client), asUri(server))),
    vscode.commands.registerCommand(Commands.correlateWithServerCapture, (client?: unknown, server?: unknown) =>
      correlate(asUri(client) ?? registry.activeCapture(), asUri(server))),
    vscode.commands.registerCommand(Commands.openCaptureSet, openCaptureSet),
    vscode.commands.registerCommand(Commands.correlatePath, (captures?: unknown, server?: unknown) => correlatePath(captures, asUri(server))),
    vscode.commands.registerCommand(Commands.openTextReport, async (capture?: unknown) => {
      const uri = asUri(capture) ?? registry.activeCapture() ?? await picker.pickCapture(vscode.l10n.t('Capture to open as a text report'));
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a capture first, then run this command.'));
        return;
      }
      await textReports.open(uri, pairings.serverFor(uri), pairings.pathFor(uri));
    }),
    vscode.commands.registerCommand(Commands.copyWiresharkFilter, async (filter?: unknown) => {
      if (typeof filter !== 'string' || filter.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a handshake in a capture editor, then copy its Wireshark filter.'));
        return;
      }
      await vscode.env.clipboard.writeText(filter);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Wireshark filter copied: {0}', filter), 4000);
    }),
    vscode.commands.registerCommand(Commands.revealAttempts, async (args?: RevealAttemptsArguments) => {
      if (!args?.uri) return;
      const uri = vscode.Uri.parse(args.uri);
      if (registry.viewsOf(uri).length === 0) await openCapture(uri);
      const views = registry.viewsOf(uri);
      views[0]?.reveal();
      for (const view of views) view.selectAttempts({ handshakeIds: args.handshakeIds ?? [], ...(args.cause ? { cause: args.cause } : {}) });
      if (views.length === 0) void vscode.window.showWarningMessage(vscode.l10n.t('Could not open {0}.', captureFileName(uri)));
    }),
  ];
}
