/**
 * Reads sysctl settings as sysctl(8) and systemd-sysctl read them: /etc/sysctl.conf, /etc/sysctl.d/*.conf
 * and the output of `sysctl -a`. Lines starting with # or ; are comments; a leading `-` asks sysctl to
 * ignore a failure to set the key; `key = value` and `key=value` are the same; a key whose first separator
 * is `/` has its slashes and dots swapped (net/ipv4/tcp_tw_recycle is net.ipv4.tcp_tw_recycle).
 * Anything else (stray text, `sysctl: permission denied on key …` lines pasted with the output) is skipped.
 */
import type { TextRange as Range } from './textLines.js';
import { rangeOn, splitLines } from './textLines.js';

export interface SysctlAssignment {
  /** Zero-based line number. */
  line: number;
  /** The key with dots between components, as `sysctl -a` prints it. */
  key: string;
  /** The key as written, without the `-` prefix. */
  keyRange: Range;
  /** The value as written, trimmed; empty when nothing follows `=`. */
  value: string;
  valueRange: Range;
  /** From the key through the value: the whole setting. */
  range: Range;
  /** The `-` prefix: a failure to set this key is not an error. */
  ignoreErrors: boolean;
}

// The value is trimmed in code: a lazy group before `\s*$` backtracks quadratically on a long line of blanks
// (`s`: `.` also takes U+2028, so `$` cannot fail after it and send `[ \t]*` back through the blanks).
const ASSIGNMENT = /^(\s*)(-?)([^\s=#;][^\s=]*)\s*=[ \t]*(.*)$/s;

export function readSysctl(text: string): SysctlAssignment[] {
  const assignments: SysctlAssignment[] = [];
  splitLines(text).forEach((source, line) => {
    const match = ASSIGNMENT.exec(source);
    if (!match) return;
    const [, indent, dash, rawKey, rest] = match;
    const value = rest.trimEnd();
    const keyStart = indent.length + dash.length;
    const keyEnd = keyStart + rawKey.length;
    const valueStart = value === '' ? source.trimEnd().length : source.indexOf(value, source.indexOf('=', keyEnd) + 1);
    const valueEnd = valueStart + value.length;
    assignments.push({
      line,
      key: canonicalKey(rawKey),
      keyRange: rangeOn(line, keyStart, keyEnd),
      value,
      valueRange: rangeOn(line, valueStart, valueEnd),
      range: rangeOn(line, keyStart, Math.max(valueEnd, keyEnd)),
      ignoreErrors: dash === '-',
    });
  });
  return assignments;
}

/** net/ipv4/conf/eth0.100/rp_filter → net.ipv4.conf.eth0/100.rp_filter (sysctl.d(5)). */
export function canonicalKey(key: string): string {
  const firstSeparator = key.search(/[./]/);
  if (firstSeparator < 0 || key[firstSeparator] === '.') return key;
  return key.replace(/[./]/g, (separator) => (separator === '/' ? '.' : '/'));
}

/** The number a setting holds, for the single-number keys; null when the value is not one. */
export function numericValue(value: string): number | null {
  const token = value.split(/\s+/)[0];
  return /^-?\d+$/.test(token) ? Number(token) : null;
}
