/** The attempt filter language of the handshake table (docs/filters.md). */
export { isFilterExpression } from './expressionRule.js';
export { FILTER_FIELDS, filterField, type AttemptFacts } from './fields.js';
export { FILTER_ERROR_TEMPLATES, formatFilterError, type FilterError, type FilterErrorCode } from './filterError.js';
export { MAX_FILTER_LENGTH, MAX_FILTER_NESTING, parseAttemptFilter, type ParsedFilter } from './parser.js';
export { attemptPredicate, predicateOver, type AttemptPredicate, type FieldReading } from './predicate.js';
