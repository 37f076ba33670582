/**
 * The text documents the server understands, by kind: text reports of captures, and the text artifacts.
 * Diagnostics are recomputed on open and on change; hovers, outline and code actions on request.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TEXT_REPORT_LANGUAGE_ID, TEXT_REPORT_SCHEME } from '../shared/lspExtensions.js';
import { parseTextReportUri } from '../shared/textReportUri.js';
import { artifactCodeActions, artifactDiagnostics, artifactHover, artifactOf } from './artifactDocuments.js';
import type { CaptureStore } from './captureStore.js';
import type { CaptureView } from './captureView.js';
import { reportCodeActions, reportDiagnostics, reportHover, reportSymbols } from './textReport/reportFeatures.js';
import { reportWords } from './textReport/reportWords.js';

function isReport(document: TextDocument): boolean {
  return document.languageId === TEXT_REPORT_LANGUAGE_ID || document.uri.startsWith(`${TEXT_REPORT_SCHEME}:`);
}

function linesOf(document: TextDocument): string[] {
  return document.getText().split(/\r?\n/);
}

export class DocumentFeatures {
  readonly documents = new TextDocuments(TextDocument);

  constructor(private readonly connection: Connection, private readonly store: CaptureStore) {}

  private reportView(document: TextDocument): CaptureView | undefined {
    const target = parseTextReportUri(document.uri);
    return target ? this.store.view(target.uri, target.pairedServerUri, target.path) : undefined;
  }

  validate(document: TextDocument): void {
    const lang = this.store.language;
    if (isReport(document)) {
      const view = this.reportView(document);
      void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: view ? reportDiagnostics(linesOf(document), view) : [] });
      return;
    }
    const artifact = artifactOf(document);
    if (artifact) void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: artifactDiagnostics(document, artifact, lang) });
  }

  /** After a capture was analysed or correlated, or the language changed. */
  revalidateAll(): void {
    for (const document of this.documents.all()) this.validate(document);
  }

  listen(): void {
    const { connection, documents, store } = this;
    documents.onDidChangeContent(({ document }) => this.validate(document));
    documents.onDidClose(({ document }) => void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));

    connection.onHover(({ textDocument, position }) => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      if (isReport(document)) {
        const view = this.reportView(document);
        return view ? reportHover(linesOf(document), position, view, store.language, reportWords(store.language)) : null;
      }
      const artifact = artifactOf(document);
      return artifact ? artifactHover(document, artifact, position, store.language, store) : null;
    });

    connection.onDocumentSymbol(({ textDocument }) => {
      const document = documents.get(textDocument.uri);
      return document && isReport(document) ? reportSymbols(linesOf(document)) : [];
    });

    connection.onCodeAction((params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      if (isReport(document)) {
        const view = this.reportView(document);
        return view ? reportCodeActions(linesOf(document), params.range, view, reportWords(store.language)) : [];
      }
      return artifactOf(document) ? artifactCodeActions(document, params, store.language) : [];
    });

    documents.listen(connection);
  }
}
