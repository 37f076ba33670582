/**
 * The LSP shapes the artifact analysers return, taken from the protocol package as types only, so this
 * folder stays free of any connection code and runs in the CLI, the server and tests alike.
 */
import type { Diagnostic, DiagnosticSeverity, Hover, Position, Range, TextEdit } from 'vscode-languageserver-protocol';

export type { Hover, Position, Range, TextEdit };

/** DiagnosticSeverity's values, without loading the protocol package at run time. */
export const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const satisfies Record<string, DiagnosticSeverity>;

/** A quick fix the server offers as a `quickfix` code action: a title and the edits to the same document. */
export interface ArtifactQuickFix {
  title: string;
  edits: TextEdit[];
}

/** Every artifact diagnostic code; stable, so code actions and tests can rely on them. */
export type ArtifactDiagnosticCode =
  // sysctl settings
  | 'tw-recycle-enabled'
  | 'tw-recycle-without-timestamps'
  | 'tw-recycle-removed'
  | 'timestamps-feed-tw-recycle'
  // netstat -s / nstat counters
  | 'paws-passive'
  | 'paws-active'
  | 'paws-established'
  | 'listen-drops-paws'
  | 'listen-drops-overflow'
  | 'listen-drops-other'
  | 'listen-overflows'
  | 'syn-queue-full-drop'
  | 'syncookies-sent'
  | 'syncookies-failed'
  | 'backlog-drop'
  | 'no-route'
  | 'rp-filter-drop'
  | 'time-wait-overflow';

/** An LSP Diagnostic (code always set, source `Handshake Lens`) plus the quick fixes that repair it. */
export interface ArtifactDiagnostic extends Diagnostic {
  code: ArtifactDiagnosticCode;
  severity: DiagnosticSeverity;
  fixes?: ArtifactQuickFix[];
}

export const DIAGNOSTIC_SOURCE = 'Handshake Lens';
