/**
 * Reads counter values from any of the shapes an engineer pastes: net-tools `netstat -s` (sections and
 * sentences), `nstat` / `nstat -a` / `nstat -z` rows, `nstat --json`, and the two-line header/value pairs
 * of /proc/net/netstat and /proc/net/snmp. One pass over the lines, so a notes file holding several of
 * them is read whole. Only the counters of the catalogue are kept.
 */
import { counterByField, counterByNstatName, counterByPhrase, type CounterId } from './counterCatalog.js';
import type { TextRange as Range } from './textLines.js';
import { rangeOn, splitLines } from './textLines.js';

/** netstat -s and /proc count since boot; nstat since its previous run unless -a. */
export type CounterShape = 'netstat' | 'nstat' | 'proc';

export interface CounterReading {
  id: CounterId;
  value: number;
  shape: CounterShape;
  /** Where the diagnostic goes: the sentence or row, or the value under a /proc header. */
  range: Range;
  /** The other place that names the counter: its column name in a /proc header line. */
  labelRange: Range | null;
}

const SECTION_HEADER = /^([A-Za-z]\w*):\s*$/;
// Counters are 64-bit: more digits is not a counter. No lazy group before `\s*$`, whose backtracking is
// quadratic on a long line of blanks: the phrase is trimmed in code (`s`: `.` also takes U+2028, so `$` never
// fails after it and sends `\s+` back through the blanks).
const NETSTAT_SENTENCE = /^(\s+)(\d{1,20}) (.*)$/s;
const NETSTAT_FIELD = /^(\s+)([A-Za-z]\w*): (\d{1,20})\s*$/;
const NSTAT_ROW = /^([A-Za-z]\w*)\s+(\d{1,20})(?:\s+[\d.]+)?\s*$/;
const NSTAT_JSON = /"([A-Za-z]\w*)"\s*:\s*(\d{1,20})(?!\d)/g;
const PROC_LINE = /^([A-Za-z]\w*):((?:[ \t]+\S+)+)\s*$/;

export function readCounters(text: string): CounterReading[] {
  const lines = splitLines(text);
  const readings: CounterReading[] = [];
  let section: string | null = null;
  for (let line = 0; line < lines.length; line++) {
    const source = lines[line];
    const header = SECTION_HEADER.exec(source);
    if (header) {
      section = header[1];
      continue;
    }
    if (/^\s/.test(source) && section !== null) {
      readNetstatLine(source, line, section, readings);
      continue;
    }
    section = null;
    const pair = PROC_LINE.exec(source);
    const values = pair && line + 1 < lines.length ? PROC_LINE.exec(lines[line + 1]) : null;
    if (pair && values && values[1] === pair[1] && /^[\s\d-]+$/.test(values[2])) {
      readProcPair(pair[1], source, lines[line + 1], line, readings);
      line++;
      continue;
    }
    const row = NSTAT_ROW.exec(source);
    if (row) {
      const id = counterByNstatName(row[1]);
      // The name through the value: the rate column after it is nstat's average, not the count.
      const valueEnd = source.indexOf(row[2], row[1].length) + row[2].length;
      if (id) readings.push({ id, value: Number(row[2]), shape: 'nstat', range: rangeOn(line, 0, valueEnd), labelRange: null });
      continue;
    }
    for (const match of source.matchAll(NSTAT_JSON)) {
      const id = counterByNstatName(match[1]);
      const start = match.index ?? 0;
      if (id) readings.push({ id, value: Number(match[2]), shape: 'nstat', range: rangeOn(line, start, start + match[0].length), labelRange: null });
    }
  }
  return readings;
}

function readNetstatLine(source: string, line: number, section: string, readings: CounterReading[]): void {
  const sentence = NETSTAT_SENTENCE.exec(source);
  const field = sentence ? null : NETSTAT_FIELD.exec(source);
  const id = sentence ? counterByPhrase(section, sentence[3].trimEnd()) : field ? counterByField(section, field[2]) : null;
  if (!id) return;
  const start = (sentence ?? field)![1].length;
  const value = Number(sentence ? sentence[2] : field![3]);
  readings.push({ id, value, shape: 'netstat', range: rangeOn(line, start, source.trimEnd().length), labelRange: null });
}

/** `TcpExt: SyncookiesSent SyncookiesRecv …` over `TcpExt: 0 0 …`: names and values by column. */
function readProcPair(section: string, names: string, values: string, line: number, readings: CounterReading[]): void {
  const nameTokens = tokens(names, section.length + 1);
  const valueTokens = tokens(values, section.length + 1);
  nameTokens.forEach((name, column) => {
    const id = counterByField(section, name.text);
    const value = valueTokens[column];
    if (!id || !value || !/^\d{1,20}$/.test(value.text)) return;
    readings.push({
      id, value: Number(value.text), shape: 'proc',
      range: rangeOn(line + 1, value.start, value.start + value.text.length),
      labelRange: rangeOn(line, name.start, name.start + name.text.length),
    });
  });
}

function tokens(source: string, from: number): Array<{ text: string; start: number }> {
  const found: Array<{ text: string; start: number }> = [];
  for (const match of source.slice(from).matchAll(/\S+/g)) found.push({ text: match[0], start: from + (match.index ?? 0) });
  return found;
}
