/** Diagnostics on netstat -s and nstat counters that point at failed handshakes. */
import type { ArtifactDiagnostic } from './lspShapes.js';
import type { Lang } from './texts.js';

export function analyzeCounters(_text: string, _lang: Lang): ArtifactDiagnostic[] {
  return [];
}
