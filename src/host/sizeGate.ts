/** Asks before reading a capture over handshakeLens.maxCaptureSizeMB (hexeditor's large-file prompt). */
import * as vscode from 'vscode';
import type { CaptureDocument } from './captureDocument.js';
import { maxCaptureSizeMB } from './settings.js';

/** True when the capture may be read: small enough, allowed before, or allowed now. */
export async function mayReadCapture(document: CaptureDocument): Promise<boolean> {
  const limit = maxCaptureSizeMB();
  if (document.sizeConsent || !document.isOverSizeLimit(limit)) return true;
  const sizeMB = (document.size / (1024 * 1024)).toFixed(0);
  const read = vscode.l10n.t('Read');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is {1} MB, more than handshakeLens.maxCaptureSizeMB ({2} MB). Read it anyway?', document.fileName, sizeMB, String(limit)),
    { modal: true },
    read,
  );
  document.sizeConsent = answer === read;
  return document.sizeConsent;
}
