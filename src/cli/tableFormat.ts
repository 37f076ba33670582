/** The default output for a terminal: aligned columns with a coloured PASS/FAIL, then the summaries. */
import type { HandshakeJson, ReportJson } from '../analyzer/report.js';
import type { Messages } from './messages.js';
import { captureSummaryLines, COLUMNS, columnsOf, diagnosisLines, handshakeCells } from './reportText.js';
import { Colour, displayWidth, pad, paint } from './terminal.js';

const VERDICT_COLOUR = { pass: Colour.Green, fail: Colour.Red, unknown: Colour.Yellow } as const;

/**
 * Writes the table, then the summaries. The rows are walked twice, once for the columns' widths and once
 * to write them, and never held: a flood's millions of rows went into one array of cells, one of lines
 * and one string, gigabytes, and a spread of their widths into Math.max overflowed the stack.
 * `anyListed`: whether the capture listed any attempt (else "no handshakes", rather than "no failures").
 */
export function writeTable(
  write: (text: string) => void, report: ReportJson, rows: () => Iterable<HandshakeJson>, anyListed: boolean, messages: Messages, colour: boolean,
): void {
  const columns = columnsOf(report);
  const header = columns.map((column) => messages.columns[column.key]);
  const cellsOf = (handshake: HandshakeJson) => {
    const cells = handshakeCells(handshake, messages, report.captures);
    return columns.map((column) => cells[column.key]);
  };
  const widths = header.map(displayWidth);
  let count = 0;
  for (const handshake of rows()) {
    cellsOf(handshake).forEach((cell, index) => (widths[index] = Math.max(widths[index], displayWidth(cell))));
    count++;
  }
  const line = (cells: string[], paintCell: (text: string, index: number) => string): string =>
    cells.map((cell, index) => paintCell(pad(cell, widths[index], columns[index].alignRight), index)).join('  ').trimEnd();

  if (count === 0) {
    write(`${anyListed ? messages.noFailures : messages.noHandshakes}\n`);
  } else {
    write(`${line(header, (text) => paint(text, Colour.Bold, colour))}\n`);
    const verdictIndex = columns.findIndex((column) => column.key === 'verdict');
    for (const handshake of rows()) {
      write(`${line(cellsOf(handshake), (text, index) => (index === verdictIndex ? paint(text, VERDICT_COLOUR[handshake.verdict], colour) : text))}\n`);
    }
  }
  write(summaryLines(report, messages, colour).map((text) => `${text}\n`).join(''));
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
