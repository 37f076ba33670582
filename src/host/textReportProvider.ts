/**
 * Serves the read-only `handshake-lens-report:` documents. The language server names each report's URI,
 * which carries the capture it shows (so a reload after a window restart still finds it); this provider
 * asks the server for the text.
 */
import * as vscode from 'vscode';
import { TEXT_REPORT_LANGUAGE_ID, type TextReportParams } from '../shared/lspExtensions.js';
import { parseTextReportUri } from '../shared/textReportUri.js';
import type { CaptureAnalysis } from './captureAnalysis.js';
import type { CapturePath } from './capturePairings.js';

export class TextReportProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  constructor(private readonly analysis: CaptureAnalysis) {}

  /** Asks the server for the capture's report and opens it beside the editor. */
  async open(capture: vscode.Uri, pairedServer: vscode.Uri | undefined, path?: CapturePath): Promise<void> {
    const params: TextReportParams = path
      ? { uri: capture.toString(), path: { uris: path.uris.map(String), ...(path.server ? { serverUri: path.server.toString() } : {}) } }
      : { uri: capture.toString(), pairedServerUri: pairedServer?.toString() };
    const report = await this.analysis.textReport(params);
    const reportUri = vscode.Uri.parse(report.reportUri);
    this.texts.set(reportUri.toString(), report.text);
    const opened = await vscode.workspace.openTextDocument(reportUri);
    // The language contribution maps the report's extension already; this covers a report opened before it.
    const document = opened.languageId === TEXT_REPORT_LANGUAGE_ID
      ? opened
      : await vscode.languages.setTextDocumentLanguage(opened, TEXT_REPORT_LANGUAGE_ID).then((d) => d, () => opened);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const cached = this.texts.get(key);
    if (cached !== undefined) {
      this.texts.delete(key);
      return cached;
    }
    const source = parseTextReportUri(key);
    if (!source) return vscode.l10n.t('This report is no longer available: open the capture and run "Open capture as text report" again.');
    return (await this.analysis.textReport(source)).text;
  }
}
