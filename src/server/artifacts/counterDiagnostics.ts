/**
 * Diagnostics on netstat -s and nstat counters that point at failed handshakes. ListenDrops is judged
 * against the counters the kernel also increments for the same drop (ListenOverflows, PAWSPassive), so
 * the message names the likely cause rather than the symptom. A document may hold several readings (before
 * and after); a counter seen again starts a new reading, and each is judged on its own.
 */
import { artifactTextsFor } from './catalog.js';
import type { CounterId } from '../../analyzer/evidence/counterCatalog.js';
import { readCounters, type CounterReading } from '../../analyzer/evidence/counterReadings.js';
import { snapshots, type CounterSnapshot } from '../../analyzer/evidence/counterSnapshots.js';
import { DIAGNOSTIC_SOURCE, Severity, type ArtifactDiagnostic, type ArtifactDiagnosticCode } from './lspShapes.js';
import type { CounterSpan, CounterTexts, Lang, ListenDropFacts } from './texts.js';

type Snapshot = CounterSnapshot;
type Severities = (typeof Severity)[keyof typeof Severity];

/** Counters whose every non-zero value is worth a diagnostic on its own. */
const SINGLE: Partial<Record<CounterId, [ArtifactDiagnosticCode, Severities, (t: CounterTexts, n: number) => string]>> = {
  PAWSActive: ['paws-active', Severity.Warning, (t, n) => t.pawsActive(n)],
  PAWSEstab: ['paws-established', Severity.Information, (t, n) => t.pawsEstablished(n)],
  ListenOverflows: ['listen-overflows', Severity.Warning, (t, n) => t.listenOverflows(n)],
  TCPReqQFullDrop: ['syn-queue-full-drop', Severity.Warning, (t, n) => t.synQueueFullDrop(n)],
  SyncookiesSent: ['syncookies-sent', Severity.Information, (t, n) => t.syncookiesSent(n)],
  SyncookiesFailed: ['syncookies-failed', Severity.Information, (t, n) => t.syncookiesFailed(n)],
  TCPBacklogDrop: ['backlog-drop', Severity.Information, (t, n) => t.backlogDrop(n)],
  OutNoRoutes: ['no-route', Severity.Information, (t, n) => t.noRoute(n)],
  IPReversePathFilter: ['rp-filter-drop', Severity.Information, (t, n) => t.rpFilterDrop(n)],
  TCPTimeWaitOverflow: ['time-wait-overflow', Severity.Information, (t, n) => t.timeWaitOverflow(n)],
};

/** Overflows at least this share of the drops: the accept queue explains them. */
const OVERFLOW_SHARE = 0.9;

export function analyzeCounters(text: string, lang: Lang): ArtifactDiagnostic[] {
  const texts = artifactTextsFor(lang).counters;
  return snapshots(readCounters(text)).flatMap((snapshot) => judge(snapshot, texts));
}

export function counterSpan(reading: CounterReading): CounterSpan {
  return reading.shape === 'nstat' ? 'nstat' : 'since-boot';
}

function judge(snapshot: Snapshot, texts: CounterTexts): ArtifactDiagnostic[] {
  const diagnostics: ArtifactDiagnostic[] = [];
  const paws = snapshot.get('PAWSPassive');
  for (const reading of snapshot.values()) {
    if (reading.value === 0) continue;
    if (reading.id === 'PAWSPassive') {
      diagnostics.push(diagnostic(reading, 'paws-passive', Severity.Error, texts.pawsPassive(reading.value, counterSpan(reading))));
    } else if (reading.id === 'ListenDrops') {
      const overflows = snapshot.get('ListenOverflows');
      diagnostics.push(listenDrops(reading, overflows?.value ?? null, paws?.value ?? null, texts));
    } else {
      const single = SINGLE[reading.id];
      if (single) diagnostics.push(diagnostic(reading, single[0], single[1], single[2](texts, reading.value)));
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function listenDrops(reading: CounterReading, overflows: number | null, paws: number | null, texts: CounterTexts): ArtifactDiagnostic {
  const facts: ListenDropFacts = { drops: reading.value, overflows, paws, span: counterSpan(reading) };
  if (paws !== null && paws > 0 && (overflows ?? 0) * 2 < reading.value) {
    return diagnostic(reading, 'listen-drops-paws', Severity.Error, texts.listenDropsPaws(facts));
  }
  if (overflows !== null && overflows > 0 && overflows >= reading.value * OVERFLOW_SHARE) {
    return diagnostic(reading, 'listen-drops-overflow', Severity.Warning, texts.listenDropsOverflow(facts));
  }
  return diagnostic(reading, 'listen-drops-other', Severity.Warning, texts.listenDropsOther(facts));
}

function diagnostic(reading: CounterReading, code: ArtifactDiagnosticCode, severity: Severities, message: string): ArtifactDiagnostic {
  return { range: reading.range, severity, code, source: DIAGNOSTIC_SOURCE, message };
}
