/**
 * "Open in Wireshark": the capture in Wireshark with the display filter of the selected attempt, as
 * `wireshark -r FILE -Y FILTER`, when Wireshark is installed where the extension runs; otherwise the
 * filter goes to the clipboard, which is what a user would paste into Wireshark elsewhere.
 */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { findExecutable } from '../node/findExecutable.js';

export async function openInWireshark(capture: vscode.Uri, filter: string): Promise<void> {
  const wireshark = capture.scheme === 'file' ? findExecutable('wireshark') : null;
  if (wireshark === null) {
    await vscode.env.clipboard.writeText(filter);
    void vscode.window.showInformationMessage(vscode.l10n.t('Wireshark was not found on this machine; its display filter is on the clipboard: {0}', filter));
    return;
  }
  // Detached: Wireshark lives on after the editor (or VS Code) closes.
  const child = spawn(wireshark, ['-r', capture.fsPath, '-Y', filter], { detached: true, stdio: 'ignore' });
  child.on('error', (error) => void vscode.window.showErrorMessage(vscode.l10n.t('Could not start Wireshark: {0}', error.message)));
  child.unref();
}
