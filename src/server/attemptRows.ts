/**
 * The rows of one view of a capture as the table asks for them (pages, ids, one attempt's detail): a
 * finished analysis (captureView.ts) or the attempts decided so far while it is read (partialView.ts).
 */
import type { AttemptColumns } from '../analyzer/handshakes/attemptColumns.js';
import type { AttemptFinding } from '../analyzer/diagnosis/attemptFindings.js';
import type { DiagnosisCode, HandshakeAttempt } from '../analyzer/model.js';
import type { HandshakeJson } from '../analyzer/report.js';

export interface AttemptRows {
  readonly attemptCount: number;
  /** Whether the attempts are held in id order (then the table's default order needs no sort). */
  readonly inIdOrder: boolean;
  /**
   * Whether the attempts' first SYN times never go down along the rows: then the table's default order,
   * time ascending, is the rows' own, and a query in it reads no attempt to sort.
   */
  readonly inTimeOrder: boolean;
  /** Whether the first SYN times rise along the rows, no two equal: then time descending is the rows' own order backwards. */
  readonly timesRise: boolean;
  /**
   * The sort and filter fields by index, read from the store of records kept as its rows (absent or null
   * for plain records, which are read as they are).
   */
  readonly columns?: AttemptColumns | null;
  /** Where the capture was taken, for the side of the ladder a lone capture shows. */
  readonly vantage: 'client' | 'server';
  /** One line per attributed attempt id, for hovers and the detail pane. */
  readonly explanations: ReadonlyMap<number, string>;
  attemptAt(index: number): HandshakeAttempt;
  findingAt(index: number): AttemptFinding | undefined;
  causeAt(index: number): DiagnosisCode | null;
  indexOf(id: number): number | undefined;
  attemptById(id: number): HandshakeAttempt | undefined;
  rowAt(index: number): HandshakeJson;
}
