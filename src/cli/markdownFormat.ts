/** A Markdown table and summary, to paste into an issue or a post-mortem. */
import type { HandshakeJson, ReportJson } from '../analyzer/report.js';
import type { Messages } from './messages.js';
import { captureSummaryLines, columnsOf, diagnosisLines, handshakeCells } from './reportText.js';

/** Pipes and backticks would break the table; addresses never contain them, file names might. */
function cell(text: string): string {
  return text.replace(/[|`\\]/g, (character) => `\\${character}`);
}

export function formatMarkdown(report: ReportJson, handshakes: readonly HandshakeJson[], messages: Messages): string {
  const lines: string[] = [];
  const columns = columnsOf(report);
  if (handshakes.length === 0) {
    lines.push(report.handshakes.length === 0 ? messages.noHandshakes : messages.noFailures);
  } else {
    lines.push(`| ${columns.map((column) => messages.columns[column.key]).join(' | ')} |`);
    lines.push(`| ${columns.map((column) => (column.alignRight ? '---:' : '---')).join(' | ')} |`);
    for (const handshake of handshakes) {
      const cells = handshakeCells(handshake, messages, report.captures);
      const verdict = handshake.verdict === 'fail' ? `**${cells.verdict}**` : cells.verdict;
      lines.push(`| ${columns.map((column) => (column.key === 'verdict' ? verdict : cell(cells[column.key]))).join(' | ')} |`);
    }
  }
  for (const capture of report.captures) {
    const [title, ...rest] = captureSummaryLines(capture, messages);
    lines.push('', `**${cell(title)}**`, '', ...rest.map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)));
  }
  if (report.diagnoses.length > 0) {
    lines.push('', `## ${messages.diagnosesHeading}`);
    for (const diagnosis of report.diagnoses) lines.push('', '```', ...diagnosisLines(diagnosis, messages), '```');
  }
  return lines.join('\n') + '\n';
}
