/**
 * `handshake-lens`: analyses captures and prints the handshake table (or JSON, CSV, Markdown), or exports
 * the packets of chosen attempts as pcapng.
 * Exit status 0 when the captures were analysed, 2 for an unreadable file or a usage error; bad input
 * never produces a stack trace.
 */
import { DEFAULT_ROW_LIMIT } from '../analyzer/rowLimit.js';
import { version } from '../../package.json';
import { analyzeCaptureSync } from '../analyzer/analyze.js';
import { reportRows, reportWithoutRows, type ReportCapture } from '../analyzer/buildReport.js';
import { CaptureError } from '../analyzer/errors.js';
import { UnknownAttemptsError } from '../analyzer/export/attemptSelection.js';
import { exportPacketsSync } from '../analyzer/export/exportPackets.js';
import { FileSink } from '../node/fileSink.js';
import { regularFileOutput } from '../node/descriptorOutput.js';
import { loadEvidenceFile } from '../node/evidenceFiles.js';
import { isRejection } from '../analyzer/evidence/evidenceFile.js';
import { textsFor } from '../analyzer/explain/catalog.js';
import type { Lang } from '../analyzer/explain/language.js';
import type { CaptureRole, HandshakeJson } from '../analyzer/report.js';
import { checkLanguage, languageOption, parseArguments, UsageError, type CaptureInput, type Command } from './arguments.js';
import { analyzeCaptureSetSync } from '../analyzer/analyze.js';
import { captureSetMembers, isFolder } from '../node/captureSetFiles.js';
import { standardInput } from '../node/pipeBytes.js';
import { CSV_HEADER, CSV_PATH_HEADER, csvLine } from '../analyzer/csvFormat.js';
import { diagnoseCaptures } from './diagnose.js';
import { writeMarkdown } from './markdownFormat.js';
import { languageFromEnvironment, messagesFor, type Messages } from './messages.js';
import { fileError, openCaptureFile } from '../node/openCaptureFile.js';
import { writeTable } from './tableFormat.js';
import { writeJsonWithRows } from './jsonStream.js';
import { OutputClosed, OutputSink } from './outputSink.js';
import { ProgressLine, wantsColour, type Stream } from './terminal.js';
import type { Readable } from 'node:stream';
import { runFollow } from './follow.js';

/** How standard input is named in the report and in messages, as `-` names it on the command line. */
const STDIN_NAME = '-';

export const EXIT_ANALYSED = 0;
export const EXIT_BAD_INPUT = 2;
/** A bug, not the user's input (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export interface CliEnvironment {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
}

/** A percentage when the size is known; the bytes read for a pipe or a growing file. */
export function progressLine(stderr: Stream, name: string, messages: Messages): ProgressLine {
  return new ProgressLine(stderr, (percent, bytes) => (Number.isNaN(percent) ? messages.progressBytes(name, bytes) : messages.progress(name, percent)));
}

function analyzeFile(path: string, role: CaptureRole, rowLimit: number, messages: Messages, stderr: Stream): ReportCapture {
  const source = openCaptureFile(path);
  const progress = progressLine(stderr, path, messages);
  try {
    return { path, role, analysis: analyzeCaptureSync(source, path, (done, total) => progress.update(done, total), { rowLimit }) };
  } catch (error) {
    throw fileError(path, error) ?? error;
  } finally {
    progress.clear();
    source.close();
  }
}

/** Several files of one capture point as one capture; named by the folder given, else by its first file. */
function analyzeSet(paths: readonly string[], role: CaptureRole, rowLimit: number, messages: Messages, stderr: Stream): ReportCapture {
  const members = captureSetMembers(paths);
  const name = paths.length === 1 ? paths[0] : members[0].name;
  const progress = progressLine(stderr, name, messages);
  try {
    return { path: name, role, analysis: analyzeCaptureSetSync(members, name, (done, total) => progress.update(done, total), { rowLimit }) };
  } finally {
    progress.clear();
  }
}

/** A pipe has no size and no seek: read once, front to back. */
function analyzeStandardInput(role: CaptureRole, rowLimit: number, messages: Messages, stderr: Stream): ReportCapture {
  const progress = progressLine(stderr, STDIN_NAME, messages);
  try {
    return { path: STDIN_NAME, role, analysis: analyzeCaptureSync(standardInput(), STDIN_NAME, (done, total) => progress.update(done, total), { rowLimit }) };
  } finally {
    progress.clear();
  }
}

export function analyzeInput(input: CaptureInput, role: CaptureRole, rowLimit: number, messages: Messages, stderr: Stream): ReportCapture {
  if (input.kind === 'stdin') return analyzeStandardInput(role, rowLimit, messages, stderr);
  if (input.kind === 'set' || isFolder(input.path)) return analyzeSet(input.kind === 'set' ? input.paths : [input.path], role, rowLimit, messages, stderr);
  return analyzeFile(input.path, role, rowLimit, messages, stderr);
}

function* failedOnly(rows: Iterable<HandshakeJson>): Generator<HandshakeJson> {
  for (const row of rows) if (row.verdict === 'fail') yield row;
}

/** Whether an iterable yields anything, reading one item at most. */
function anyListed(rows: Iterable<unknown>): boolean {
  return rows[Symbol.iterator]().next().done !== true;
}

