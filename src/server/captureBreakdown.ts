/**
 * Wireshark's Conversations and Endpoints, for connection attempts: how many attempts each client
 * address and each server made or got, and how many failed, the worst first. Beside each client address,
 * the TSval clocks behind it: on a server capture the client addresses are NAT addresses, and several
 * clocks behind one are the hosts that tcp_tw_recycle confuses. Bounded: a scan of a whole network lists
 * its first rows, and says how many addresses there were.
 */
import { clientAddressKeys, inferClocks, type AddressClocks } from '../analyzer/diagnosis/timestampClocks.js';
import { endpointText, type HandshakeAttempt } from '../analyzer/model.js';
import { columnsOf } from '../analyzer/handshakes/storedRecords.js';
import type { BreakdownJson, BreakdownRowJson } from '../shared/lspExtensions.js';
import { firstInOrder, worstFirst } from '../analyzer/firstInOrder.js';

/** Rows per table; the rest are counted. */
export const BREAKDOWN_ROWS = 30;

/** The worst first: most failed, then most attempts, then by key (worstFirst, as the summary's servers). */
export const worseFirst = worstFirst<BreakdownRowJson>((row) => row.key);

/**
 * The first BREAKDOWN_ROWS rows in worseFirst order: a flood from ten million addresses has as many rows,
 * which a whole sort compared some 230 million times.
 */
export function worstRows(rows: Iterable<BreakdownRowJson>): BreakdownRowJson[] {
  return firstInOrder(rows, BREAKDOWN_ROWS, worseFirst);
}

/**
 * Attempts and failures by a key of each attempt (its index in `attempts`) that stands for its row's
 * text, one key per text: an address's bits, an endpoint's number or the text itself, so that the text
 * is made once per row, not per attempt.
 */
function tally<K>(attempts: readonly HandshakeAttempt[], keyOf: (index: number) => K, textOf: (index: number) => string): { rows: BreakdownRowJson[]; total: number } {
  const byKey = new Map<K, { first: number; attempts: number; failed: number }>();
  for (let index = 0; index < attempts.length; index++) {
    const key = keyOf(index);
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = { first: index, attempts: 0, failed: 0 }));
    counts.attempts++;
    if (attempts[index].verdict === 'fail') counts.failed++;
  }
  return { rows: worstRows(rowsOf(byKey.values(), textOf)), total: byKey.size };
}

function* rowsOf(counts: Iterable<{ first: number; attempts: number; failed: number }>, textOf: (index: number) => string): Generator<BreakdownRowJson> {
  for (const { first, attempts, failed } of counts) yield { key: textOf(first), attempts, failed };
}

/** Hosts told apart by their clocks: each shared line, and each connection on a line of its own. */
function clockCount(clocks: AddressClocks): number {
  if (clocks.pattern === 'single-clock') return 1;
  return clocks.pattern === 'several-clocks' ? clocks.clocks.length + clocks.loneAttemptIds.length : 0;
}

/**
 * Each attempt's server endpoint as a key of its text: from the store's columns, an IPv4 endpoint's
 * address × 65,536 + port (exact in a double), so that a scan's millions of endpoints make no object
 * or text each; otherwise, and for IPv6, the text.
 */
function serverKeys(attempts: readonly HandshakeAttempt[]): (index: number) => number | string {
  const columns = columnsOf(attempts);
  if (columns === null) return (index) => endpointText(attempts[index].server);
  return (index) => {
    const endpoint = columns.ipv4Endpoint(index, false);
    return endpoint < 0 ? endpointText(attempts[index].server) : endpoint;
  };
}

export function captureBreakdown(attempts: readonly HandshakeAttempt[]): BreakdownJson {
  const clocks = inferClocks(attempts);
  const clientKey = clientAddressKeys(attempts);
  const clients = tally(attempts, (index) => clientKey(attempts[index]), (first) => attempts[first].client.address);
  const byAddress = new Map(clocks.map((a) => [a.address, a]));
  for (const row of clients.rows) {
    const found = byAddress.get(row.key);
    row.clocks = found ? { pattern: found.pattern, count: clockCount(found) } : { pattern: 'too-few', count: 0 };
  }
  const servers = tally(attempts, serverKeys(attempts), (first) => endpointText(attempts[first].server));
  return { clients: clients.rows, clientAddresses: clients.total, servers: servers.rows, serverEndpoints: servers.total };
}
