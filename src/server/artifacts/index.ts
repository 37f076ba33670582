/**
 * The text artifacts of a handshake investigation: sysctl settings, `netstat -s` and `nstat` output.
 * Pure functions of a document's text, for the language server (which converts nothing: the results are
 * LSP `Diagnostic`, `Hover` and `TextEdit` shapes), the command line and tests. No vscode, no I/O.
 *
 * Stable API:
 * - `detectArtifactLanguage(fileName, firstLines)` → `'sysctl' | 'netstat' | 'nstat' | undefined`:
 *   the language id for a document, by name, then by content.
 * - `analyzeSysctl(text, lang)` → `ArtifactDiagnostic[]`: tcp_tw_recycle on (error, with a quick fix
 *   setting it to 0), its removal in Linux 4.12 (warning, quick fix removing the line), and the
 *   tcp_timestamps setting that arms it.
 * - `hoverSysctl(text, line, character, lang)` → `Hover | null`: on the keys that shape connection set-up.
 * - `analyzeCounters(text, lang)` → `ArtifactDiagnostic[]`: netstat -s, nstat (plain, -a, -z, --json) and
 *   /proc/net/netstat or /proc/net/snmp, recognised by content whatever the language id.
 * - `hoverCounters(text, line, character, lang, context?)` → `Hover | null`: on the counters that point at
 *   handshake failures; `context` relates the counter to an open capture of the same host.
 * - `quickFixes(text, diagnostic, lang?)` → `ArtifactQuickFix[]`: the fixes for a diagnostic a client sends
 *   back with a code-action request, recomputed from the current text.
 *
 * Positions are zero-based lines and UTF-16 characters, as in LSP. Diagnostics carry `source`
 * "Handshake Lens" and a stable `code` (`ArtifactDiagnosticCode`); `fixes` lists their quick fixes, which
 * the server turns into `quickfix` code actions. Nothing here throws on any input.
 */
export { detectArtifactLanguage, type ArtifactLanguage } from './detect.js';
export { analyzeSysctl } from './sysctlDiagnostics.js';
export { hoverSysctl } from './sysctlHover.js';
export { analyzeCounters } from './counterDiagnostics.js';
export { hoverCounters, type CaptureContext } from './counterHover.js';
export { quickFixes } from './quickFixes.js';
export { DIAGNOSTIC_SOURCE, Severity, type ArtifactDiagnostic, type ArtifactDiagnosticCode, type ArtifactQuickFix } from './lspShapes.js';
export type { Lang } from './texts.js';
