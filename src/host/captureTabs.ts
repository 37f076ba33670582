/**
 * A capture double-clicked right after the window loads can open before the workbench knows this
 * extension's editor: VS Code then shows it in the text editor ("binary file, Open Anyway") and keeps the
 * tab that way. When the extension starts, and for the first seconds after (the workbench may restore
 * tabs late), such tabs are reopened in the capture editor, in the same
 * group and position, keeping focus where it was.
 */
import * as vscode from 'vscode';
import { CAPTURE_PATH } from './captureFileNames.js';

/** How long after the extension starts restored tabs still count as the window's own restore. */
const RESTORE_SECONDS = 8;

function isCaptureShownAsText(tab: vscode.Tab): tab is vscode.Tab & { input: vscode.TabInputText } {
  return tab.input instanceof vscode.TabInputText && CAPTURE_PATH.test(tab.input.uri.path);
}

async function reopen(tab: vscode.Tab & { input: vscode.TabInputText }, viewType: string): Promise<void> {
  const { uri } = tab.input;
  const group = tab.group;
  const focus = tab.isActive && group.isActive;
  const options = { viewColumn: group.viewColumn, preserveFocus: !focus, preview: tab.isPreview };
  // Closed first: once another tab opens, this Tab object may no longer name a tab VS Code knows.
  await vscode.window.tabGroups.close(tab);
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType, options);
}

/**
 * Reopens such tabs now, and those the window restores in the first seconds after the extension
 * started (the workbench may restore its tabs after activating extensions). A capture the user opens
 * as text later on stays as the user chose.
 */
export function reopenCapturesShownAsText(viewType: string): vscode.Disposable {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (isCaptureShownAsText(tab)) void reopen(tab, viewType);
  }
  const restored = vscode.window.tabGroups.onDidChangeTabs(({ opened }) => {
    for (const tab of opened) if (isCaptureShownAsText(tab)) void reopen(tab, viewType);
  });
  const timer = setTimeout(() => restored.dispose(), RESTORE_SECONDS * 1000);
  return { dispose: () => { clearTimeout(timer); restored.dispose(); } };
}
