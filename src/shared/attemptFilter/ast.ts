/** What a filter expression parses to: checked against the fields, so evaluating it cannot fail. */
import type { FilterField } from './fields.js';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~';

/** A literal as the field compares it: numbers (durations in ms), lower-cased text, or a flag. */
export type FilterLiteral = number | string | boolean;

export type FilterNode =
  | { kind: 'or' | 'and'; operands: FilterNode[] }
  | { kind: 'not'; operand: FilterNode }
  /** A bare field: true when the attempt has a value for it (a flag: when it is set). */
  | { kind: 'present'; field: FilterField }
  | { kind: 'compare'; field: FilterField; operator: ComparisonOperator; value: FilterLiteral }
  | { kind: 'in'; field: FilterField; values: FilterLiteral[] };
