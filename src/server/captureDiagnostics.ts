/**
 * The diagnoses as LSP diagnostics on a capture's URI, so they reach the Problems panel. A capture is
 * binary, so every diagnostic sits at the start of the document; `data` carries the handshake ids for
 * the extension to select, and the capture's read warnings come along as warnings.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node.js';
import type { DiagnosisJson, Severity } from '../analyzer/report.js';
import type { HandshakeDiagnosticData } from '../shared/lspExtensions.js';
import type { CaptureView } from './captureView.js';
import { sentDiagnoses } from './sentIds.js';

export const DIAGNOSTIC_SOURCE = 'Handshake Lens';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function lspSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function diagnosisMessage(diagnosis: DiagnosisJson): string {
  return `${diagnosis.title}\n\n${diagnosis.explanation}`;
}

function diagnosisDiagnostic(diagnosis: DiagnosisJson): Diagnostic {
  const data: HandshakeDiagnosticData = { handshakeIds: diagnosis.handshakeIds };
  if (diagnosis.handshakeCause) data.handshakeCause = diagnosis.handshakeCause;
  return { range: START, severity: lspSeverity(diagnosis.severity), code: diagnosis.code, source: DIAGNOSTIC_SOURCE, message: diagnosisMessage(diagnosis), data };
}

/** The view's diagnoses, in its own numbering, with the ids the editor is sent (sentIds.ts), then its capture's warnings. */
export function captureDiagnostics(view: CaptureView): Diagnostic[] {
  const diagnostics = sentDiagnoses(view.diagnoses, view).map(diagnosisDiagnostic);
  for (const warning of view.capture.analysis.warnings) {
    diagnostics.push({
      range: START,
      severity: DiagnosticSeverity.Warning,
      code: warning.code,
      source: DIAGNOSTIC_SOURCE,
      message: `${warning.message} (byte ${warning.offset})`,
      data: { handshakeIds: [] } satisfies HandshakeDiagnosticData,
    });
  }
  return diagnostics;
}
