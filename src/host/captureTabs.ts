/**
 * A capture double-clicked right after the window loads can open before the workbench knows this
 * extension's editor: VS Code then shows it in the text editor ("binary file, Open Anyway") and keeps the
 * tab that way. When the extension starts, such tabs are reopened in the capture editor, in the same
 * group and position, keeping focus where it was.
 */
import * as vscode from 'vscode';

/** The names the capture editor's selector in package.json claims (compressed variants included). */
const CAPTURE_NAME = /\.(cap|pcap|pcapng)(\.(gz|zst|lz4))?$/i;

export function isCaptureFileName(path: string): boolean {
  return CAPTURE_NAME.test(path);
}

export async function reopenCapturesShownAsText(viewType: string): Promise<number> {
  let reopened = 0;
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText) || !isCaptureFileName(tab.input.uri.path)) continue;
      const { uri } = tab.input;
      const focus = tab.isActive && group.isActive;
      const options = { viewColumn: group.viewColumn, preserveFocus: !focus, preview: tab.isPreview };
      // Closed first: once another tab opens, this Tab object may no longer name a tab VS Code knows.
      await vscode.window.tabGroups.close(tab);
      await vscode.commands.executeCommand('vscode.openWith', uri, viewType, options);
      reopened++;
    }
  }
  return reopened;
}
