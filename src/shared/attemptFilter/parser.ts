/**
 * Parses a filter expression into a checked tree, by recursive descent with one token of look-ahead:
 * no backtracking, so the work is linear in the length. The length and the nesting are bounded before
 * they can cost anything (hostile input: the expression may come from a saved state or a peer).
 *
 *   expression := and (('||' | 'or') and)*
 *   and        := unary (('&&' | 'and') unary)*
 *   unary      := ('!' | 'not') unary | '(' expression ')' | test
 *   test       := field [comparison value | 'in' '{' value (','? value)* '}']
 */
import type { ComparisonOperator, FilterLiteral, FilterNode } from './ast.js';
import { filterField, type FilterField } from './fields.js';
import { FilterSyntaxError, filterError, type FilterError } from './filterError.js';
import { tokenize, type Token } from './lexer.js';

export const MAX_FILTER_LENGTH = 2000;
/** Parentheses and negations inside one another; far beyond what a person types, far below the stack. */
export const MAX_FILTER_NESTING = 32;

export type ParsedFilter = { ok: true; tree: FilterNode } | { ok: false; error: FilterError };

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', '~']);
const ORDERINGS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);
/** To milliseconds; microseconds by division, which is exact for the values a capture shows. */
const DURATION_UNITS_MS: Record<string, (value: number) => number> = { us: (value) => value / 1000, ms: (value) => value, s: (value) => value * 1000 };
const FLAG_WORDS: Record<string, boolean> = { true: true, false: false };

export function parseAttemptFilter(source: string): ParsedFilter {
  try {
    if (source.length > MAX_FILTER_LENGTH) throw new FilterSyntaxError(filterError('too-long', MAX_FILTER_LENGTH, String(MAX_FILTER_LENGTH)));
    return { ok: true, tree: new Parser(tokenize(source)).parse() };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.error };
    throw error;
  }
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const tree = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') throw new FilterSyntaxError(filterError('expected-end', next.position));
    return tree;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private take(): Token {
    const token = this.tokens[this.at]!;
    if (token.kind !== 'end') this.at++;
    return token;
  }

  /** The next token is this operator, or this word (any case) when the operator has a word form. */
  private accept(operator: string, word?: string): boolean {
    const next = this.peek();
    const matches = (next.kind === 'operator' && next.text === operator) || (word !== undefined && next.kind === 'word' && next.text.toLowerCase() === word);
    if (matches) this.at++;
    return matches;
  }

  private expression(): FilterNode {
    const operands = [this.conjunction()];
    while (this.accept('||', 'or')) operands.push(this.conjunction());
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private conjunction(): FilterNode {
    const operands = [this.unary()];
    while (this.accept('&&', 'and')) operands.push(this.unary());
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private unary(): FilterNode {
    const start = this.peek();
    if (this.accept('!', 'not')) return { kind: 'not', operand: this.nested(start, () => this.unary()) };
    if (this.accept('(')) {
      const inner = this.nested(start, () => this.expression());
      const close = this.peek();
      if (!this.accept(')')) throw new FilterSyntaxError(filterError('expected-closing', close.position, ')'));
      return inner;
    }
    return this.test();
  }

  private nested(start: Token, parse: () => FilterNode): FilterNode {
    if (++this.depth > MAX_FILTER_NESTING) throw new FilterSyntaxError(filterError('too-deep', start.position, String(MAX_FILTER_NESTING)));
    const node = parse();
    this.depth--;
    return node;
  }

  private test(): FilterNode {
    const name = this.peek();
    if (name.kind !== 'word' || isKeyword(name.text)) throw new FilterSyntaxError(filterError('expected-field', name.position));
    this.take();
    const field = filterField(name.text);
    if (!field) throw new FilterSyntaxError(filterError('unknown-field', name.position, name.text));
    const next = this.peek();
    if (next.kind === 'operator' && COMPARISONS.has(next.text)) {
      this.take();
      const operator = next.text as ComparisonOperator;
      checkOperator(field, operator, next);
      return { kind: 'compare', field, operator, value: this.value(field, next, operator === '~') };
    }
    if (next.kind === 'word' && next.text.toLowerCase() === 'in') {
      this.take();
      if (field.kind === 'flag') throw new FilterSyntaxError(filterError('operator-not-for-field', next.position, 'in', field.name));
      const open = this.peek();
      if (!this.accept('{')) throw new FilterSyntaxError(filterError('expected-closing', open.position, '{'));
      const values = [this.value(field, open)];
      for (;;) {
        if (this.accept('}')) return { kind: 'in', field, values };
        const separator = this.peek();
        if (this.accept(',')) values.push(this.value(field, separator));
        else if (separator.kind === 'word' || separator.kind === 'string') values.push(this.value(field, separator));
        else throw new FilterSyntaxError(filterError('expected-closing', separator.position, '}'));
      }
    }
    return { kind: 'present', field };
  }

  /** The literal after `after` (an operator, `{` or `,`), as the field compares it; `~` takes any text. */
  private value(field: FilterField, after: Token, substring = false): FilterLiteral {
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'string') throw new FilterSyntaxError(filterError('expected-value', token.position, after.text));
    this.take();
    const text = token.text.toLowerCase();
    if (substring) return text;
    switch (field.kind) {
      case 'number': {
        const number = numberOf(text);
        if (number === null) throw new FilterSyntaxError(filterError('expected-number', token.position, after.text));
        return number;
      }
      case 'duration': {
        const match = /^(.*?)(us|ms|s)?$/.exec(text)!;
        const number = numberOf(match[1]!);
        if (number === null) throw new FilterSyntaxError(filterError('expected-duration', token.position, after.text));
        return DURATION_UNITS_MS[match[2] ?? 'ms']!(number);
      }
      case 'flag': {
        if (!(text in FLAG_WORDS)) throw new FilterSyntaxError(filterError('expected-one-of', token.position, 'true, false'));
        return FLAG_WORDS[text]!;
      }
      case 'choice': {
        if (!field.choices!.includes(text)) throw new FilterSyntaxError(filterError('expected-one-of', token.position, field.choices!.join(', ')));
        return text;
      }
      case 'text':
        return text;
    }
  }
}

function isKeyword(word: string): boolean {
  return ['and', 'or', 'not', 'in'].includes(word.toLowerCase());
}

/** `<`… compare numbers only; `~` looks inside words; flags take `==` and `!=`. */
function checkOperator(field: FilterField, operator: ComparisonOperator, token: Token): void {
  const numeric = field.kind === 'number' || field.kind === 'duration';
  const allowed = ORDERINGS.has(operator) ? numeric : operator === '~' ? field.kind === 'text' || field.kind === 'choice' : true;
  if (!allowed) throw new FilterSyntaxError(filterError('operator-not-for-field', token.position, operator, field.name));
}

/** Decimal (with a fraction) or `0x` hexadecimal; null for anything else. */
function numberOf(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text) || /^\.\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  return null;
}
