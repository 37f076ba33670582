/**
 * Several captures of one path correlated at once (correlation/correlatePath.ts), seen from each of
 * them: every capture gets a view in its own numbering, the rows it holds carrying the path row's cause
 * and path (each capture point that could have seen the attempt), so each capture's editor shows what the
 * whole path says about its attempts.
 */
import { pathCorrelationSteps, type PathCorrelation } from '../analyzer/correlation/correlatePath.js';
import type { DiagnosisSteps } from '../analyzer/diagnosis/diagnosisSteps.js';
import type { CaptureClock } from '../analyzer/correlation/captureOffsets.js';
import type { ReportDiagnosis } from '../analyzer/buildReport.js';
import type { Lang } from '../analyzer/explain/language.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import { CaptureView, type StoredCapture } from './captureView.js';
import { inNumbering, renumbered } from './diagnosisNumbering.js';

export interface PathView {
  /** The captures as given, and a view of each in its own numbering. */
  captures: StoredCapture[];
  views: CaptureView[];
  /** Index of the capture found (or named) at the server. */
  server: number;
  /** The capture indexes in path order, the client's first. */
  order: number[];
  /** Per capture: its clock minus the first capture's; null when nothing ties it to the first. */
  clocks: Array<CaptureClock | null>;
  /** The path's diagnoses, in the path rows' numbering. */
  diagnoses: DiagnosisJson[];
  /** The correlation itself: rows, paths, the server's matches. */
  correlation: PathCorrelation;
  /** Per capture: its attempt id → the path row's id. */
  rowOf: Array<Map<number, number>>;
}

/** The diagnosis weighed against the evidence beside the captures, as the store does for every view. */
export type WeighEvidence = (diagnosis: ReportDiagnosis, numbering: StoredCapture) => ReportDiagnosis;

/** Row id → the attempt ids of `capture` behind it (one, or none where the capture does not hold it). */
function idsIn(capture: number, rows: PathCorrelation['rows']): Map<number, number> {
  const ids = new Map<number, number>();
  for (const row of rows) {
    const sighting = row.sightings.get(capture);
    if (sighting) ids.set(row.attempt.id, sighting.id);
  }
  return ids;
}

/** The correlation of the captures of a path, as buildPathView takes it: run through by correlatePath, or a pass at a time. */
export function pathCorrelationOf(captures: readonly StoredCapture[], serverIndex: number | null, lang: Lang): DiagnosisSteps<PathCorrelation> {
  return pathCorrelationSteps(captures.map((c) => ({ name: c.name, capture: c.analysis })), serverIndex, lang);
}

export function buildPathView(captures: StoredCapture[], result: PathCorrelation, weigh: WeighEvidence): PathView {
  const { correlation, order, rows, findings } = result;
  const server = order.server;
  const idsOf = captures.map((_, index) => (index === server ? correlation.serverIdOf : idsIn(index, rows)));
  const views = captures.map((capture, index) => {
    const idOf = idsOf[index];
    const toOwn = (rowId: number) => idOf.get(rowId);
    const explanations = renumbered(correlation.attemptExplanations, toOwn);
    const own = renumbered(findings, toOwn);
    // The server capture keeps its own view of each attempt (as a pair's does), with the path laid over.
    const laid = index === server ? new Map([...correlation.serverFindings].map(([id, f]) => [id, { ...f, path: own.get(id)?.path }])) : own;
    if (index === server) for (const [id, finding] of own) if (!laid.has(id)) laid.set(id, { cause: null, confidence: null, atServer: null, path: finding.path });
    const weighed = weigh({ diagnoses: inNumbering(correlation.diagnoses, toOwn), findings: laid }, capture);
    return new CaptureView(capture, index === server ? 'server' : 'client', weighed.diagnoses, explanations, weighed.findings, index === server ? 'server' : 'client');
  });
  const rowOf = idsOf.map((idOf) => new Map([...idOf].map(([rowId, id]) => [id, rowId] as const)));
  return { captures, views, server, order: order.order, clocks: result.clocks, diagnoses: correlation.diagnoses, correlation: result, rowOf };
}
