/**
 * One CSV row per handshake (RFC 4180), for spreadsheets and scripts. Column names are the JSON field
 * names, untranslated, so a script works in every locale.
 */
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

/** One handshake's line, with its CRLF. */
export function csvLine(handshake: HandshakeJson): string {
  return FIELDS.map((field) => csvValue(handshake[field])).join(',') + '\r\n';
}
