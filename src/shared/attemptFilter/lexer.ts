/**
 * Splits a filter expression into tokens, each with its offset. One pass, no backtracking: the work is
 * linear in the length, which the parser bounds first.
 */
import { FilterSyntaxError, filterError } from './filterError.js';

export type TokenKind = 'word' | 'string' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** The operator, the word as typed, or the string's value without quotes and escapes. */
  text: string;
  position: number;
}

/** Longest first, so `<=` is never read as `<` then `=`. */
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '~', '!', '(', ')', '{', '}', ','] as const;

/** Field names and bare values: `server.port`, `paws-tw-recycle`, `10.42.`, `[2001:db8::1]:443`, `10ms` (no `/`: there are no prefixes). */
const WORD_CHARACTER = /[A-Za-z0-9_.:\-[\]]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const character = source[at]!;
    if (/\s/.test(character)) {
      at++;
      continue;
    }
    const operator = OPERATORS.find((candidate) => source.startsWith(candidate, at));
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, position: at });
      at += operator.length;
      continue;
    }
    if (character === '"' || character === "'") {
      at = readString(source, at, tokens);
      continue;
    }
    if (!WORD_CHARACTER.test(character)) throw new FilterSyntaxError(filterError('unexpected-character', at, character));
    const start = at;
    while (at < source.length && WORD_CHARACTER.test(source[at]!)) at++;
    tokens.push({ kind: 'word', text: source.slice(start, at), position: start });
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

/** A quoted string; a backslash takes the next character literally. Returns the offset after it. */
function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start]!;
  let value = '';
  let at = start + 1;
  while (at < source.length) {
    const character = source[at]!;
    if (character === quote) {
      tokens.push({ kind: 'string', text: value, position: start });
      return at + 1;
    }
    if (character === '\\' && at + 1 < source.length) {
      value += source[at + 1];
      at += 2;
      continue;
    }
    value += character;
    at++;
  }
  throw new FilterSyntaxError(filterError('unterminated-string', start));
}
