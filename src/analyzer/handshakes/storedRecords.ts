/**
 * The records of a finished tracker that listed very many attempts (a SYN flood, a port scan), kept as
 * the tracker's rows rather than as objects of their own. A record object is some 0.55 KB; ten million
 * of them would not fit beside anything else. Here each attempt is an object of one number, its row id,
 * whose fields read the store at the row's attempt number (the id less one when every listed attempt's
 * number is its row's, as in a capture in time order that no row limit cut; otherwise from an array): the common ones (endpoints, ISN,
 * times, SYNs, SYN-ACK, ACK, reset, teardown, outcome) straight from the attempt's row, the others
 * (the latencies and what is made of them) from the record handshakeRecord makes of the row when one of
 * them is read, the latest such record kept, unless the row has no SYN-ACK and so no latency. JSON.stringify writes the made record
 * (toJSON), so the output is the same text as that of plain records.
 *
 * The store no longer changes once the tracker has finished: a snapshot of a capture still being read
 * makes plain records instead.
 */
import type {
  Endpoint, ForeignAckSeen, HandshakeAttempt, NatView, Outcome, ResetSeen, SynAckSeen, SynTransmission, TcpOptionsSeen, Teardown, TunnelSeen, Vantage, Verdict,
} from '../model.js';
import type { AttemptColumns, NumberColumn } from './attemptColumns.js';
import type { AttemptStore, ConnectionAttempt, SynPoint } from './connectionAttempt.js';
import { ackOf, handshakeRecord, recordOutcome, RecordSharing, resetOf, sideEndpoint, synAckOf, teardownOf } from './handshakeRecord.js';
import { verdictOf } from './verdict.js';

/**
 * Listed attempts from which a tracker keeps its records as rows. Below it records are plain objects,
 * faster to read field by field (a diagnosis reads every record several times); from it, memory decides.
 */
export const STORED_RECORDS_FROM = 1_000_000;

/** The store of a finished tracker, read through a cursor of its own, and the records made of it. */
class RecordRows {
  private readonly cursor: ConnectionAttempt;
  private readonly sharing = new RecordSharing();
  private madeId = 0;
  private made: HandshakeAttempt | null = null;

  constructor(
    store: AttemptStore,
    /** What the verdicts are judged at (handshakeRecord's `captureEnd`). */
    private readonly captureEnd: number,
    /** The NAT views folded into a row, by the row's attempt number. */
    private readonly viewsOf: ReadonlyMap<number, NatView[]>,
  ) {
    this.cursor = store.cursor();
  }

  at(attempt: number): ConnectionAttempt {
    return this.cursor.at(attempt);
  }

  record(id: number, attempt: number): HandshakeAttempt {
    if (this.made === null || this.madeId !== id) {
      this.made = handshakeRecord(id, this.cursor.at(attempt), this.captureEnd, this.sharing, this.viewsOf.get(attempt));
      this.madeId = id;
    }
    return this.made;
  }

  client(attempt: number): Endpoint {
    return sideEndpoint(this.cursor.at(attempt), true, this.sharing);
  }

  server(attempt: number): Endpoint {
    return sideEndpoint(this.cursor.at(attempt), false, this.sharing);
  }

  /**
   * Whether the row has a SYN-ACK: without one there are no latencies and the vantage is unknown, which a
   * flood's attempts read without a record being made for each (a diagnosis reads them in every pass).
   */
  answered(attempt: number): boolean {
    return this.cursor.at(attempt).hasSynAck;
  }

  natViews(attempt: number): NatView[] | undefined {
    const views = this.viewsOf.get(attempt);
    return views !== undefined && views.length > 0 ? views : undefined;
  }

  foreignAck(attempt: number): ForeignAckSeen | undefined {
    return this.cursor.at(attempt).foreignAnswer() ?? undefined;
  }
}

/**
 * One listed attempt as a row of the store; `rows` and `attempt` come from the class made for each
 * finished tracker. One field: a second cost 8 bytes a row, 80 MB for ten million.
 */
abstract class StoredAttempt implements HandshakeAttempt {
  protected abstract readonly rows: RecordRows;
  /** The columns of the records this one is among; its row is its id less one. */
  protected abstract readonly columns: StoredColumns;
  /** The attempt's number in the store. */
  protected abstract readonly attempt: number;

  constructor(readonly id: number) {}

  private get record(): HandshakeAttempt {
    return this.rows.record(this.id, this.attempt);
  }

