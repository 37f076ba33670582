/**
 * The text report of a capture view: a summary, then one section per server with one tcpdump-like line
 * per attempt in time order, then the diagnoses. Very large captures are cut at MAX_REPORT_ATTEMPTS
 * lines: a text editor is not the place for half a million rows (the capture editor pages them).
 */
import { endpointText } from '../../analyzer/model.js';
import type { PairView } from '../captureStore.js';
import type { CaptureView } from '../captureView.js';
import { attemptLine, sectionHeader } from './reportLines.js';
import type { ReportWords } from './reportWords.js';
import { storedFormat } from '../../analyzer/capture/compression/compressionFormat.js';

export const MAX_REPORT_ATTEMPTS = 100_000;

function summaryLines(view: CaptureView, pair: PairView | undefined, words: ReportWords): string[] {
  const { analysis } = view.capture;
  const { summary } = analysis;
  const lines = [words.title(view.capture.name, view.role)];
  if (pair) {
    lines.push(words.pairedWith(pair.server.capture.name));
    if (pair.offset) lines.push(words.clockOffset(pair.offset.medianMs, pair.offset.spreadMs, pair.offset.pairs));
  }
  lines.push(`${storedFormat(analysis.info.format, analysis.info.compression)}, ${words.counts(summary.packets, summary.attempts, summary.passed, summary.failed, summary.unknown)}`);
  for (const warning of analysis.warnings) lines.push(`${words.warning}: ${warning.message} (byte ${warning.offset})`);
  return lines;
}

export function renderReport(view: CaptureView, pair: PairView | undefined, words: ReportWords): string {
  const lines = summaryLines(view, pair, words);
  const byServer = new Map<string, number[]>();
  view.attempts.forEach((attempt, index) => {
    const key = endpointText(attempt.server);
    const indexes = byServer.get(key) ?? [];
    indexes.push(index);
    byServer.set(key, indexes);
  });
  let budget = MAX_REPORT_ATTEMPTS;
  for (const [server, indexes] of byServer) {
    const failed = indexes.filter((index) => view.attempts[index].verdict === 'fail').length;
    lines.push('', sectionHeader(server, words.serverSection(indexes.length, failed)));
    const shown = indexes.slice(0, Math.max(0, budget));
    for (const index of shown) lines.push(attemptLine(view.rowAt(index)));
    if (shown.length < indexes.length) lines.push(`  ${words.notShown(indexes.length - shown.length)}`);
    budget -= shown.length;
  }
  if (view.diagnoses.length > 0) {
    lines.push('', sectionHeader(words.diagnoses, String(view.diagnoses.length)));
    for (const diagnosis of view.diagnoses) {
      lines.push(`  [${diagnosis.severity}] ${diagnosis.code}: ${diagnosis.title} — ${diagnosis.explanation.replace(/\n+/g, ' ')}`);
      if (diagnosis.fix) lines.push(`    ${diagnosis.fix.text}`, ...diagnosis.fix.commands.map((command) => `      ${command}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
