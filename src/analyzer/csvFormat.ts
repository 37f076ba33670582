/**
 * One CSV row per handshake (RFC 4180), for spreadsheets and scripts. Column names are the JSON field
 * names, untranslated, so a script works in every locale.
 */
import { captureShortName } from './captureShortName.js';
import type { HandshakeJson } from './report.js';

const FIELDS = [
  'id', 'client', 'server', 'ipVersion', 'isn', 'synTime', 'synCount', 'tsval', 'ttl', 'verdict', 'outcome',
  'rttMs', 'ackDelayMs', 'vantage', 'cause', 'confidence',
] as const satisfies readonly (keyof HandshakeJson)[];

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line, with its CRLF. */
export const CSV_HEADER = FIELDS.join(',') + '\r\n';

/** The header of rows along a path: a `path` column last. */
export const CSV_PATH_HEADER = [...FIELDS, 'path'].join(',') + '\r\n';

/**
 * `pod-a seen > node-any before-nat seen > node-any after-nat missed > server-side missed`: every capture
 * point that could have seen the attempt, in path order, named by its capture (`captures`, as given).
 */
function pathValue(handshake: HandshakeJson, captures: readonly string[]): string {
  return (handshake.path ?? []).map((step) => {
    const name = captureShortName(captures[step.capture] ?? String(step.capture));
    return [name, ...(step.side === null ? [] : [step.side]), step.seen ? 'seen' : 'missed'].join(' ');
  }).join(' > ');
}

/** One handshake's line, with its CRLF; with `pathCaptures` (the captures of a path, as given), its path last. */
export function csvLine(handshake: HandshakeJson, pathCaptures?: readonly string[]): string {
  const values = FIELDS.map((field) => csvValue(handshake[field]));
  if (pathCaptures !== undefined) values.push(csvValue(pathValue(handshake, pathCaptures)));
  return values.join(',') + '\r\n';
}
