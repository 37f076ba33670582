/** The read-only custom editor for .cap, .pcap and .pcapng files. */
import * as vscode from 'vscode';
import type { CaptureAnalysis } from './captureAnalysis.js';
import { CaptureDocument } from './captureDocument.js';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';
import type { CapturePairings } from './capturePairings.js';
import { CaptureWebview } from './captureWebview.js';
import { captureEditorHtml } from './webviewHtml.js';

export interface CaptureEditorServices {
  analysis: CaptureAnalysis;
  pairings: CapturePairings;
  registry: CaptureEditorRegistry;
}

export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  static readonly viewType = 'handshakeLens.capture';

  static register(context: vscode.ExtensionContext, services: CaptureEditorServices): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(CaptureEditorProvider.viewType, new CaptureEditorProvider(context.extensionUri, services), {
      // Hidden capture tabs keep their table, scroll position and detail pane instead of re-rendering.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  private constructor(private readonly extensionUri: vscode.Uri, private readonly services: CaptureEditorServices) {}

  async openCustomDocument(uri: vscode.Uri): Promise<CaptureDocument> {
    const document = await CaptureDocument.open(uri);
    // The server keeps each analysis in memory by URI; let it go when the last editor closes.
    document.onDidDispose(() => this.services.analysis.forget(uri));
    return document;
  }

  async resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    const view = new CaptureWebview(document, panel, this.services);
    const registration = this.services.registry.add(document.uri, view);
    panel.onDidDispose(() => {
      registration.dispose();
      view.dispose();
    });
    panel.webview.html = captureEditorHtml(panel.webview, this.extensionUri);
  }
}
