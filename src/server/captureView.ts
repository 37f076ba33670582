/**
 * One way of looking at an analysed capture: on its own, or as one side of a correlated pair. The
 * diagnosis writes causes into the shared HandshakeAttempt objects, so each view keeps its own copy of
 * what was written (only for the attempts that got one) and lays it over the rows it hands out.
 */
import { atServerJson, handshakeJson } from '../analyzer/buildReport.js';
import type { CaptureAnalysis } from '../analyzer/captureScan.js';
import type { DiagnosisCode, HandshakeAttempt } from '../analyzer/model.js';
import type { DiagnosisJson, HandshakeJson } from '../analyzer/report.js';

export interface StoredCapture {
  uri: string;
  /** File path for `file:` URIs, else the URI. */
  name: string;
  analysis: CaptureAnalysis;
}

/** What a diagnosis writes into an attempt. */
export type AttemptAttribution = Pick<HandshakeAttempt, 'cause' | 'confidence' | 'atServer'>;

function snapshotAttributions(attempts: readonly HandshakeAttempt[]): Map<number, AttemptAttribution> {
  const written = new Map<number, AttemptAttribution>();
  attempts.forEach((attempt, index) => {
    if (attempt.cause !== null || attempt.atServer !== null) {
      written.set(index, { cause: attempt.cause, confidence: attempt.confidence, atServer: attempt.atServer });
    }
  });
  return written;
}

export class CaptureView {
  private readonly attributions: Map<number, AttemptAttribution>;
  private readonly indexById = new Map<number, number>();

  /** Call right after the diagnosis ran, before anything else writes into the attempts. */
  constructor(
    readonly capture: StoredCapture,
    readonly role: 'single' | 'client' | 'server',
    /** The diagnoses published for this capture, handshake ids in this capture's numbering. */
    readonly diagnoses: DiagnosisJson[],
    /** One line per attributed attempt id, for hovers. */
    readonly explanations: Map<number, string>,
  ) {
    this.attributions = snapshotAttributions(capture.analysis.handshakes);
    capture.analysis.handshakes.forEach((attempt, index) => this.indexById.set(attempt.id, index));
  }

  get attempts(): HandshakeAttempt[] {
    return this.capture.analysis.handshakes;
  }

  attributionAt(index: number): AttemptAttribution | undefined {
    return this.attributions.get(index);
  }

  causeAt(index: number): DiagnosisCode | null {
    return this.attributions.get(index)?.cause ?? null;
  }

  indexOf(id: number): number | undefined {
    return this.indexById.get(id);
  }

  attemptById(id: number): HandshakeAttempt | undefined {
    const index = this.indexById.get(id);
    return index === undefined ? undefined : this.attempts[index];
  }

  rowAt(index: number): HandshakeJson {
    const row = handshakeJson(this.attempts[index]);
    const written = this.attributions.get(index);
    row.cause = written?.cause ?? null;
    row.confidence = written?.confidence ?? null;
    row.atServer = atServerJson(written?.atServer ?? null);
    return row;
  }

  diagnosisFor(code: DiagnosisCode): DiagnosisJson | undefined {
    return this.diagnoses.find((diagnosis) => diagnosis.code === code);
  }
}
