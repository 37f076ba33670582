/**
 * Diagnostics, hovers, outline and code actions of an open text report, computed from the document's
 * lines and the capture view it shows (the view holds the causes and their explanations).
 */
import {
  DiagnosticSeverity, SymbolKind, type CodeAction, type Diagnostic, type DocumentSymbol, type Hover, type Position, type Range,
} from 'vscode-languageserver/node.js';
import { textsFor } from '../../analyzer/explain/catalog.js';
import type { Lang } from '../../analyzer/explain/language.js';
import type { LocationCode } from '../../analyzer/explain/texts.js';
import type { DiagnosisCode } from '../../analyzer/model.js';
import { COPY_WIRESHARK_FILTER_COMMAND, type HandshakeDiagnosticData } from '../../shared/lspExtensions.js';
import { DIAGNOSTIC_SOURCE, lspSeverity } from '../captureDiagnostics.js';
import type { CaptureView } from '../captureView.js';
import { wiresharkFilter } from '../wiresharkFilter.js';
import { parseAttemptLine, parseSectionHeader, type ParsedAttemptLine } from './reportLines.js';
import type { ReportWords } from './reportWords.js';

/** Squiggles beyond this many add nothing and slow the Problems panel. */
const MAX_LINE_DIAGNOSTICS = 5000;

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function causeExplanation(view: CaptureView, code: DiagnosisCode, lang: Lang): string {
  const diagnosis = view.diagnosisFor(code);
  if (diagnosis) return `**${diagnosis.title}**\n\n${diagnosis.explanation}`;
  const texts = textsFor(lang);
  if (code === 'paws-tw-recycle') return texts.pawsExplanation(false);
  if (code === 'nat-multiple-clocks') return texts.clocksExplanation;
  return texts.locationExplanation(code as LocationCode);
}

export function reportDiagnostics(lines: readonly string[], view: CaptureView): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (let line = 0; line < lines.length && diagnostics.length < MAX_LINE_DIAGNOSTICS; line++) {
    const parsed = parseAttemptLine(lines[line]);
    if (!parsed?.failed) continue;
    const index = view.indexOf(parsed.id);
    const attempt = index === undefined ? undefined : view.attempts[index];
    if (index === undefined || !attempt) continue;
    const cause = view.causeAt(index);
    const diagnosis = cause === null ? undefined : view.diagnosisFor(cause);
    const explanation = view.explanations.get(parsed.id);
    diagnostics.push({
      range: lineRange(line, parsed.textStart, lines[line].length),
      severity: diagnosis ? lspSeverity(diagnosis.severity) : DiagnosticSeverity.Warning,
      code: cause ?? attempt.outcome,
      source: DIAGNOSTIC_SOURCE,
      message: explanation || diagnosis?.title || `#${parsed.id}: ${attempt.outcome}`,
      data: { handshakeIds: [parsed.id] } satisfies HandshakeDiagnosticData,
    });
  }
  return diagnostics;
}

function within(position: Position, start: number, end: number): boolean {
  return position.character >= start && position.character <= end;
}

export function reportHover(lines: readonly string[], position: Position, view: CaptureView, lang: Lang, words: ReportWords): Hover | null {
  const text = lines[position.line];
  const parsed: ParsedAttemptLine | null = text === undefined ? null : parseAttemptLine(text);
  if (!parsed) return null;
  const index = view.indexOf(parsed.id);
  if (index === undefined) return null;
  const explanation = view.explanations.get(parsed.id);
  const markdown = (value: string, start: number, end: number): Hover => ({
    contents: { kind: 'markdown', value },
    range: lineRange(position.line, start, end),
  });
  if (parsed.cause && within(position, parsed.cause.start, parsed.cause.end)) {
    return markdown(causeExplanation(view, parsed.cause.code as DiagnosisCode, lang), parsed.cause.start, parsed.cause.end);
  }
  if (parsed.tsval && within(position, parsed.tsval.start, parsed.tsval.end)) {
    const value = [words.tsvalHover(parsed.tsval.value), explanation].filter(Boolean).join('\n\n');
    return markdown(value, parsed.tsval.start, parsed.tsval.end);
  }
  const row = view.rowAt(index);
  const heading = `**#${row.id}** ${row.client} → ${row.server}: ${row.verdict.toUpperCase()} (${row.outcome})`;
  const cause = row.cause === null ? undefined : view.diagnosisFor(row.cause);
  const value = [heading, explanation, cause && `*${cause.title}*`].filter(Boolean).join('\n\n');
  return markdown(value, parsed.textStart, text.length);
}

/** One symbol per section (a server, the diagnoses), with its failed attempts as children. */
export function reportSymbols(lines: readonly string[]): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let current: DocumentSymbol | null = null;
  lines.forEach((line, number) => {
    const section = parseSectionHeader(line);
    if (section !== null) {
      const range = lineRange(number, 0, line.length);
      current = { name: section, detail: line.slice(section.length + 6).trim(), kind: SymbolKind.Namespace, range, selectionRange: range, children: [] };
      symbols.push(current);
      return;
    }
    if (current === null || line.trim() === '') return;
    current.range = { start: current.range.start, end: { line: number, character: line.length } };
    const parsed = parseAttemptLine(line);
    if (parsed?.failed) {
      const range = lineRange(number, parsed.textStart, line.length);
      current.children!.push({ name: `#${parsed.id}`, detail: line.slice(line.indexOf(' IP') + 1), kind: SymbolKind.Event, range, selectionRange: range });
    }
  });
  return symbols;
}

export function reportCodeActions(lines: readonly string[], range: Range, view: CaptureView, words: ReportWords): CodeAction[] {
  const actions: CodeAction[] = [];
  for (let line = range.start.line; line <= range.end.line && line < lines.length && actions.length < 10; line++) {
    const parsed = parseAttemptLine(lines[line]);
    const attempt = parsed && view.attemptById(parsed.id);
    if (!parsed || !attempt) continue;
    const filter = wiresharkFilter(attempt);
    actions.push({
      title: `${words.wiresharkFilterAction} (#${parsed.id}): ${filter}`,
      command: { title: words.wiresharkFilterAction, command: COPY_WIRESHARK_FILTER_COMMAND, arguments: [filter] },
    });
  }
  return actions;
}