  get client(): Endpoint { return this.rows.client(this.attempt); }
  get server(): Endpoint { return this.rows.server(this.attempt); }
  get ipVersion(): 4 | 6 { return this.rows.at(this.attempt).flow.ipVersion; }
  get isn(): number { return this.rows.at(this.attempt).isn; }
  get synTime(): number { return this.rows.at(this.attempt).synTime; }
  get ttl(): number { return this.rows.at(this.attempt).ttl; }
  /** Judged once per row and kept (StoredColumns.outcome): a diagnosis reads it in several passes. */
  get outcome(): Outcome { return this.columns.outcome(this.id - 1); }
  get verdict(): Verdict { return verdictOf(this.outcome); }
  get syns(): SynTransmission[] { return this.rows.at(this.attempt).syns; }
  /** `syns.length`, counted in the row without making the SYNs' objects. */
  get synCount(): number { return this.rows.at(this.attempt).synCount; }
  get synOptions(): TcpOptionsSeen { return this.rows.at(this.attempt).synOptions(); }
  get synAck(): SynAckSeen | null { return synAckOf(this.rows.at(this.attempt)); }
  get ack(): HandshakeAttempt['ack'] { return ackOf(this.rows.at(this.attempt)); }
  get rst(): ResetSeen | null { return resetOf(this.rows.at(this.attempt)); }
  get teardown(): Teardown { return teardownOf(this.rows.at(this.attempt)); }
  get rttMs(): number | null { return this.rows.answered(this.attempt) ? this.record.rttMs : null; }
  get ackDelayMs(): number | null { return this.rows.answered(this.attempt) ? this.record.ackDelayMs : null; }
  get vantage(): Vantage { return this.rows.answered(this.attempt) ? this.record.vantage : 'unknown'; }
  get natViews(): NatView[] | undefined { return this.rows.natViews(this.attempt); }
  get tunnel(): TunnelSeen | null | undefined { return this.rows.at(this.attempt).tunnel; }
  get foreignAck(): ForeignAckSeen | null | undefined { return this.rows.foreignAck(this.attempt); }

  /** The record as a plain object: what JSON.stringify writes. */
  toJSON(): HandshakeAttempt {
    return this.record;
  }
}

/** Every outcome, by the code a row's outcome is kept as once read. */
const OUTCOMES: readonly Outcome[] = ['established', 'refused', 'no-reply', 'no-ack', 'reset-by-client', 'syn-ack-after-give-up', 'capture-ended', 'not-accepted'];
/** A row whose outcome is not read yet. */
const UNREAD = 0xff;

/**
 * The columns of a finished tracker's records, by row. A row's outcome is judged once and kept (a byte a
 * row): the table's filters and sorts read it again with each query, and the store no longer changes.
 */
class StoredColumns implements AttemptColumns {
  private readonly cursor: ConnectionAttempt;
  private outcomes: Uint8Array | null = null;

  constructor(
    private readonly store: AttemptStore,
    private readonly rowsOf: RecordRows,
    /** The attempt number of each row, or null when row r's is r. */
    private readonly attempts: Int32Array | null,
    readonly rows: number,
    private readonly captureEnd: number,
  ) {
    this.cursor = store.cursor();
  }

  private attemptOf(row: number): number {
    return this.attempts === null ? row : this.attempts[row];
  }

  private isn(row: number): number { return this.store.isnOf(this.attemptOf(row)); }
  private synTime(row: number): number { return this.store.synTimeOf(this.attemptOf(row)); }
  private answered(row: number): boolean { return this.store.hasSynAckOf(this.attemptOf(row)); }
  private synCount(row: number): number { return this.store.synCountOf(this.attemptOf(row)); }

  outcome(row: number): Outcome {
    const outcomes = (this.outcomes ??= new Uint8Array(this.rows).fill(UNREAD));
    let code = outcomes[row];
    if (code === UNREAD) outcomes[row] = code = OUTCOMES.indexOf(recordOutcome(this.cursor.at(this.attemptOf(row)), this.captureEnd));
    return OUTCOMES[code];
  }

  ipv4Endpoint(row: number, client: boolean): number {
    const attempt = this.attemptOf(row);
    return this.store.flows.ipv4Endpoint(this.store.flowOf(attempt), this.store.clientIsAOf(attempt) === client);
  }

