/**
 * `handshake-lens`: analyses captures and prints the handshake table (or JSON, CSV, Markdown), or exports
 * the packets of chosen attempts as pcapng.
 * Exit status 0 when the captures were analysed, 2 for an unreadable file or a usage error; bad input
 * never produces a stack trace.
 */
import { DEFAULT_ROW_LIMIT } from '../analyzer/rowLimit.js';
import { version } from '../../package.json';
import { analyzeCaptureSync } from '../analyzer/analyze.js';
import { reportRows, reportWithoutRows, toReport, type ReportCapture } from '../analyzer/buildReport.js';
import { CaptureError } from '../analyzer/errors.js';
import { UnknownAttemptsError } from '../analyzer/export/attemptSelection.js';
import { exportPacketsSync } from '../analyzer/export/exportPackets.js';
import { FileSink } from '../node/fileSink.js';
import { loadEvidenceFile } from '../node/evidenceFiles.js';
import { isRejection } from '../analyzer/evidence/evidenceFile.js';
import { textsFor } from '../analyzer/explain/catalog.js';
import type { Lang } from '../analyzer/explain/language.js';
import type { CaptureRole, HandshakeJson } from '../analyzer/report.js';
import { checkLanguage, languageOption, parseArguments, UsageError, type Command } from './arguments.js';
import { CSV_HEADER, csvLine } from '../analyzer/csvFormat.js';
import { diagnoseCaptures } from './diagnose.js';
import { formatMarkdown } from './markdownFormat.js';
import { languageFromEnvironment, messagesFor, type Messages } from './messages.js';
import { fileError, openCaptureFile } from '../node/openCaptureFile.js';
import { formatTable } from './tableFormat.js';
import { writeJsonWithRows } from './jsonStream.js';
import { OutputClosed, OutputSink } from './outputSink.js';
import { ProgressLine, wantsColour, type Stream } from './terminal.js';

