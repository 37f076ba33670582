/**
 * Lines of a text artifact (netstat -s, nstat, sysctl, conntrack -S, ss output) and places within them:
 * zero-based lines and UTF-16 columns, as JavaScript strings count and as LSP numbers them, so the
 * language server uses these ranges as they are.
 */

export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** Splits on \n, \r\n and \r, as LSP clients number lines. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function rangeOn(line: number, start: number, end: number): TextRange {
  return { start: { line, character: start }, end: { line, character: end } };
}
