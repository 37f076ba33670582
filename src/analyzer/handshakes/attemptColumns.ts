/**
 * The fields the table sorts and filters by, read by row (a record's index among the records, its id
 * less one) straight from a finished tracker's store rather than through a record's getters: at ten
 * million rows a getter's few hundred nanoseconds a field were seconds a sort. Only records kept as the
 * store's rows have them (storedRecords.ts, `columnsOf`); plain records are read as they are.
 */
import type { Endpoint, Outcome } from '../model.js';
import type { SynPoint } from './connectionAttempt.js';

/**
 * A number column read for many rows at once: the client's and the server's as ipv4Endpoint gives them,
 * `answered` 1 or 0, `synCount` the SYNs sent (`syns.length`).
 */
export type NumberColumn = 'isn' | 'synTime' | 'client' | 'server' | 'answered' | 'synCount';

export interface AttemptColumns {
  readonly rows: number;
  outcome(row: number): Outcome;
  /** The client's (or the server's) IPv4 address × 65,536 + port; -1 when the endpoint is IPv6. */
  ipv4Endpoint(row: number, client: boolean): number;
  /**
   * The column's value of each of `rows` into `into` (as long): one call for a sort's keys, where a call
   * a row through the sort's key function cost more than the reading.
   */
  read(column: NumberColumn, rows: Uint32Array, into: Float64Array): void;
  /** The column's value of one row at a time: a filter's test, which reads a row's fields only as far as it needs them. */
  reader(column: NumberColumn): (row: number) => number;
  /** The endpoint as the record gives it: for IPv6 endpoints, whose order is their text's. */
  endpoint(row: number, client: boolean): Endpoint;
  /**
   * Whether the row's attempt sent a single SYN; then `into` holds its time and TSval (SynPoint), read
   * without making the record's `syns`: the clock inference and the PAWS replay read every row's.
   */
  onlySyn(row: number, into: SynPoint): boolean;
}