  read(column: NumberColumn, rows: Uint32Array, into: Float64Array): void {
    // A loop per column, each a call the compiler inlines.
    switch (column) {
      case 'isn': for (let at = 0; at < rows.length; at++) into[at] = this.isn(rows[at]); break;
      case 'synTime': for (let at = 0; at < rows.length; at++) into[at] = this.synTime(rows[at]); break;
      case 'client': for (let at = 0; at < rows.length; at++) into[at] = this.ipv4Endpoint(rows[at], true); break;
      case 'server': for (let at = 0; at < rows.length; at++) into[at] = this.ipv4Endpoint(rows[at], false); break;
      case 'answered': for (let at = 0; at < rows.length; at++) into[at] = this.answered(rows[at]) ? 1 : 0; break;
      case 'synCount': for (let at = 0; at < rows.length; at++) into[at] = this.synCount(rows[at]); break;
    }
  }

  reader(column: NumberColumn): (row: number) => number {
    switch (column) {
      case 'isn': return (row) => this.isn(row);
      case 'synTime': return (row) => this.synTime(row);
      case 'client': return (row) => this.ipv4Endpoint(row, true);
      case 'server': return (row) => this.ipv4Endpoint(row, false);
      case 'answered': return (row) => (this.answered(row) ? 1 : 0);
      case 'synCount': return (row) => this.synCount(row);
    }
  }

  endpoint(row: number, client: boolean): Endpoint {
    const attempt = this.attemptOf(row);
    return client ? this.rowsOf.client(attempt) : this.rowsOf.server(attempt);
  }

  onlySyn(row: number, into: SynPoint): boolean {
    return this.store.onlySynOf(this.attemptOf(row), into);
  }
}

/** The columns of records that storedRecords made, by the array it returned. */
const columnsByRecords = new WeakMap<readonly HandshakeAttempt[], AttemptColumns>();

/**
 * The columns of `records` when they are the rows of a finished tracker's store, as storedRecords
 * returned them (a copy or a part of them has none: its rows are not the store's); otherwise null.
 */
export function columnsOf(records: readonly HandshakeAttempt[]): AttemptColumns | null {
  return columnsByRecords.get(records) ?? null;
}

/**
 * Records of the attempts `ordered` (attempt numbers, in row order; `primaryOf[index] >= 0` marks a NAT
 * view folded into another row) of a finished tracker's `store`.
 */
export function storedRecords(
  store: AttemptStore, ordered: Int32Array, primaryOf: Int32Array, captureEnd: number, viewsOf: ReadonlyMap<number, NatView[]>,
): HandshakeAttempt[] {
  const rows = new RecordRows(store, captureEnd, viewsOf);
  const attempts = rowAttempts(ordered, primaryOf);
  const count = attempts === null ? ordered.length : attempts.length;
  const columns = new StoredColumns(store, rows, attempts, count, captureEnd);
  class Stored extends StoredAttempt {
    protected get rows(): RecordRows { return rows; }
    protected get columns(): StoredColumns { return columns; }
    protected get attempt(): number { return attempts === null ? this.id - 1 : attempts[this.id - 1]; }
  }
  // Made at its length: grown by pushes, ten million rows would leave arrays of up to twice that behind.
  const handshakes: HandshakeAttempt[] = new Array(count);
  for (let row = 0; row < count; row++) handshakes[row] = new Stored(row + 1);
  columnsByRecords.set(handshakes, columns);
  return handshakes;
}

/**
 * The attempt number of each row (those of `ordered` but the NAT views folded into another), or null
 * when row r's is r: then a record needs nothing beside its id.
 */
function rowAttempts(ordered: Int32Array, primaryOf: Int32Array): Int32Array | null {
  let identity = true;
  let count = 0;
  for (let index = 0; index < ordered.length; index++) {
    if (primaryOf[index] >= 0) identity = false;
    else if (ordered[index] !== count++) identity = false;
  }
  if (identity) return null;
  const attempts = new Int32Array(count);
  let row = 0;
  for (let index = 0; index < ordered.length; index++) if (primaryOf[index] < 0) attempts[row++] = ordered[index];
  return attempts;
}

/** The attempt as a plain object, for a copy made by spreading it (a stored record's fields are not its own). */
export function plainRecord(attempt: HandshakeAttempt): HandshakeAttempt {
  return attempt instanceof StoredAttempt ? attempt.toJSON() : attempt;
}

/** How many SYNs the attempt sent: a stored record counts them in its row, a plain one is an array. */
export function synCountOf(attempt: HandshakeAttempt): number {
  return attempt instanceof StoredAttempt ? attempt.synCount : attempt.syns.length;
}
