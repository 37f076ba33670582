/** How the capture editor prints times, durations and counts; pure so that node:test covers it. */
import type { TimeZoneSetting } from '../shared/webviewProtocol.js';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Epoch seconds → `2026-11-02 09:00:11.827` in the chosen zone (UTC gets a ` UTC` suffix). */
export function formatTime(epochSeconds: number, zone: TimeZoneSetting): string {
  const date = new Date(Math.round(epochSeconds * 1000));
  const utc = zone === 'utc';
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  const hours = utc ? date.getUTCHours() : date.getHours();
  const minutes = utc ? date.getUTCMinutes() : date.getMinutes();
  const seconds = utc ? date.getUTCSeconds() : date.getSeconds();
  const millis = utc ? date.getUTCMilliseconds() : date.getMilliseconds();
  const text = `${year}-${pad(month)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
  return utc ? `${text} UTC` : text;
}

/** Without the date, for a table whose capture lies within one day: `09:00:11.827` (` UTC` kept). */
export function formatTimeOfDay(epochSeconds: number, zone: TimeZoneSetting): string {
  return formatTime(epochSeconds, zone).slice(11);
}

/** Whether two times fall on different calendar days in the chosen zone. */
export function spansDays(start: number, end: number, zone: TimeZoneSetting): boolean {
  return formatTime(start, zone).slice(0, 10) !== formatTime(end, zone).slice(0, 10);
}

/** The time of day only, for chart axes: `09:00:11`. */
export function formatClock(epochSeconds: number, zone: TimeZoneSetting): string {
  return formatTime(epochSeconds, zone).slice(11, 19);
}

/** Milliseconds with a precision that suits their size: 0.42 → "0.42", 12.3456 → "12.3", 2357.7 → "2,358". */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const magnitude = Math.abs(ms);
  if (magnitude < 1) return ms.toFixed(2);
  if (magnitude < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

/** 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A span in seconds as `3 min 52.4 s`, `1 h 02 min`, `0.5 s`. */
export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${(Math.round((seconds % 60) * 10) / 10)} s`;
  return `${Math.floor(seconds / 3600)} h ${pad(Math.floor((seconds % 3600) / 60))} min`;
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
