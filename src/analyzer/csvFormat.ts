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

export function formatCsv(handshakes: readonly HandshakeJson[]): string {
  const lines = [FIELDS.join(',')];
  for (const handshake of handshakes) lines.push(FIELDS.map((field) => csvValue(handshake[field])).join(','));
  return lines.join('\r\n') + '\r\n';
}
