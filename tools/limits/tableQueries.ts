/**
 * How long the language server takes to sort and filter the table's rows of a large result, and to page
 * through them after:
 *
 *   node --import tsx tools/limits/tableQueries.ts [attempts=1000000] [rounds=1]
 *
 * The bundled server (dist/server.js, `npm run build` first) analyses a SYN-only capture of N attempts
 * (synOnlyCapture.ts), then answers handshakePage requests as the editor's table sends them: the first
 * window of each sort and filter (the order is computed), a window in the middle of the same query (a
 * slice of the order kept), and the first query again (its order kept too). With more rounds the queries
 * are asked again, in the same server, after the last four orders have been pushed out: the same work
 * once the server has read the store and holds its scratch memory. docs/limits.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnalyzeCaptureRequest, HandshakePageRequest, type HandshakeFilter, type HandshakeSort } from '../../src/shared/lspExtensions.js';
import { startServer } from '../bench/firstRowsMeasurement.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';

/** The table's window. */
const WINDOW = 200;

export interface TableQueryTiming {
  query: string;
  total: number;
  /** The first window: the order computed. */
  firstMs: number;
  /** A window in the middle of the same query. */
  middleMs: number;
}

const QUERIES: Array<{ query: string; filter: HandshakeFilter; sort: HandshakeSort }> = [
  { query: 'time ↑ (capture order)', filter: {}, sort: { column: 'time', direction: 'asc' } },
  { query: 'time ↓', filter: {}, sort: { column: 'time', direction: 'desc' } },
  { query: 'client ↑ (text)', filter: {}, sort: { column: 'client', direction: 'asc' } },
  { query: 'server ↓ (text, all equal)', filter: {}, sort: { column: 'server', direction: 'desc' } },
  { query: 'rtt ↑', filter: {}, sort: { column: 'rtt', direction: 'asc' } },
  { query: 'isn ↑ (filter field)', filter: {}, sort: { column: 'isn', direction: 'asc' } },
  { query: 'cause ↑', filter: {}, sort: { column: 'cause', direction: 'asc' } },
  { query: 'failed only, time ↑', filter: { failedOnly: true }, sort: { column: 'time', direction: 'asc' } },
  { query: 'text "10.0.1", time ↑', filter: { text: '10.0.1' }, sort: { column: 'time', direction: 'asc' } },
  { query: 'expression "syns >= 1 && isn > 2147483648", client ↓', filter: { expression: 'syns >= 1 && isn > 2147483648' }, sort: { column: 'client', direction: 'desc' } },
];

export async function measureTableQueries(attempts: number, rounds = 1): Promise<{ analysisMs: number; timings: TableQueryTiming[]; againMs: number; later: TableQueryTiming[][] }> {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-table-'));
  const path = join(directory, 'syn-only.pcap');
  const { connection, stop } = await startServer();
  try {
    writeSynOnlyCapture(path, attempts);
    const uri = pathToFileURL(path).toString();
    const started = performance.now();
    await connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
    const analysisMs = performance.now() - started;
    const timed = async (offset: number, filter: HandshakeFilter, sort: HandshakeSort) => {
      const start = performance.now();
      const page = await connection.sendRequest(HandshakePageRequest.type, { uri, offset, limit: WINDOW, filter, sort });
      return { ms: performance.now() - start, total: page.total };
    };
    const round = async (): Promise<TableQueryTiming[]> => {
      const timings: TableQueryTiming[] = [];
      for (const { query, filter, sort } of QUERIES) {
        const first = await timed(0, filter, sort);
        const middle = await timed(Math.floor(first.total / 2), filter, sort);
        timings.push({ query, total: first.total, firstMs: first.ms, middleMs: middle.ms });
      }
      return timings;
    };
    const timings = await round();
    // Back to a query asked for three queries ago ("failed only"): its order is still kept.
    const back = QUERIES[QUERIES.length - 3]!;
    const again = await timed(Math.floor(attempts / 2), back.filter, back.sort);
    const later: TableQueryTiming[][] = [];
    for (let more = 1; more < rounds; more++) later.push(await round());
    return { analysisMs, timings, againMs: again.ms, later };
  } finally {
    await stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const attempts = Number(process.argv[2] ?? 1_000_000);
  const rounds = Number(process.argv[3] ?? 1);
  const print = (timings: TableQueryTiming[]) => {
    for (const { query, total, firstMs, middleMs } of timings) {
      console.log(`  ${query.padEnd(58)} ${String(total).padStart(8)} rows  first window ${firstMs.toFixed(0).padStart(5)} ms, middle window ${middleMs.toFixed(0).padStart(3)} ms`);
    }
  };
  void measureTableQueries(attempts, rounds).then(({ analysisMs, timings, againMs, later }) => {
    console.log(`${attempts} attempts analysed by the language server in ${(analysisMs / 1000).toFixed(1)} s; a window of ${WINDOW} rows:`);
    print(timings);
    console.log(`  ${QUERIES[QUERIES.length - 3]!.query} asked for again three queries later: ${againMs.toFixed(0)} ms`);
    later.forEach((timings, at) => {
      console.log(`round ${at + 2}, the same queries again:`);
      print(timings);
    });
  });
}
