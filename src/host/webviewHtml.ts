/** The capture editor's page inside VS Code: the bundles built by esbuild.mjs, under a fresh nonce. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { editorPageHtml } from './editorPage.js';

export function captureEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (path: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', path)).toString();
  return editorPageHtml({
    nonce: randomBytes(18).toString('base64'),
    cspSource: webview.cspSource,
    lang: vscode.env.language,
    styles: [asset('webview.css')],
    scripts: [asset('webview.js')],
  });
}
