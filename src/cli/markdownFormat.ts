/** A Markdown table and summary, to paste into an issue or a post-mortem. */
import type { HandshakeJson, ReportJson } from '../analyzer/report.js';
import type { Messages } from './messages.js';
import { captureSummaryLines, columnsOf, diagnosisLines, handshakeCells } from './reportText.js';

/** Pipes and backticks would break the table; addresses never contain them, file names might. */
function cell(text: string): string {
  return text.replace(/[|`\\]/g, (character) => `\\${character}`);
}

/** Writes the Markdown table a row at a time (never all rows at once), then the summaries; `anyListed` as writeTable's. */
export function writeMarkdown(write: (text: string) => void, report: ReportJson, rows: Iterable<HandshakeJson>, anyListed: boolean, messages: Messages): void {
  const columns = columnsOf(report);
  let count = 0;
  for (const handshake of rows) {
    if (count++ === 0) {
      write(`| ${columns.map((column) => messages.columns[column.key]).join(' | ')} |\n`);
      write(`| ${columns.map((column) => (column.alignRight ? '---:' : '---')).join(' | ')} |\n`);
    }
    const cells = handshakeCells(handshake, messages, report.captures);
    const verdict = handshake.verdict === 'fail' ? `**${cells.verdict}**` : cells.verdict;
    write(`| ${columns.map((column) => (column.key === 'verdict' ? verdict : cell(cells[column.key]))).join(' | ')} |\n`);
  }
  const lines: string[] = [];
  if (count === 0) lines.push(anyListed ? messages.noFailures : messages.noHandshakes);
  for (const capture of report.captures) {
    const [title, ...rest] = captureSummaryLines(capture, messages);
    lines.push('', `**${cell(title)}**`, '', ...rest.map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)));
  }
  if (report.diagnoses.length > 0) {
    lines.push('', `## ${messages.diagnosesHeading}`);
    for (const diagnosis of report.diagnoses) lines.push('', '```', ...diagnosisLines(diagnosis, messages), '```');
  }
  write(lines.map((line) => `${line}\n`).join(''));
}
