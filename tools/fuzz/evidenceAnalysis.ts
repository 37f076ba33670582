/**
 * Everything an evidence file goes through, for the fuzzer: the analyzer's reader and its weighing
 * against a diagnosis of every cause the table knows, the JSON of the file, the sentences in both
 * languages, and the language server's diagnostics and hovers on the same text. Returns what was read,
 * checked to be no larger than the file's lines allow (nothing is sized by a value in the file).
 */
import { CAUSE_EVIDENCE } from '../../src/analyzer/evidence/causeEvidence.js';
import { isRejection, readEvidenceFile } from '../../src/analyzer/evidence/evidenceFile.js';
import { evidenceFilesJson } from '../../src/analyzer/evidence/evidenceReport.js';
import { weighEvidence } from '../../src/analyzer/evidence/weighEvidence.js';
import { textsFor } from '../../src/analyzer/explain/catalog.js';
import { LANGUAGES } from '../../src/analyzer/explain/language.js';
import type { DiagnosisCode } from '../../src/analyzer/model.js';
import type { DiagnosisJson } from '../../src/analyzer/report.js';
import { performance } from 'node:perf_hooks';
import { budgetMs, DEFAULT_LIMITS } from './watchdog.js';
import { analyzeCounters, analyzeSysctl, hoverCounters, hoverSysctl } from '../../src/server/artifacts/index.js';

export interface EvidenceOutcome {
  kind: 'read' | 'rejected';
  readings: number;
}

const EVERY_CAUSE: DiagnosisJson[] = Object.keys(CAUSE_EVIDENCE).map((code) => ({
  code: code as DiagnosisCode, severity: 'error', confidence: 'medium', title: '', explanation: '', evidence: [], fix: null, handshakeIds: [1],
}));

/** Throws on anything the readers must not do; the fuzzer counts a throw as a failure. */
export function analyseEvidence(name: string, text: string): EvidenceOutcome {
  const lines = text.split(/\r\n|\r|\n/).length;
  const read = readEvidenceFile(name, text, 'server');
  for (const lang of LANGUAGES) {
    const texts = textsFor(lang).evidence;
    const json = JSON.stringify(evidenceFilesJson([read], texts));
    if (isRejection(read)) continue;
    const weighed = weighEvidence({ diagnoses: EVERY_CAUSE, findings: new Map() }, { files: [read, { ...read, moment: 'after' }], texts, serverPortOf: () => 3306 });
    if (JSON.stringify(weighed.diagnoses).length + json.length > 64 * (text.length + 1024)) throw new Error('output out of proportion to the file');
    analyzeCounters(text, lang);
    analyzeSysctl(text, lang);
    hoverCounters(text, 0, 4, lang);
    hoverSysctl(text, 0, 4, lang);
  }
  if (isRejection(read)) return { kind: 'rejected', readings: 0 };
  const readings = read.counters.reduce((n, s) => n + s.size, 0) + read.conntrack.reduce((n, s) => n + s.cpus.length, 0) + read.sysctl.length + read.sockets.length;
  // A snapshot holds each counter once and a line yields at most a /proc pair's columns: bounded by the text, never by a value.
  if (readings > text.length) throw new Error(`${readings} readings from ${lines} lines`);
  return { kind: 'read', readings };
}

/**
 * Runs one file through everything, again if slow (a busy machine; the capture fuzzer's rule: 1 s per MB
 * above a 1 s floor): what it was read as, or a message starting with `label` when it throws or stays slow.
 */
export function verdictOf(name: string, text: string, label: string): EvidenceOutcome['kind'] | string {
  const budget = budgetMs(text.length, { ...DEFAULT_LIMITS, floorMs: 1000 });
  try {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const outcome = analyseEvidence(name, text);
      const elapsed = performance.now() - started;
      if (elapsed <= budget) return outcome.kind;
      if (attempt === 1) return `${label}: ${elapsed.toFixed(0)} ms over ${budget.toFixed(0)} ms`;
    }
  } catch (error) {
    return `${label}: ${(error as Error).stack ?? error}`;
  }
}

export const isFailure = (verdict: string): boolean => verdict !== 'read' && verdict !== 'rejected';
