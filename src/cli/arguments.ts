/** The command line's grammar: `analyze <capture> [options]`, `export <capture> [options]`, `--help`, `--version`. */
import type { AttemptSelection } from '../analyzer/export/attemptSelection.js';
import { LANGUAGES, type Lang } from '../analyzer/explain/language.js';
import { DEFAULT_ROW_LIMIT } from '../analyzer/rowLimit.js';
import type { Messages } from './messages.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown', 'ndjson'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/**
 * What one side of an analysis reads: a file, several files of one capture point (`--set`; a folder
 * given as the capture is one too), or standard input (`-`).
 */
export type CaptureInput =
  | { kind: 'file'; path: string }
  | { kind: 'set'; paths: string[] }
  | { kind: 'stdin' };

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  /**
   * `captures`: the capture points given before `--server`'s, in the order given (more than one: a path);
   * with `--set`, one capture set of all the files given.
   */
  | { kind: 'analyze'; captures: CaptureInput[]; server: CaptureInput | null; format: OutputFormat; failedOnly: boolean; maxRows: number; evidence: string[]; follow: boolean }
  /** `capture`: one file, or a capture set (a folder, or `--set` and its files). */
  | { kind: 'export'; capture: Exclude<CaptureInput, { kind: 'stdin' }>; selection: AttemptSelection; output: string };

/** A mistake in the arguments: reported in one line plus a hint, exit status 2. */
export class UsageError extends Error {}

function oneOf<T extends string>(allowed: readonly T[], value: string, option: string, messages: Messages): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(messages.badValue(option, value, allowed));
}

/** `--lang` is read first, so that every other message can be in the chosen language. */
export function languageOption(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang') return args[i + 1] ?? null;
    if (args[i].startsWith('--lang=')) return args[i].slice('--lang='.length);
  }
  return null;
}

export function checkLanguage(value: string, messages: Messages): Lang {
  return oneOf(LANGUAGES, value.toLowerCase(), '--lang', messages);
}

/** `--max-rows`: a positive whole number in decimal digits (no sign, exponent or fraction). */
function rowCount(value: string, messages: Messages): number {
  const count = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(count) && count >= 1) return count;
  throw new UsageError(messages.badRowCount('--max-rows', value));
}

/** `3,7,12`: attempt ids, positive integers. */
function attemptIds(value: string, messages: Messages): number[] {
  const ids = value.split(',').map((part) => part.trim());
  if (ids.length === 0 || !ids.every((id) => /^[1-9][0-9]{0,8}$/.test(id))) throw new UsageError(messages.badAttemptIds(value));
  return [...new Set(ids.map(Number))];
}

/** A capture named on the command line: `-` is standard input; a folder is read as a capture set by the caller. */
function captureInput(paths: readonly string[], asSet: boolean): CaptureInput {
  if (!asSet && paths.length === 1) return paths[0] === '-' ? { kind: 'stdin' } : { kind: 'file', path: paths[0] };
  return { kind: 'set', paths: [...paths] };
}

export function parseArguments(args: readonly string[], messages: Messages): Command {
  const positional: string[] = [];
  const server: string[] = [];
  let asSet = false;
  let follow = false;
  let format: OutputFormat | null = null;
  let failedOnly = false;
  let maxRows: number | null = null;
  let ids: number[] | null = null;
  let output: string | null = null;
  const evidence: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const argument = args[i];
    const [option, inlineValue] = argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s, 2) : [argument, undefined];
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = args[++i];
      if (next === undefined) throw new UsageError(messages.missingValue(option));
      return next;
    };
    switch (option) {
      case '--help': case '-h': return { kind: 'help' };
      case '--version': case '-V': return { kind: 'version' };
      case '--server':
        server.push(value());
        // With --set, a shell glob after --server is the server's set: every argument up to the next option.
        while (asSet && inlineValue === undefined && i + 1 < args.length && !args[i + 1].startsWith('-')) server.push(args[++i]);
        break;
      case '--set': asSet = true; break;
      case '--follow': follow = true; break;
      case '--evidence': evidence.push(value()); break;
      case '--format': format = oneOf(FORMATS, value(), '--format', messages); break;
      case '--failed': failedOnly = true; break;
      case '--max-rows': maxRows = rowCount(value(), messages); break;
      case '--attempts': ids = attemptIds(value(), messages); break;
      case '--output': case '-o': output = value(); break;
      case '--lang': checkLanguage(value(), messages); break;
      default:
        if (option.startsWith('-') && option !== '-') throw new UsageError(messages.unknownOption(option));
        positional.push(argument);
    }
  }
  if (positional.length === 0) throw new UsageError(messages.missingCommand);
  const [command, capture, ...extra] = positional;
  if (command !== 'analyze' && command !== 'export') throw new UsageError(messages.unknownCommand(command));
  if (capture === undefined) throw new UsageError(messages.missingCapture(command));
  if (command === 'analyze') {
    for (const [option, given] of [['--attempts', ids !== null], ['--output', output !== null]] as const) {
      if (given) throw new UsageError(messages.notFor(option, command));
    }
    const given = [capture, ...extra];
    if ((asSet || server.length > 1) && [...given, ...server].includes('-')) throw new UsageError(messages.stdinInSet);
    if ([...given, ...server].filter((path) => path === '-').length > 1) throw new UsageError(messages.stdinOnce);
    if (follow && (asSet || server.length > 1 || given.length > 1 || server.includes('-'))) throw new UsageError(messages.followOne);
    if (follow && format !== null && format !== 'table' && format !== 'ndjson') throw new UsageError(messages.followFormat);
    return {
      kind: 'analyze', captures: asSet ? [captureInput(given, true)] : given.map((path) => captureInput([path], false)),
      server: server.length === 0 ? null : captureInput(server, asSet || server.length > 1),
      format: format ?? 'table', failedOnly, maxRows: maxRows ?? DEFAULT_ROW_LIMIT, evidence, follow,
    };
  }
  if (extra.length > 0 && !asSet) throw new UsageError(messages.extraArgument(extra[0]));
  for (const [option, given] of [['--server', server.length > 0], ['--format', format !== null], ['--max-rows', maxRows !== null], ['--evidence', evidence.length > 0], ['--follow', follow]] as const) {
    if (given) throw new UsageError(messages.notFor(option, command));
  }
  if (capture === '-' || extra.includes('-')) throw new UsageError(messages.exportNeedsFile);
  if (failedOnly === (ids !== null)) throw new UsageError(messages.exportSelection);
  if (output === null) throw new UsageError(messages.exportOutput);
  const input = asSet ? { kind: 'set' as const, paths: [capture, ...extra] } : { kind: 'file' as const, path: capture };
  return { kind: 'export', capture: input, selection: ids === null ? { kind: 'failed' } : { kind: 'attempts', ids }, output };
}
