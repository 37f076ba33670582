/**
 * When the table's search box holds an expression rather than words to look for. The rule is one a
 * person can see at a glance: an operator character, or one of the words `and`, `or`, `not`, `in`
 * standing alone, makes it an expression; anything else (an address, a port, `reset-by-middlebox`) stays
 * a substring search, as before.
 */
const OPERATOR_CHARACTER = /[=!<>~&|(){}"']/;
const KEYWORD = /(^|\s)(and|or|not|in)(\s|$)/i;

export function isFilterExpression(text: string): boolean {
  return OPERATOR_CHARACTER.test(text) || KEYWORD.test(text);
}
