/**
 * The time column as Wireshark's View → Time Display Format shows it: the time of day (with the date when
 * the capture spans days), seconds since the beginning of the capture, or seconds since the previous row
 * shown; and a time reference, one row that the others count from, marked `*REF*`. A value kept in the
 * webview state; pure, so node:test covers it.
 */
import { wholeAndMicros } from '../analyzer/explain/format.js';
import { readStatePart, writeStatePart, type WebviewStateStore } from './webviewState.js';

export type TimeFormat = 'absolute' | 'since-start' | 'since-previous';

export const TIME_FORMATS: readonly TimeFormat[] = ['absolute', 'since-start', 'since-previous'];

/** The reference row: its attempt id, and its first SYN's time so that no row needs fetching to count from it. */
export interface TimeReference {
  id: number;
  time: number;
}

export interface TimeDisplay {
  format: TimeFormat;
  reference: TimeReference | null;
}

export const DEFAULT_TIME_DISPLAY: TimeDisplay = { format: 'absolute', reference: null };

/** What Wireshark prints in the time cell of its reference packet. */
export const REFERENCE_MARK = '*REF*';

/**
 * `later − earlier` as signed seconds to the microsecond, `-1.250000`, `12.000125`: counted in whole
 * microseconds, since the difference of two epoch doubles loses the last digit.
 */
export function secondsBetween(later: number, earlier: number): string {
  const a = wholeAndMicros(later);
  const b = wholeAndMicros(earlier);
  const micros = (a.whole - b.whole) * 1e6 + (a.micros - b.micros);
  const sign = micros < 0 ? '-' : '';
  const magnitude = Math.abs(micros);
  return `${sign}${Math.floor(magnitude / 1e6)}.${String(magnitude % 1e6).padStart(6, '0')}`;
}

export interface TimedRow {
  id: number;
  synTime: number;
}

/**
 * The text of a row's time cell. `previous`: the time of the row shown above it (null for the first
 * row); `captureStart`: the capture's first packet; `absolute` prints a time of day. With a reference,
 * the absolute and since-start formats count from it (rows before it are negative); since-previous
 * stays a gap between rows, as in Wireshark.
 */
export function timeCellText(display: TimeDisplay, row: TimedRow, previous: number | null, captureStart: number | null, absolute: (time: number) => string): string {
  if (display.reference?.id === row.id) return REFERENCE_MARK;
  if (display.format === 'since-previous') return secondsBetween(row.synTime, previous ?? row.synTime);
  if (display.reference) return secondsBetween(row.synTime, display.reference.time);
  if (display.format === 'since-start') return secondsBetween(row.synTime, captureStart ?? row.synTime);
  return absolute(row.synTime);
}

/** Ctrl+T on a row: sets the reference there, or removes it when that row is the reference already. */
export function toggleReference(display: TimeDisplay, row: TimedRow): TimeDisplay {
  return { ...display, reference: display.reference?.id === row.id ? null : { id: row.id, time: row.synTime } };
}

/** Characters the time column needs, for its width: a time of day, or signed seconds of a long capture. */
export function timeChars(display: TimeDisplay, absoluteChars: number): number {
  return display.format === 'absolute' && display.reference === null ? absoluteChars : 14;
}

export function loadTimeDisplay(store: WebviewStateStore): TimeDisplay {
  const saved = readStatePart(store, 'time');
  if (!saved) return DEFAULT_TIME_DISPLAY;
  const format = TIME_FORMATS.find((candidate) => candidate === saved.format) ?? DEFAULT_TIME_DISPLAY.format;
  const reference = saved.reference && typeof saved.reference === 'object' ? saved.reference as Record<string, unknown> : null;
  const valid = reference !== null && Number.isSafeInteger(reference.id) && typeof reference.time === 'number' && Number.isFinite(reference.time);
  return { format, reference: valid ? { id: reference.id as number, time: reference.time as number } : null };
}

export function saveTimeDisplay(store: WebviewStateStore, display: TimeDisplay): void {
  writeStatePart(store, 'time', display);
}
