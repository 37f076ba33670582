/**
 * One way of looking at an analysed capture: on its own, or as one side of a correlated pair. The
 * attempts are shared by every view; each view holds the findings of its own diagnosis and lays them
 * over the rows it hands out.
 */
import { handshakeJson } from '../analyzer/buildReport.js';
import type { CaptureAnalysis } from '../analyzer/captureScan.js';
import type { AttemptColumns } from '../analyzer/handshakes/attemptColumns.js';
import { columnsOf } from '../analyzer/handshakes/storedRecords.js';
import type { AttemptFinding, AttemptFindings } from '../analyzer/diagnosis/attemptFindings.js';
import type { DiagnosisCode, HandshakeAttempt } from '../analyzer/model.js';
import type { DiagnosisJson, HandshakeJson } from '../analyzer/report.js';
import type { AttemptRows } from './attemptRows.js';

export interface StoredCapture {
  uri: string;
  /** File path for `file:` URIs, else the URI. */
  name: string;
  analysis: CaptureAnalysis;
}

export class CaptureView implements AttemptRows {
  readonly inIdOrder = true;
  /**
   * Null when the attempts are numbered 1, 2, 3… in order, as an analysis numbers its rows: then an id's
   * index is the id less one, where a map of ten million ids cost some 400 MB.
   */
  private readonly indexById: Map<number, number> | null;
  /** Found once with the view, while the diagnosis is built: the first page of ten million rows needs it at once. */
  readonly inTimeOrder: boolean;
  readonly timesRise: boolean;
  /** The records' columns, by index: those of records kept as the tracker's rows. */
  readonly columns: AttemptColumns | null;

  constructor(
    readonly capture: StoredCapture,
    readonly role: 'single' | 'client' | 'server',
    /** The diagnoses published for this capture, handshake ids in this capture's numbering. */
    readonly diagnoses: DiagnosisJson[],
    /** One line per attributed attempt id, for hovers. */
    readonly explanations: ReadonlyMap<number, string>,
    /** What the diagnosis found per attempt id, in this capture's numbering. */
    private readonly findings: AttemptFindings,
    /** Where the capture was taken: a pair's sides, or what most attempts of a lone capture say. */
    readonly vantage: 'client' | 'server',
  ) {
    this.indexById = indexByIdOf(capture.analysis.handshakes);
    ({ neverDown: this.inTimeOrder, rise: this.timesRise } = timeOrderOf(capture.analysis.handshakes));
    this.columns = columnsOf(capture.analysis.handshakes);
  }

  get attempts(): HandshakeAttempt[] {
    return this.capture.analysis.handshakes;
  }

  get attemptCount(): number {
    return this.attempts.length;
  }

  attemptAt(index: number): HandshakeAttempt {
    return this.attempts[index];
  }

  findingAt(index: number): AttemptFinding | undefined {
    // Ids numbered 1, 2, 3…: the id without the record, which a query of ten million rows would load one by one.
    if (this.indexById === null) return Number.isInteger(index) && index >= 0 && index < this.attempts.length ? this.findings.get(index + 1) : undefined;
    const attempt = this.attempts[index];
    return attempt === undefined ? undefined : this.findings.get(attempt.id);
  }

  causeAt(index: number): DiagnosisCode | null {
    return this.findingAt(index)?.cause ?? null;
  }

  indexOf(id: number): number | undefined {
    if (this.indexById !== null) return this.indexById.get(id);
    return Number.isInteger(id) && id >= 1 && id <= this.attempts.length ? id - 1 : undefined;
  }

  attemptById(id: number): HandshakeAttempt | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.attempts[index];
  }

  rowAt(index: number): HandshakeJson {
    return handshakeJson(this.attempts[index], this.findingAt(index));
  }

  diagnosisFor(code: DiagnosisCode): DiagnosisJson | undefined {
    return this.diagnoses.find((diagnosis) => diagnosis.code === code);
  }
}

/** Whether the attempts' first SYN times never go down along them, and whether they also never repeat. */
function timeOrderOf(attempts: readonly HandshakeAttempt[]): { neverDown: boolean; rise: boolean } {
  let previous = -Infinity;
  let rise = true;
  for (const attempt of attempts) {
    const time = attempt.synTime;
    if (!(time >= previous)) return { neverDown: false, rise: false };
    if (time === previous) rise = false;
    previous = time;
  }
  return { neverDown: true, rise };
}

/** Each id's index in `attempts`; null when the ids are 1, 2, 3… (then an id's index is the id less one). */
export function indexByIdOf(attempts: readonly HandshakeAttempt[]): Map<number, number> | null {
  if (attempts.every((attempt, index) => attempt.id === index + 1)) return null;
  return new Map(attempts.map((attempt, index) => [attempt.id, index]));
}
