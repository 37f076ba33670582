/** The webview's labels in the display language; the English text is the l10n bundle key. */
import * as vscode from 'vscode';
import { ENGLISH_STRINGS, type WebviewStrings } from '../shared/webviewStrings.js';

export function webviewStrings(): WebviewStrings {
  const strings = {} as WebviewStrings;
  for (const key of Object.keys(ENGLISH_STRINGS) as Array<keyof WebviewStrings>) strings[key] = vscode.l10n.t(ENGLISH_STRINGS[key]);
  return strings;
}
