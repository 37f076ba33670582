/**
 * The language server holds every analysis; when it dies (killed, out of memory) the language client
 * starts a new one, which knows nothing. The open capture editors say so while it is down, and analyse
 * their captures again (and so publish their problems again) once the new server runs.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';

/** Call after the client's first start: every later Running is a restart. */
export function followServerRestarts(client: LanguageClient, registry: CaptureEditorRegistry): vscode.Disposable {
  return client.onDidChangeState(({ newState }) => {
    if (newState === State.Stopped || newState === State.Starting) {
      for (const view of registry.allViews()) view.showServerStopped();
    } else if (newState === State.Running) {
      for (const view of registry.allViews()) void view.reload();
    }
  });
}
