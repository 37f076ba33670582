/**
 * The grammar of the text report's lines, written and read in one place: hovers, diagnostics, symbols
 * and code actions read the document's own text, so they stay right whatever produced the lines.
 *
 *   2026-11-02 09:00:09.469227 #2 FAIL no-reply IP 192.168.0.2.60755 > 192.168.11.250.3306: Flags [S], seq 1, TSval 1838205, SYNs 4, cause paws-tw-recycle (high)
 *
 * The verdict and outcome come right after the id, so that they stay on screen however long the rest is.
 */
import { utcTime } from '../../analyzer/explain/format.js';
import type { HandshakeJson } from '../../analyzer/report.js';

export const ATTEMPT_INDENT = '  ';

/** `192.168.0.2:60755` → `192.168.0.2.60755`, `[2001:db8::1]:80` → `2001:db8::1.80`, as tcpdump prints them. */
function tcpdumpEndpoint(endpoint: string): string {
  const colon = endpoint.lastIndexOf(':');
  return `${endpoint.slice(0, colon).replace(/^\[|\]$/g, '')}.${endpoint.slice(colon + 1)}`;
}

export function attemptLine(row: HandshakeJson): string {
  const parts = [`Flags [S], seq ${row.isn}`];
  if (row.tsval !== null) parts.push(`TSval ${row.tsval}`);
  parts.push(`SYNs ${row.synCount}`);
  if (row.rttMs !== null) parts.push(`SYN-ACK after ${row.rttMs.toFixed(3)} ms`);
  if (row.cause !== null) parts.push(`cause ${row.cause}${row.confidence === null ? '' : ` (${row.confidence})`}`);
  const ip = row.ipVersion === 6 ? 'IP6' : 'IP';
  return `${ATTEMPT_INDENT}${utcTime(row.synTime)} #${row.id} ${row.verdict.toUpperCase()} ${row.outcome} ${ip} ${tcpdumpEndpoint(row.client)} > ${tcpdumpEndpoint(row.server)}: ${parts.join(', ')}`;
}

export function sectionHeader(name: string, detail: string): string {
  return `== ${name} == ${detail}`;
}

export interface Span {
  start: number;
  end: number;
}

export interface ParsedAttemptLine {
  id: number;
  failed: boolean;
  /** Where the line's text starts (after the indent). */
  textStart: number;
  tsval: (Span & { value: number }) | null;
  cause: (Span & { code: string }) | null;
}

const ATTEMPT = /^ {2}\S+ \S+ #(\d+) (PASS|FAIL|UNKNOWN) \S+ IP6? /;

function spanOf(line: string, pattern: RegExp): (Span & { text: string }) | null {
  const match = pattern.exec(line);
  if (!match) return null;
  const start = match.index + match[0].length - match[1].length;
  return { start, end: start + match[1].length, text: match[1] };
}

export function parseAttemptLine(line: string): ParsedAttemptLine | null {
  const match = ATTEMPT.exec(line);
  if (!match) return null;
  const tsval = spanOf(line, /, TSval (\d+)/);
  const cause = spanOf(line, /, cause ([a-z-]+)/);
  return {
    id: Number(match[1]),
    failed: match[2] === 'FAIL',
    textStart: ATTEMPT_INDENT.length,
    tsval: tsval && { start: tsval.start, end: tsval.end, value: Number(tsval.text) },
    cause: cause && { start: cause.start, end: cause.end, code: cause.text },
  };
}

/** The name of a section header line (a server endpoint, or the diagnoses' heading), or null. */
export function parseSectionHeader(line: string): string | null {
  return /^== (.+?) ==/.exec(line)?.[1] ?? null;
}
