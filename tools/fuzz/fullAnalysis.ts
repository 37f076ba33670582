/**
 * The whole analysis of one capture, as the command line runs it: read, decode, track, diagnose, build
 * the report and render it; export every attempt's packets as pcapng and read that back; and, when a
 * second capture is given, the correlation of the two, their match by content and a path of three. A
 * CaptureError is the expected answer to bad input; anything else thrown propagates as a bug.
 */
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { reportRows, toReport, type ReportCapture } from '../../src/analyzer/buildReport.js';
import { captureFingerprint, matchCapture } from '../../src/analyzer/correlation/captureMatch.js';
import { csvLine } from '../../src/analyzer/csvFormat.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { CaptureError } from '../../src/analyzer/errors.js';
import { exportPacketsSync } from '../../src/analyzer/export/exportPackets.js';
import type { CaptureRole } from '../../src/analyzer/report.js';
import { diagnoseCaptures } from '../../src/cli/diagnose.js';
import { messagesFor } from '../../src/cli/messages.js';
import { writeTable } from '../../src/cli/tableFormat.js';
import { checkInputPaths } from './inputPaths.js';

export type AnalysisOutcome = { kind: 'analysed'; handshakes: number } | { kind: 'rejected'; error: CaptureError };

function analysed(bytes: Uint8Array, name: string, role: CaptureRole): ReportCapture {
  return { path: name, role, analysis: analyzeCaptureSync(new MemorySource(bytes), name) };
}

const messages = messagesFor('en');

/** Throws whatever the analyzer throws other than CaptureError. */
export function analyzeFully(bytes: Uint8Array, name: string, serverSide: Uint8Array | null = null, inputPaths = false): AnalysisOutcome {
  if (inputPaths && serverSide !== null) checkInputPaths(bytes, name, serverSide);
  let captures: ReportCapture[];
  try {
    captures = [analysed(bytes, name, 'single')];
  } catch (error) {
    if (error instanceof CaptureError) return { kind: 'rejected', error };
    throw error;
  }
  const report = toReport(captures, diagnoseCaptures(captures, 'en'));
  JSON.stringify(report);
  writeTable(() => undefined, report, () => report.handshakes, report.handshakes.length > 0, messages, false);
  exportAll(bytes, name, captures[0].analysis.handshakes);
  if (serverSide !== null) correlate(bytes, name, serverSide);
  return { kind: 'analysed', handshakes: report.handshakes.length };
}

/**
 * The export re-reads what the analysis read, so it must not fail where the analysis did not, and its
 * own file must read back whole with as many frames as it says it wrote.
 */
function exportAll(bytes: Uint8Array, name: string, handshakes: ReportCapture['analysis']['handshakes']): void {
  const chunks: Uint8Array[] = [];
  const ids = handshakes.map((attempt) => attempt.id);
  const { packets } = exportPacketsSync(new MemorySource(bytes), name, handshakes, { kind: 'attempts', ids }, { write: (chunk) => void chunks.push(chunk) });
  const reader = openCapture(new MemorySource(Buffer.concat(chunks)), `${name} export`);
  let read = 0;
  while (reader.next() !== null) read++;
  if (read !== packets || reader.warnings.length > 0) throw new Error(`export of ${name}: ${packets} packets written, ${read} read back, ${reader.warnings.length} warnings`);
}

/** The mutant as the client side of its own original: attempts half-matching, clocks and ports askew. */
function correlate(bytes: Uint8Array, name: string, serverSide: Uint8Array): void {
  let server: ReportCapture;
  try {
    server = analysed(serverSide, 'original', 'server');
  } catch (error) {
    if (error instanceof CaptureError) return;
    throw error;
  }
  // Correlation writes its findings into the attempts, so the client side is analysed afresh.
  const captures = [analysed(bytes, name, 'client'), server];
  JSON.stringify(toReport(captures, diagnoseCaptures(captures, 'en')));
  // The editor's matching by content, and three capture points of one path (the mutant on both sides of
  // its original), put in order without being told the server's, down to the CSV path column.
  matchCapture(captureFingerprint(captures[0].analysis), captureFingerprint(server.analysis));
  const path = [analysed(bytes, name, 'client'), server, analysed(bytes, `${name} again`, 'client')];
  const diagnosis = diagnoseCaptures(path, 'en', null);
  for (const row of reportRows(path, diagnosis.findings, diagnosis.path?.rows)) csvLine(row, path.map((capture) => capture.path));
}
