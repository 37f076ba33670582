/** A filter expression's error in the page's language: the template of its code, filled in. */
import { formatFilterError, type FilterError, type FilterErrorCode } from '../shared/attemptFilter/index.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';

const TEMPLATE: Record<FilterErrorCode, keyof WebviewStrings> = {
  'too-long': 'filterErrorTooLong',
  'too-deep': 'filterErrorTooDeep',
  'unexpected-character': 'filterErrorUnexpectedCharacter',
  'unterminated-string': 'filterErrorUnterminatedString',
  'expected-field': 'filterErrorExpectedField',
  'unknown-field': 'filterErrorUnknownField',
  'expected-value': 'filterErrorExpectedValue',
  'expected-number': 'filterErrorExpectedNumber',
  'expected-duration': 'filterErrorExpectedDuration',
  'expected-one-of': 'filterErrorExpectedOneOf',
  'operator-not-for-field': 'filterErrorOperatorNotForField',
  'expected-closing': 'filterErrorExpectedClosing',
  'expected-end': 'filterErrorExpectedEnd',
};

export function filterErrorText(strings: WebviewStrings, error: FilterError): string {
  return formatFilterError(strings[TEMPLATE[error.code]], error);
}