export const EXIT_ANALYSED = 0;
export const EXIT_BAD_INPUT = 2;
/** A bug, not the user's input (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export interface CliEnvironment {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
}

function analyzeFile(path: string, role: CaptureRole, rowLimit: number, messages: Messages, stderr: Stream): ReportCapture {
  const source = openCaptureFile(path);
  const progress = new ProgressLine(stderr, (percent) => messages.progress(path, percent));
  try {
    return { path, role, analysis: analyzeCaptureSync(source, path, (done, total) => progress.update(done, total), { rowLimit }) };
  } catch (error) {
    throw fileError(path, error) ?? error;
  } finally {
    progress.clear();
    source.close();
  }
}

function* failedOnly(rows: Iterable<HandshakeJson>): Generator<HandshakeJson> {
  for (const row of rows) if (row.verdict === 'fail') yield row;
}

function runAnalyze(command: Extract<Command, { kind: 'analyze' }>, language: Lang, messages: Messages, io: CliEnvironment): void {
  const analyze = (path: string, role: CaptureRole) => analyzeFile(path, role, command.maxRows, messages, io.stderr);
  const given = command.server === null ? command.captures : [...command.captures, command.server];
  const analysed = given.length === 1
    ? [analyze(given[0], 'single')]
    : given.map((path, index) => analyze(path, index === given.length - 1 && command.server !== null ? 'server' : 'client'));
  // The same file given twice is one snapshot, not two identical ones (which would read as an interval with nothing counted).
  const evidence = command.evidence.map(loadEvidenceFile).filter((read, index, all) => all.findIndex((other) => other.path === read.path) === index);
  const evidenceTexts = textsFor(language).evidence;
  // A file that is none of the kinds, or of an unknown host, is a warning: the analysis goes on (exit 0).
  for (const read of evidence) {
    if (isRejection(read)) io.stderr.write(`handshake-lens: ${evidenceTexts.rejected(read)}\n`);
    else if (read.host === null) io.stderr.write(`handshake-lens: ${evidenceTexts.unknownHost(read.path)}\n`);
  }
  const diagnosis = diagnoseCaptures(analysed, language, command.server === null ? null : given.length - 1, evidence);
  // Along a path the server's capture is the one the analysis found there, wherever it was given.
  const found = diagnosis.path?.server;
  const captures = found === undefined ? analysed : analysed.map((capture, index) => ({ ...capture, role: index === found ? 'server' as const : 'client' as const }));
  // JSON and CSV go out a row at a time (a capture of a flood has millions); the text formats are for people.
  const allRows = () => reportRows(captures, diagnosis.findings, diagnosis.path?.rows);
  const rows = () => (command.failedOnly ? failedOnly(allRows()) : allRows());
  const sink = new OutputSink(io.stdout);
  switch (command.format) {
    case 'json':
      writeJsonWithRows(sink, reportWithoutRows(captures, diagnosis), 'handshakes', rows());
      break;
    case 'csv':
      sink.write(CSV_HEADER);
      for (const row of rows()) sink.write(csvLine(row));
      break;
    case 'markdown':
      sink.write(formatMarkdown(toReport(captures, diagnosis), [...rows()], messages));
      break;
    default:
      sink.write(formatTable(toReport(captures, diagnosis), [...rows()], messages, wantsColour(io.stdout, io.env)));
  }
  sink.flush();
}

/** Analyses the capture for its attempt ids, then re-reads it for their packets; the file appears only when whole. */
function runExport(command: Extract<Command, { kind: 'export' }>, messages: Messages, io: CliEnvironment): void {
  const { capture, output } = command;
  // The ids are those the analysis lists by default (the `id` column of `analyze`).
  const { analysis } = analyzeFile(capture, 'single', DEFAULT_ROW_LIMIT, messages, io.stderr);
  const source = openCaptureFile(capture);
  let sink: FileSink | null = null;
  try {
    sink = new FileSink(output);
    const result = exportPacketsSync(source, capture, analysis.handshakes, command.selection, sink);
    sink.commit();
    io.stdout.write(`${messages.exported(result.packets, result.attempts.length, output)}\n`);
  } catch (error) {
    sink?.discard();
    throw (sink === null ? fileError(output, error, 'write') : fileError(capture, error)) ?? error;
  } finally {
    source.close();
  }
}

/** Runs one command line; returns the exit status. */
export function run(args: readonly string[], io: CliEnvironment): number {
  let messages = messagesFor(languageFromEnvironment(io.env));
  try {
    const requested = languageOption(args);
    const language = requested === null ? languageFromEnvironment(io.env) : checkLanguage(requested, messages);
    messages = messagesFor(language);
    const command = parseArguments(args, messages);
    if (command.kind === 'help') io.stdout.write(messages.usage + '\n');
    else if (command.kind === 'version') io.stdout.write(`${version}\n`);
    else if (command.kind === 'export') runExport(command, messages, io);
    else runAnalyze(command, language, messages, io);
    return EXIT_ANALYSED;
  } catch (error) {
    if (error instanceof OutputClosed) return EXIT_ANALYSED;
    if (error instanceof UsageError) {
      io.stderr.write(`handshake-lens: ${error.message}\n${messages.tryHelp}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof CaptureError) {
      io.stderr.write(`handshake-lens: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof UnknownAttemptsError) {
      io.stderr.write(`handshake-lens: ${messages.unknownAttempts(error.file, error.ids)}\n`);
      return EXIT_BAD_INPUT;
    }
    const detail = io.env.HANDSHAKE_LENS_DEBUG ? String((error as Error)?.stack ?? error) : String((error as Error)?.message ?? error);
    io.stderr.write(`handshake-lens: ${messages.internalError(detail)}\n`);
    return EXIT_INTERNAL;
  }
}

if (require.main === module) {
  // Output piped into `head` closes early: that is not an error worth a trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_ANALYSED);
    throw error;
  });
  process.exitCode = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
