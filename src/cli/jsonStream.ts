/**
 * `JSON.stringify(object, null, 2)` of an object with one array property written a few rows at a time,
 * so that the report's rows never need to be one string, nor all exist at once. The bytes are the same
 * as JSON.stringify's (test/unit/cli-streamed-output.test.ts holds it to that).
 */
import type { OutputSink } from './outputSink.js';

const INDENT = '  ';

/**
 * Rows stringified by one JSON.stringify call: one native call for a batch, already indented at the
 * rows' depth, costs half of one call per row re-indented by a regular expression (20,000 rows of the
 * benchmark capture: 69 ms against 125 ms), while 64 rows of about 1.5 KB stay a small string.
 */
const ROWS_PER_BATCH = 64;

/**
 * What `JSON.stringify({ rows: batch }, null, 2)` writes around the rows: with the batch one level
 * deeper than the rows of the report (the report's array is a property of the top object), its rows
 * come out at their depth in the report.
 */
const BATCH_OPENING = `{\n${INDENT}"rows": [`;
const BATCH_CLOSING = `\n${INDENT}]\n}`;

/** A value JSON.stringify writes as a property (it drops undefined, functions and symbols). */
function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** `value` as JSON.stringify(…, null, 2) writes it nested `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + INDENT.repeat(depth));
}

/**
 * Writes `object` with its property `rowsKey` (kept in its place among the others) replaced by `rows`,
 * then a newline.
 */
export function writeJsonWithRows(sink: OutputSink, object: object, rowsKey: string, rows: Iterable<unknown>): void {
  const properties = Object.entries(object).filter(([key, value]) => key === rowsKey || isWritten(value));
  if (properties.length === 0) {
    sink.write('{}\n');
    return;
  }
  sink.write('{');
  properties.forEach(([key, value], index) => {
    sink.write(`${index === 0 ? '' : ','}\n${INDENT}${JSON.stringify(key)}: `);
    if (key === rowsKey) writeRows(sink, rows);
    else sink.write(nested(value, 1));
  });
  sink.write('\n}\n');
}

/** `\n    row,\n    row…` of a batch: an array stringifies what is not written as null, as writeRows must. */
function batchText(batch: unknown[]): string {
  const text = JSON.stringify({ rows: batch }, null, 2);
  return text.slice(BATCH_OPENING.length, text.length - BATCH_CLOSING.length);
}

function writeRows(sink: OutputSink, rows: Iterable<unknown>): void {
  let first = true;
  let batch: unknown[] = [];
  const writeBatch = () => {
    sink.write(`${first ? '[' : ','}${batchText(batch)}`);
    first = false;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_PER_BATCH) writeBatch();
  }
  if (batch.length > 0) writeBatch();
  sink.write(first ? '[]' : `\n${INDENT}]`);
}
