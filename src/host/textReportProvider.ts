/**
 * Serves the read-only `handshake-lens-report:` documents. The language server names each report's URI
 * and remembers which capture it shows (so its hovers and diagnostics work); this provider asks the server
 * for the text and keeps the capture each report URI was made from, to answer a reload.
 */
import * as vscode from 'vscode';
import { TEXT_REPORT_LANGUAGE_ID, type TextReportParams } from '../shared/lspExtensions.js';
import type { CaptureAnalysis } from './captureAnalysis.js';

export class TextReportProvider implements vscode.TextDocumentContentProvider {
  private readonly sources = new Map<string, TextReportParams>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly analysis: CaptureAnalysis) {}

  /** Asks the server for the capture's report and opens it beside the editor. */
  async open(capture: vscode.Uri, pairedServer: vscode.Uri | undefined): Promise<void> {
    const params: TextReportParams = { uri: capture.toString(), pairedServerUri: pairedServer?.toString() };
    const report = await this.analysis.textReport(params);
    const reportUri = vscode.Uri.parse(report.reportUri);
    this.sources.set(reportUri.toString(), params);
    this.texts.set(reportUri.toString(), report.text);
    const document = await vscode.workspace.openTextDocument(reportUri);
    await vscode.languages.setTextDocumentLanguage(document, TEXT_REPORT_LANGUAGE_ID);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const cached = this.texts.get(key);
    if (cached !== undefined) {
      this.texts.delete(key);
      return cached;
    }
    const source = this.sources.get(key);
    if (!source) return vscode.l10n.t('This report is no longer available: open the capture and run "Open capture as text report" again.');
    return (await this.analysis.textReport(source)).text;
  }
}
