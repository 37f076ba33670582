/**
 * Asks before reading a capture over handshakeLens.maxCaptureSizeMB (hexeditor's large-file prompt).
 * The answer holds for the window's lifetime, for that file at that size, so reopening a capture does
 * not ask again; and the question offers to raise the limit, where people expect to find it.
 */
import * as vscode from 'vscode';
import type { CaptureDocument } from './captureDocument.js';
import { maxCaptureSizeMB, setMaxCaptureSizeMB } from './settings.js';

/** `uri size` of the captures the user agreed to read while this window is open. */
const consented = new Set<string>();

/** The smallest power-of-two number of megabytes that holds `bytes`. */
export function limitFor(bytes: number): number {
  let limit = 1;
  while (limit * 1024 * 1024 < bytes) limit *= 2;
  return limit;
}

/** True when the capture may be read: small enough, allowed before, or allowed now. */
export async function mayReadCapture(document: CaptureDocument, beforeAsking: () => void = () => undefined): Promise<boolean> {
  const limit = maxCaptureSizeMB();
  const key = `${document.uri.toString()} ${document.size}`;
  if (document.sizeConsent || consented.has(key) || !document.isOverSizeLimit(limit)) return true;
  beforeAsking();
  const sizeMB = (document.size / (1024 * 1024)).toFixed(0);
  const read = vscode.l10n.t('Read');
  const raised = limitFor(document.size);
  const raise = vscode.l10n.t('Read, and raise the limit to {0} MB', String(raised));
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is {1} MB, more than handshakeLens.maxCaptureSizeMB ({2} MB). Read it anyway?', document.fileName, sizeMB, String(limit)),
    { modal: true },
    read,
    raise,
  );
  if (answer === raise) await setMaxCaptureSizeMB(raised);
  document.sizeConsent = answer === read || answer === raise;
  if (document.sizeConsent) consented.add(key);
  return document.sizeConsent;
}
