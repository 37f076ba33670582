/**
 * "Export packets of failed attempts…", "Export packets of the selected attempts…" and "Export rows as
 * CSV…": a save dialog beside the capture, then the language server does the work (it re-reads the
 * capture for the packets and writes the pcapng itself, and the CSV too for a local file; for other file
 * systems the CSV comes back as text and is written here). The table's "Export selected attempts as
 * pcapng…/CSV…" run the last two with the table's selection, which the server resolves against the
 * query the table shows.
 */
import * as vscode from 'vscode';
import { CAPTURE_SET_SCHEME } from '../shared/captureSetUri.js';
import type { ExportPacketsParams } from '../shared/lspExtensions.js';
import type { TableSelection } from '../shared/webviewProtocol.js';
import type { CaptureAnalysis } from './captureAnalysis.js';
import { captureFileName } from './captureDocument.js';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';
import { Commands } from './commandIds.js';
import type { CaptureWebview } from './captureWebview.js';

/** The server's one-line reason (an unreadable capture's names the file and the byte offset). */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ExportServices {
  analysis: CaptureAnalysis;
  registry: CaptureEditorRegistry;
}

/**
 * `story-client.pcap` → `story-client-failed.pcapng`, beside the capture (compression suffixes dropped
 * too); a capture set's `ring/` → `ring-failed.pcapng` beside its folder, a local file.
 */
function besideCapture(capture: vscode.Uri, suffix: string, extension: string): vscode.Uri {
  const base = captureFileName(capture).replace(/(\.(pcapng|pcap|cap))?(\.(gz|zst|lz4))?$/i, '');
  const place = capture.scheme === CAPTURE_SET_SCHEME ? vscode.Uri.file(capture.path) : capture;
  return vscode.Uri.joinPath(place, '..', `${base}-${suffix}.${extension}`);
}

/** The attempts a command was given: one id (the detail pane's button), a few ids; else none. */
function attemptIds(value: unknown): number[] | undefined {
  const ids = typeof value === 'number' ? [value] : Array.isArray(value) ? value : [];
  return ids.length > 0 && ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids as number[] : undefined;
}

/** The table's selection a command was given (the page's export buttons, the editor title's through the page); else none. */
function tableSelection(value: unknown): TableSelection | undefined {
  const selection = value as Partial<TableSelection> | null | undefined;
  return selection && typeof selection === 'object' && typeof selection.rows === 'object' && Number.isSafeInteger(selection.count) && selection.count! > 0
    ? selection as TableSelection : undefined;
}

/** `attempt-7` for one attempt, `3-attempts` for a selection of several. */
function selectionSuffix(count: number, onlyId: number | undefined): string {
  return count === 1 && onlyId !== undefined ? `attempt-${onlyId}` : `${count}-attempts`;
}

/** A table selection of one row clicked alone names its attempt. */
function onlyId(selection: TableSelection): number | undefined {
  return selection.count === 1 && selection.rows.added.length === 1 ? selection.rows.added[0] : undefined;
}

function activeViewOrSay(registry: CaptureEditorRegistry, uri: unknown): CaptureWebview | undefined {
  const view = typeof uri === 'string' || uri instanceof vscode.Uri ? registry.viewsOf(uri.toString())[0] : registry.activeView();
  if (!view) void vscode.window.showInformationMessage(vscode.l10n.t('Open a capture first, then run this command.'));
  return view;
}

async function exportPackets(services: ExportServices, view: CaptureWebview, selection: ExportPacketsParams['selection'], suffix: string): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: besideCapture(view.uri, suffix, 'pcapng'),
    filters: { [vscode.l10n.t('pcapng captures')]: ['pcapng'] },
    title: vscode.l10n.t('Export packets'),
  });
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Packets can be exported to local files only.'));
    return;
  }
  try {
    const result = await services.analysis.exportPackets(view.uri, selection, target);
    if (result.cancelled) return;
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} packets of {1} attempts to {2}.', result.packets, result.attempts.length, captureFileName(target)));
  } catch (error) {
    if (error instanceof vscode.CancellationError) return;
    void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', errorText(error)));
  }
}

export function registerExportCommands(services: ExportServices): vscode.Disposable[] {
  const { registry } = services;
  return [
    vscode.commands.registerCommand(Commands.exportFailedPackets, async (uri?: unknown) => {
      const view = activeViewOrSay(registry, uri);
      if (view) await exportPackets(services, view, { kind: 'failed' }, 'failed');
    }),
    vscode.commands.registerCommand(Commands.exportSelectedPackets, async (uri?: unknown, chosen?: unknown) => {
      const view = activeViewOrSay(registry, uri);
      if (!view) return;
      const ids = attemptIds(chosen);
      if (ids) {
        await exportPackets(services, view, { kind: 'attempts', ids }, selectionSuffix(ids.length, ids[0]));
        return;
      }
      // Without ids (the editor title, the command palette) the table's selection, not only the row the detail pane shows.
      const selection = tableSelection(chosen) ?? tableSelection(await view.selectedRows());
      if (selection === undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a handshake in the table first.'));
        return;
      }
      const rows = { kind: 'rows' as const, ...view.shownView, filter: selection.filter, sort: selection.sort, rows: selection.rows };
      await exportPackets(services, view, rows, selectionSuffix(selection.count, onlyId(selection)));
    }),
    vscode.commands.registerCommand(Commands.exportRowsCsv, async (uri?: unknown, chosen?: unknown) => {
      const view = activeViewOrSay(registry, uri);
      if (!view) return;
      const selection = tableSelection(chosen);
      const target = await vscode.window.showSaveDialog({
        defaultUri: besideCapture(view.uri, selection ? selectionSuffix(selection.count, onlyId(selection)) : 'handshakes', 'csv'),
        filters: { CSV: ['csv'] },
        title: vscode.l10n.t('Export rows as CSV'),
      });
      if (!target) return;
      try {
        const query = selection ? { ...view.shownView, filter: selection.filter, sort: selection.sort, selection: selection.rows } : view.shownRows;
        // A local file the server writes itself, a batch of rows at a time; elsewhere the CSV comes back as text.
        const local = target.scheme === 'file';
        const { csv, rows } = await services.analysis.exportRows({ uri: view.uri.toString(), ...query, ...(local ? { targetUri: target.toString() } : {}) });
        if (!local) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
        void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} rows to {1}.', rows, captureFileName(target)));
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', errorText(error)));
      }
    }),
  ];
}
