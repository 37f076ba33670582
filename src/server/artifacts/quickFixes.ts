/**
 * Quick fixes for a diagnostic the client sends back with a code-action request. They are recomputed from
 * the document's current text, so a stale diagnostic (the text changed since) gets no edit that would land
 * on the wrong characters.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ArtifactQuickFix, Range } from './lspShapes.js';
import { analyzeSysctl } from './sysctlDiagnostics.js';
import type { Lang } from './texts.js';

export function quickFixes(text: string, diagnostic: Pick<Diagnostic, 'range' | 'code'>, lang: Lang = 'en'): ArtifactQuickFix[] {
  const current = analyzeSysctl(text, lang).find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
  return current?.fixes ?? [];
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}
