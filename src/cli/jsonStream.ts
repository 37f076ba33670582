/**
 * `JSON.stringify(object, null, 2)` of an object with one array property written a row at a time, so
 * that the report's rows never need to be one string, nor all exist at once. The bytes are the same as
 * JSON.stringify's (test/unit/cli-streamed-output.test.ts holds it to that).
 */
import type { OutputSink } from './outputSink.js';

const INDENT = '  ';

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

function writeRows(sink: OutputSink, rows: Iterable<unknown>): void {
  let first = true;
  for (const row of rows) {
    sink.write(`${first ? '[' : ','}\n${INDENT}${INDENT}${nested(isWritten(row) ? row : null, 2)}`);
    first = false;
  }
  sink.write(first ? '[]' : `\n${INDENT}]`);
}
