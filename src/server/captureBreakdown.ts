/**
 * Wireshark's Conversations and Endpoints, for connection attempts: how many attempts each client
 * address and each server made or got, and how many failed, the worst first. Bounded: a scan of a whole
 * network lists its first rows, and says how many addresses there were.
 */
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import type { BreakdownJson, BreakdownRowJson } from '../shared/lspExtensions.js';

/** Rows per table; the rest are counted. */
export const BREAKDOWN_ROWS = 30;

function tally(attempts: readonly HandshakeAttempt[], keyOf: (attempt: HandshakeAttempt) => string): { rows: BreakdownRowJson[]; total: number } {
  const byKey = new Map<string, BreakdownRowJson>();
  for (const attempt of attempts) {
    const key = keyOf(attempt);
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { key, attempts: 0, failed: 0 }));
    row.attempts++;
    if (attempt.verdict === 'fail') row.failed++;
  }
  const rows = [...byKey.values()].sort((a, b) => b.failed - a.failed || b.attempts - a.attempts || a.key.localeCompare(b.key));
  return { rows: rows.slice(0, BREAKDOWN_ROWS), total: rows.length };
}

export function captureBreakdown(attempts: readonly HandshakeAttempt[]): BreakdownJson {
  const clients = tally(attempts, (attempt) => attempt.client.address);
  const servers = tally(attempts, (attempt) => endpointText(attempt.server));
  return { clients: clients.rows, clientAddresses: clients.total, servers: servers.rows, serverEndpoints: servers.total };
}