function runAnalyze(command: Extract<Command, { kind: 'analyze' }>, language: Lang, messages: Messages, io: CliEnvironment): void {
  const analyze = (input: CaptureInput, role: CaptureRole) => analyzeInput(input, role, command.maxRows, messages, io.stderr);
  const given = command.server === null ? command.captures : [...command.captures, command.server];
  const analysed = given.length === 1
    ? [analyze(given[0], 'single')]
    : given.map((input, index) => analyze(input, index === given.length - 1 && command.server !== null ? 'server' : 'client'));
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
    case 'ndjson':
      for (const row of rows()) sink.write(`${JSON.stringify(row)}\n`);
      break;
    case 'csv': {
      const pathCaptures = diagnosis.path ? captures.map((capture) => capture.path) : undefined;
      sink.write(pathCaptures ? CSV_PATH_HEADER : CSV_HEADER);
      for (const row of rows()) sink.write(csvLine(row, pathCaptures));
      break;
    }
    case 'markdown':
      writeMarkdown((text) => sink.write(text), reportWithoutRows(captures, diagnosis), rows(), anyListed(allRows()), messages);
      break;
    default:
      writeTable((text) => sink.write(text), reportWithoutRows(captures, diagnosis), rows, anyListed(allRows()), messages, wantsColour(io.stdout, io.env));
  }
  sink.flush();
}

/**
 * Analyses the capture (or the set, its files in time order) for its attempt ids, then re-reads it for
 * their packets; the file appears only when whole.
 */
function runExport(command: Extract<Command, { kind: 'export' }>, messages: Messages, io: CliEnvironment): void {
  const { capture, output } = command;
  // The ids are those the analysis lists by default (the `id` column of `analyze`).
  const { path: name, analysis } = analyzeInput(capture, 'single', DEFAULT_ROW_LIMIT, messages, io.stderr);
  const paths = capture.kind === 'set' ? capture.paths : [capture.path];
  const asSet = capture.kind === 'set' || isFolder(capture.path);
  const source = asSet ? null : openCaptureFile(capture.path);
  let sink: FileSink | null = null;
  try {
    sink = new FileSink(output);
    const result = exportPacketsSync(source ?? captureSetMembers(paths), name, analysis.handshakes, command.selection, sink);
    sink.commit();
    io.stdout.write(`${messages.exported(result.packets, result.attempts.length, output)}\n`);
  } catch (error) {
    sink?.discard();
    throw (sink === null ? fileError(output, error, 'write') : fileError(name, error)) ?? error;
  } finally {
    source?.close();
  }
}

/** Where `--follow` gets standard input and hears SIGINT/SIGTERM. */
export interface FollowEnvironment {
  /** Asked for only when following `-`: opening process.stdin makes descriptor 0 non-blocking. */
  stdin(): Readable;
  onStop(stop: () => void): () => void;
}

/** Runs one command line; `--follow` runs until its capture ends or a signal stops it. Returns the exit status. */
export async function runAsync(args: readonly string[], io: CliEnvironment & FollowEnvironment): Promise<number> {
  let command: Command;
  let language: Lang;
  let messages = messagesFor(languageFromEnvironment(io.env));
  try {
    const requested = languageOption(args);
    language = requested === null ? languageFromEnvironment(io.env) : checkLanguage(requested, messages);
    messages = messagesFor(language);
    command = parseArguments(args, messages);
  } catch {
    return run(args, io);
  }
  if (command.kind !== 'analyze' || !command.follow || command.captures.length !== 1 || command.captures[0].kind === 'set') return run(args, io);
  if (command.server !== null && command.server.kind !== 'file') return run(args, io);
  const input = command.captures[0];
  const server = command.server?.kind === 'file' ? { server: command.server.path } : {};
  return reported(io, messages, async () => {
    await runFollow({
      input, format: command.format === 'ndjson' ? 'ndjson' : 'table', failedOnly: command.failedOnly, maxRows: command.maxRows,
      language, messages, stdout: io.stdout, stderr: io.stderr, stdin: io.stdin(), env: io.env, onStop: io.onStop, ...server,
    });
  });
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
    return failure(error, messages, io);
  }
}

/** Runs `work` and turns what it throws into the exit status and one line on stderr, as `run` does. */
async function reported(io: CliEnvironment, messages: Messages, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return EXIT_ANALYSED;
  } catch (error) {
    return failure(error, messages, io);
  }
}

function failure(error: unknown, messages: Messages, io: CliEnvironment): number {
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

if (require.main === module) {
  // `> file`: written straight to the descriptor, without a Buffer per write (descriptorOutput.ts).
  const stdout = regularFileOutput(1) ?? process.stdout;
  // Output piped into `head` closes early: that is not an error worth a trace.
  if (stdout === process.stdout) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_ANALYSED);
      throw error;
    });
  }
  const onStop = (stop: () => void): (() => void) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    };
  };
  let stdin: Readable | null = null;
  const io = { stdout, stderr: process.stderr, env: process.env, stdin: () => (stdin ??= process.stdin), onStop };
  void runAsync(process.argv.slice(2), io).then((status) => {
    process.exitCode = status;
    // Standard input followed as a stream would keep the process waiting for a writer that is gone.
    stdin?.destroy();
  });
}
