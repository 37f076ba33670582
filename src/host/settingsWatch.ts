/**
 * Applies setting changes to open capture editors. A new time zone only needs the page told again. A new
 * explanation language is applied by the language server after it pulls the configuration, and it then
 * republishes every capture's diagnostics: that republication, not a delay, is the signal that overviews
 * fetched now come in the new language.
 */
import * as vscode from 'vscode';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';
import { affectsSettings } from './settings.js';

export function watchSettings(registry: CaptureEditorRegistry): vscode.Disposable {
  let languageChanged = false;
  const reloadAll = (uris: readonly string[]) => {
    for (const uri of uris) for (const view of registry.viewsOf(uri)) void view.reload();
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event, 'explanationLanguage')) languageChanged = true;
      else if (affectsSettings(event, 'timeZone')) reloadAll(registry.openCaptures());
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (!languageChanged) return;
      const open = new Set(registry.openCaptures());
      const republished = event.uris.map((uri) => uri.toString()).filter((uri) => open.has(uri));
      if (republished.length === 0) return;
      languageChanged = false;
      reloadAll(registry.openCaptures());
    }),
  );
}
