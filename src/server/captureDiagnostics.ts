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

function diagnosisDiagnostic(diagnosis: DiagnosisJson, client: DiagnosisJson | undefined): Diagnostic {
  const data: HandshakeDiagnosticData = { handshakeIds: diagnosis.handshakeIds };
  if (diagnosis.handshakeCause) data.handshakeCause = diagnosis.handshakeCause;
  if (client) data.clientHandshakeIds = client.handshakeIds;
  if (client?.handshakeCause) data.clientHandshakeCause = client.handshakeCause;
  return { range: START, severity: lspSeverity(diagnosis.severity), code: diagnosis.code, source: DIAGNOSTIC_SOURCE, message: diagnosisMessage(diagnosis), data };
}

/**
 * `client`: for the server side of a pair, the client's view, whose diagnoses are the same in the client's
 * numbering (same order), so that the extension can select the attempts in the client capture's editor
 * as well. The ids are those the editor is sent (sentIds.ts).
 */
export function captureDiagnostics(view: CaptureView, client?: CaptureView): Diagnostic[] {
  const clientDiagnoses = client && sentDiagnoses(client.diagnoses, client);
  const diagnostics = sentDiagnoses(view.diagnoses, view).map((diagnosis, index) => diagnosisDiagnostic(diagnosis, clientDiagnoses?.[index]));
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
