/**
 * Wireshark's Conversations and Endpoints, for connection attempts: how many attempts each client
 * address and each server made or got, and how many failed, the worst first. Beside each client address,
 * the TSval clocks behind it: on a server capture the client addresses are NAT addresses, and several
 * clocks behind one are the hosts that tcp_tw_recycle confuses. Bounded: a scan of a whole network lists
 * its first rows, and says how many addresses there were.
 */
import { inferClocks, type AddressClocks } from '../analyzer/diagnosis/timestampClocks.js';
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import type { BreakdownJson, BreakdownRowJson } from '../shared/lspExtensions.js';
import { firstInOrder } from './firstInOrder.js';

/** Rows per table; the rest are counted. */
export const BREAKDOWN_ROWS = 30;

/** The worst first: most failed, then most attempts, then by key. */
export function worseFirst(a: BreakdownRowJson, b: BreakdownRowJson): number {
  return b.failed - a.failed || b.attempts - a.attempts || a.key.localeCompare(b.key);
}

/**
 * The first BREAKDOWN_ROWS rows in worseFirst order: a flood from ten million addresses has as many rows,
 * which a whole sort compared some 230 million times.
 */
export function worstRows(rows: Iterable<BreakdownRowJson>): BreakdownRowJson[] {
  return firstInOrder(rows, BREAKDOWN_ROWS, worseFirst);
}

function tally(attempts: readonly HandshakeAttempt[], keyOf: (attempt: HandshakeAttempt) => string): { rows: BreakdownRowJson[]; total: number } {
  const byKey = new Map<string, BreakdownRowJson>();
  for (const attempt of attempts) {
    const key = keyOf(attempt);
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { key, attempts: 0, failed: 0 }));
    row.attempts++;
    if (attempt.verdict === 'fail') row.failed++;
  }
  return { rows: worstRows(byKey.values()), total: byKey.size };
}

/** Hosts told apart by their clocks: each shared line, and each connection on a line of its own. */
function clockCount(clocks: AddressClocks): number {
  if (clocks.pattern === 'single-clock') return 1;
  return clocks.pattern === 'several-clocks' ? clocks.clocks.length + clocks.loneAttemptIds.length : 0;
}

export function captureBreakdown(attempts: readonly HandshakeAttempt[]): BreakdownJson {
  const clocks = inferClocks(attempts);
  const clients = tally(attempts, (attempt) => attempt.client.address);
  const byAddress = new Map(clocks.map((a) => [a.address, a]));
  for (const row of clients.rows) {
    const found = byAddress.get(row.key);
    row.clocks = found ? { pattern: found.pattern, count: clockCount(found) } : { pattern: 'too-few', count: 0 };
  }
  const servers = tally(attempts, (attempt) => endpointText(attempt.server));
  return { clients: clients.rows, clientAddresses: clients.total, servers: servers.rows, serverEndpoints: servers.total };
}
