/** Lines of an artifact document and the LSP ranges within them (UTF-16 columns, as JavaScript strings count). */
import type { Position, Range } from './lspShapes.js';

import { rangeOn } from '../../analyzer/evidence/textLines.js';

export { rangeOn, splitLines } from '../../analyzer/evidence/textLines.js';

export function contains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  // A hover at the character just after a word still belongs to it, as editors report it.
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/** The range that deletes a whole line, its line break included, so no blank line stays behind. */
export function wholeLineRange(lines: readonly string[], line: number): Range {
  if (line + 1 < lines.length) return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  if (line > 0) return { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } };
  return rangeOn(line, 0, lines[line].length);
}
