/**
 * Why a filter expression does not parse: a code, the character offset it went wrong at, and the pieces
 * the message names. A value, so the language server can send it and the webview can word it in the
 * display language (src/shared/webviewStrings.ts holds one template per code).
 */
export type FilterErrorCode =
  | 'too-long'
  | 'too-deep'
  | 'unexpected-character'
  | 'unterminated-string'
  | 'expected-field'
  | 'unknown-field'
  | 'expected-value'
  | 'expected-number'
  | 'expected-duration'
  | 'expected-one-of'
  | 'operator-not-for-field'
  | 'expected-closing'
  | 'expected-end';

export interface FilterError {
  code: FilterErrorCode;
  /** 0-based character offset in the expression. */
  position: number;
  /** The texts the message quotes, in the order of its `{0}`, `{1}`… placeholders (the position comes last). */
  args: string[];
  /** The message in English, for programs and logs. */
  message: string;
}

/** English message templates; `{n}` is args[n], and the placeholder after the last arg is the position. */
export const FILTER_ERROR_TEMPLATES: Record<FilterErrorCode, string> = {
  'too-long': 'the filter is longer than {0} characters',
  'too-deep': 'more than {0} nested parentheses or negations at {1}',
  'unexpected-character': "unexpected character '{0}' at {1}",
  'unterminated-string': 'unterminated string starting at {0}',
  'expected-field': "expected a field, '(' or '!' at {0}",
  'unknown-field': "unknown field '{0}' at {1}",
  'expected-value': "expected a value after '{0}' at {1}",
  'expected-number': "expected a number after '{0}' at {1}",
  'expected-duration': "expected a duration such as 10ms after '{0}' at {1}",
  'expected-one-of': 'expected one of {0} at {1}',
  'operator-not-for-field': "'{0}' does not apply to {1} at {2}",
  'expected-closing': "expected '{0}' at {1}",
  'expected-end': "expected '&&', '||' or the end of the filter at {0}",
};

/** Fills a template: `{n}` is args[n], `{args.length}` the position. */
export function formatFilterError(template: string, error: Pick<FilterError, 'args' | 'position'>): string {
  const values = [...error.args, String(error.position)];
  return template.replace(/\{(\d+)\}/g, (match, index: string) => values[Number(index)] ?? match);
}

export function filterError(code: FilterErrorCode, position: number, ...args: string[]): FilterError {
  return { code, position, args, message: formatFilterError(FILTER_ERROR_TEMPLATES[code], { args, position }) };
}

/** Thrown inside the lexer and parser only; parseAttemptFilter turns it into a result value. */
export class FilterSyntaxError extends Error {
  constructor(readonly error: FilterError) {
    super(error.message);
  }
}
