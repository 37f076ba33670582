/** The default output for a terminal: aligned columns with a coloured PASS/FAIL, then the summaries. */
import type { HandshakeJson, ReportJson } from '../analyzer/report.js';
import type { Messages } from './messages.js';
import { captureSummaryLines, COLUMNS, columnsOf, diagnosisLines, handshakeCells } from './reportText.js';
import { Colour, displayWidth, pad, paint } from './terminal.js';

const VERDICT_COLOUR = { pass: Colour.Green, fail: Colour.Red, unknown: Colour.Yellow } as const;

export function formatTable(report: ReportJson, handshakes: readonly HandshakeJson[], messages: Messages, colour: boolean): string {
  const columns = columnsOf(report);
  const header = columns.map((column) => messages.columns[column.key]);
  const rows = handshakes.map((handshake) => columns.map((column) => handshakeCells(handshake, messages, report.captures)[column.key]));
  const widths = columns.map((_, index) => Math.max(displayWidth(header[index]), ...rows.map((row) => displayWidth(row[index]))));
  const line = (cells: string[], paintCell: (text: string, index: number) => string): string =>
    cells.map((cell, index) => paintCell(pad(cell, widths[index], columns[index].alignRight), index)).join('  ').trimEnd();

  const lines: string[] = [];
  if (handshakes.length === 0) {
    lines.push(report.handshakes.length === 0 ? messages.noHandshakes : messages.noFailures);
  } else {
    lines.push(line(header, (text) => paint(text, Colour.Bold, colour)));
    const verdictIndex = columns.findIndex((column) => column.key === 'verdict');
    handshakes.forEach((handshake, row) => {
      lines.push(line(rows[row], (text, index) => (index === verdictIndex ? paint(text, VERDICT_COLOUR[handshake.verdict], colour) : text)));
    });
  }
  lines.push(...summaryLines(report, messages, colour));
  return lines.join('\n') + '\n';
}

/** What follows the rows: each capture's summary, then why the attempts failed. */
export function summaryLines(report: ReportJson, messages: Messages, colour: boolean): string[] {
  const lines: string[] = [];
  for (const capture of report.captures) lines.push('', ...captureSummaryLines(capture, messages));
  if (report.diagnoses.length > 0) {
    lines.push('', paint(messages.diagnosesHeading, Colour.Bold, colour));
    for (const diagnosis of report.diagnoses) lines.push('', ...diagnosisLines(diagnosis, messages));
  }
  return lines;
}

/** One attempt as a line of the table's cells, for `--follow`, where no column widths are known in advance. */
export function attemptLine(handshake: HandshakeJson, messages: Messages, colour: boolean): string {
  const cells = handshakeCells(handshake, messages);
  return COLUMNS.map((column) => (column.key === 'verdict' ? paint(cells.verdict, VERDICT_COLOUR[handshake.verdict], colour) : cells[column.key]))
    .filter((cell) => cell !== '').join('  ');
}
