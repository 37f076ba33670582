/**
 * "Open capture set…": a folder of the explorer, or capture files selected together (a `tcpdump -C/-W`
 * ring, a `-G` rotation), opened in one capture editor as one capture. The editor's document is the
 * set's URI (captureSetUri.ts); the language server lists, orders and reads the files itself.
 */
import * as vscode from 'vscode';
import { captureSetUri } from '../shared/captureSetUri.js';
import { CaptureEditorProvider } from './captureEditorProvider.js';

function asUris(value: unknown): vscode.Uri[] {
  if (value instanceof vscode.Uri) return [value];
  if (Array.isArray(value)) return value.filter((item): item is vscode.Uri => item instanceof vscode.Uri);
  return [];
}

/** The parent folder of a file URI's path. */
function folderOf(uri: vscode.Uri): string {
  return uri.path.slice(0, Math.max(1, uri.path.lastIndexOf('/')));
}

/** Asks for a folder or files when the command runs from the palette. */
async function pickSetMembers(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: true,
    openLabel: vscode.l10n.t('Open as one capture'),
    title: vscode.l10n.t('A folder, or the files of a ring or rotation'),
  });
  return picked ?? [];
}

/**
 * `clicked` and `selected` are what the explorer's context menu passes: the item right-clicked and
 * every item selected with it. One folder is its captures; several files are those files.
 */
export async function openCaptureSet(clicked?: unknown, selected?: unknown): Promise<void> {
  let members = asUris(selected);
  if (members.length === 0) members = asUris(clicked);
  if (members.length === 0) members = await pickSetMembers();
  if (members.length === 0) return;
  if (members.some((uri) => uri.scheme !== 'file')) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Capture sets are read from local folders only.'));
    return;
  }
  const kinds = await Promise.all(members.map(async (uri) => (await vscode.workspace.fs.stat(uri)).type));
  const folders = members.filter((_, index) => (kinds[index] & vscode.FileType.Directory) !== 0);
  if (folders.length > 0 && members.length > 1) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Choose one folder, or capture files without folders.'));
    return;
  }
  const uri = folders.length === 1
    ? captureSetUri(folders[0].fsPath)
    : captureSetUri(folderOf(members[0]), members.map((member) => member.fsPath));
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.parse(uri), CaptureEditorProvider.viewType);
}
