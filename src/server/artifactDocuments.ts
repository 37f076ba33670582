/**
 * The text artifacts of an investigation (sysctl settings, `netstat -s`, `nstat`) through the pure
 * analysers in ./artifacts: diagnostics, hovers and quick fixes. Counter hovers are related to the latest
 * correlated capture pair, whose server side is the host the counters most likely come from.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Hover, type Position } from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../analyzer/explain/language.js';
import {
  analyzeCounters, analyzeSysctl, detectArtifactLanguage, hoverCounters, hoverSysctl, quickFixes, type ArtifactLanguage, type CaptureContext,
} from './artifacts/index.js';
import type { CaptureStore } from './captureStore.js';

const LANGUAGE_IDS = new Set<string>(['sysctl', 'netstat', 'nstat']);

/** The artifact a document is: by its language id, else (plain text) by its name and first lines. */
export function artifactOf(document: TextDocument): ArtifactLanguage | undefined {
  if (LANGUAGE_IDS.has(document.languageId)) return document.languageId as ArtifactLanguage;
  if (document.languageId !== 'plaintext') return undefined;
  return detectArtifactLanguage(document.uri, document.getText({ start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }));
}

export function artifactDiagnostics(document: TextDocument, artifact: ArtifactLanguage, lang: Lang): Diagnostic[] {
  const found = artifact === 'sysctl' ? analyzeSysctl(document.getText(), lang) : analyzeCounters(document.getText(), lang);
  // The fixes travel by code action, recomputed from the text then; they are no part of the diagnostic.
  return found.map(({ fixes: _fixes, ...diagnostic }) => diagnostic);
}

function captureContext(store: CaptureStore): CaptureContext | undefined {
  const pair = store.allPairs().at(-1);
  if (!pair) return undefined;
  return { captureName: pair.server.capture.name, unansweredSyns: pair.paws.unansweredSyns, pawsPredictedDrops: pair.paws.predictedDrops };
}

export function artifactHover(document: TextDocument, artifact: ArtifactLanguage, position: Position, lang: Lang, store: CaptureStore): Hover | null {
  const text = document.getText();
  if (artifact === 'sysctl') return hoverSysctl(text, position.line, position.character, lang);
  return hoverCounters(text, position.line, position.character, lang, captureContext(store));
}

export function artifactCodeActions(document: TextDocument, params: CodeActionParams, lang: Lang): CodeAction[] {
  const text = document.getText();
  return params.context.diagnostics.flatMap((diagnostic) => quickFixes(text, diagnostic, lang).map((fix): CodeAction => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [document.uri]: fix.edits } },
  })));
}
