/** How the capture editor prints times, durations and counts; pure so that node:test covers it. */
import { captureTime, grouped, wholeAndMicros } from '../analyzer/explain/format.js';
import type { TimeZoneSetting } from '../shared/webviewProtocol.js';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Whether a Date holds these epoch seconds (±275,760 years): a corrupt or crafted record's time can lie
 * beyond, and tshark reads some as 1.7e14 s. Such a time is printed as raw seconds, as the CLI does.
 */
function isDateTime(epochSeconds: number): boolean {
  return Math.abs(epochSeconds) < MAX_DATE_SECONDS;
}

/** A Date holds up to 8.64e15 ms either side of 1970. */
const MAX_DATE_SECONDS = 8.64e12;

/** Local date and time to the millisecond, cut (not rounded) from the rounded microseconds as captureTime() does. */
function localTime(epochSeconds: number): string {
  const { whole, micros } = wholeAndMicros(epochSeconds);
  const date = new Date(whole * 1000);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${String(micros).padStart(6, '0').slice(0, 3)}`;
}

/**
 * Epoch seconds → `2026-11-02 09:00:11.827` in the chosen zone (UTC gets a ` UTC` suffix, as the CLI and
 * the explanations print it); beyond what a Date holds, `170000000000000.000 s since 1970` in any zone.
 */
export function formatTime(epochSeconds: number, zone: TimeZoneSetting): string {
  return zone === 'utc' || !isDateTime(epochSeconds) ? captureTime(epochSeconds) : localTime(epochSeconds);
}

/** Without the date, for a table whose capture lies within one day: `09:00:11.827` (` UTC` kept). */
export function formatTimeOfDay(epochSeconds: number, zone: TimeZoneSetting): string {
  const time = formatTime(epochSeconds, zone);
  return isDateTime(epochSeconds) ? time.slice(11) : time;
}

/** Whether two times fall on different calendar days in the chosen zone (raw seconds have no days). */
export function spansDays(start: number, end: number, zone: TimeZoneSetting): boolean {
  if (!isDateTime(start) || !isDateTime(end)) return false;
  return formatTime(start, zone).slice(0, 10) !== formatTime(end, zone).slice(0, 10);
}

/** The time of day only, for chart axes: `09:00:11` (whole raw seconds beyond what a Date holds). */
export function formatClock(epochSeconds: number, zone: TimeZoneSetting): string {
  return isDateTime(epochSeconds) ? formatTime(epochSeconds, zone).slice(11, 19) : String(Math.round(epochSeconds));
}

/** Milliseconds with a precision that suits their size: 0.42 → "0.42", 12.3456 → "12.3", 2357.7 → "2,358". */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const magnitude = Math.abs(ms);
  if (magnitude < 1) return ms.toFixed(2);
  if (magnitude < 100) return ms.toFixed(1);
  return grouped(ms);
}

/** 1234567 → "1,234,567", as the explanations group them. */
export const formatCount = grouped;

/** A span in seconds as `3 min 52.4 s`, `1 h 02 min`, `0.5 s`. */
export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  // Round once, to the tenths shown, before splitting into units: 599.96 s is "10 min 0 s", not "9 min 60 s".
  const tenths = Math.round(seconds * 10);
  if (tenths < 600) return `${tenths / 10} s`;
  if (tenths < 36_000) return `${Math.floor(tenths / 600)} min ${(tenths % 600) / 10} s`;
  const minutes = Math.floor(tenths / 600);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** Bytes as `812 B`, `4.2 MB`, `1.9 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A server-side clock offset in ms, signed: "+2,357.7 ms". */
export function formatOffset(ms: number): string {
  const sign = ms >= 0 ? '+' : '−';
  return `${sign}${formatMs(Math.abs(ms))} ms`;
}
