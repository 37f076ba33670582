/** The read-only custom editor for .cap, .pcap and .pcapng files, plain or compressed (.gz, .zst, .lz4). */
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
    document.onDidDispose(() => this.release(uri));
    return document;
  }

  /**
   * Forgets a capture whose last editor closed, and the captures correlated with it too unless something
   * still shows them: a paired server capture (or a path's other captures) is read (and its problems published) for the client's editor, often
   * without an editor of its own, and its problems must not outlive the view they belong to.
   */
  private release(uri: vscode.Uri): void {
    for (const capture of [uri, ...this.services.pairings.partnersOf(uri)]) {
      if (!this.inUse(capture)) this.services.analysis.forget(capture);
    }
  }

  /** A capture is in use while an editor shows it, or shows a client capture correlated with it. */
  private inUse(capture: vscode.Uri): boolean {
    const { registry, pairings } = this.services;
    if (registry.viewsOf(capture).length > 0) return true;
    return registry.openCaptures().some((open) => pairings.partnersOf(vscode.Uri.parse(open)).some((partner) => partner.toString() === capture.toString()));
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
