/**
 * The text report of a capture view: a summary, then one section per server with one tcpdump-like line
 * per attempt in time order, then the diagnoses. Very large captures are cut at MAX_REPORT_ATTEMPTS
 * lines, and the servers past them counted on one line: a text editor is not the place for half a
 * million rows (the capture editor pages them).
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

/** One server's attempts: how many, how many failed, how many the report lists, and those it lists. */
interface ServerAttempts {
  attempts: number;
  failed: number;
  quota: number;
  listed: number[];
}

/**
 * `budget`: attempt lines at most. Servers are listed in the order of their first attempt, each with its
 * lines until the budget is spent; the servers after that are one line of counts, not a section each
 * (a scan's millions of servers made as many headers, a text past what a string holds). Two passes:
 * the counts, then the lines each server's share of the budget allows, so that no more indexes are held.
 */
export function renderReport(view: CaptureView, pair: PairView | undefined, words: ReportWords, budget = MAX_REPORT_ATTEMPTS): string {
  const lines = summaryLines(view, pair, words);
  const byServer = new Map<string, ServerAttempts>();
  for (const attempt of view.attempts) {
    const key = endpointText(attempt.server);
    let server = byServer.get(key);
    if (server === undefined) byServer.set(key, (server = { attempts: 0, failed: 0, quota: 0, listed: [] }));
    server.attempts++;
    if (attempt.verdict === 'fail') server.failed++;
  }
  let unclaimed = budget;
  for (const server of byServer.values()) {
    server.quota = Math.min(server.attempts, unclaimed);
    unclaimed -= server.quota;
  }
  if (budget > 0) {
    view.attempts.forEach((attempt, index) => {
      const server = byServer.get(endpointText(attempt.server))!;
      if (server.listed.length < server.quota) server.listed.push(index);
    });
  }
  const unlisted = { servers: 0, attempts: 0, failed: 0 };
  for (const [server, { attempts, failed, listed }] of byServer) {
    if (listed.length === 0) {
      unlisted.servers++;
      unlisted.attempts += attempts;
      unlisted.failed += failed;
      continue;
    }
    lines.push('', sectionHeader(server, words.serverSection(attempts, failed)));
    for (const index of listed) lines.push(attemptLine(view.rowAt(index)));
    if (listed.length < attempts) lines.push(`  ${words.notShown(attempts - listed.length)}`);
  }
  if (unlisted.servers > 0) lines.push('', words.serversNotShown(unlisted.servers, unlisted.attempts, unlisted.failed));
  if (view.diagnoses.length > 0) {
    lines.push('', sectionHeader(words.diagnoses, String(view.diagnoses.length)));
    for (const diagnosis of view.diagnoses) {
      lines.push(`  [${diagnosis.severity}] ${diagnosis.code}: ${diagnosis.title} — ${diagnosis.explanation.replace(/\n+/g, ' ')}`);
      if (diagnosis.fix) lines.push(`    ${diagnosis.fix.text}`, ...diagnosis.fix.commands.map((command) => `      ${command}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
