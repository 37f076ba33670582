import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures, readCapture } from './corpusFiles.js';

/** pcap-parser has no types; these are the parts of its event API this test uses. */
interface PcapParserPacket {
  header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number };
  data: Buffer;
}
interface PcapParser {
  on(event: 'packet', listener: (packet: PcapParserPacket) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'end', listener: () => void): void;
}
const pcapParser = createRequire(join(process.cwd(), 'package.json'))('pcap-parser') as { parse(path: string): PcapParser };

/** One record, timestamps in microseconds, as both readers can state it. */
type Row = [microseconds: number, capturedLength: number, originalLength: number, bytes: string];

/** Classic pcap with microsecond magic in either byte order: all that pcap-parser reads. */
function isMicrosecondPcap(path: string): boolean {
  const head = readFileSync(path).subarray(0, 4).toString('hex');
  return head === 'a1b2c3d4' || head === 'd4c3b2a1';
}

function readWithPcapParser(path: string): Promise<Row[] | null> {
  return new Promise((resolve) => {
    const rows: Row[] = [];
    let failed = false;
    const parser = pcapParser.parse(path);
    parser.on('packet', ({ header, data }) => {
      rows.push([header.timestampSeconds * 1e6 + header.timestampMicroseconds, header.capturedLength, header.originalLength, data.toString('hex')]);
    });
    parser.on('error', () => {
      failed = true;
    });
    parser.on('end', () => resolve(failed ? null : rows));
  });
}

/** Project fixtures on disk (made by the generators), when they exist. */
function fixtureCaptures(): string[] {
  return ['test/fixtures', 'samples']
    .filter((folder) => existsSync(folder))
    .flatMap((folder) => readdirSync(folder).filter((name) => /\.(pcap|cap)$/.test(name)).map((name) => join(folder, name)));
}

test('our pcap reader and pcap-parser read the same records', async (t) => {
  const files = fixtureCaptures().map((path) => ({ path, name: path }));
  if (corpusAvailable()) {
    files.push(...corpusCaptures().map((capture) => ({ path: join(CORPUS_ROOT, capture), name: capture })));
  } else {
    t.diagnostic(CORPUS_ABSENT);
  }
  let compared = 0;
  const skipped: string[] = [];
  const differences: string[] = [];
  for (const { path, name } of files) {
    if (!isMicrosecondPcap(path)) continue;
    const ours: Row[] = [];
    const reading = readCapture(path, name, (timeSec, timeNs, capturedLength, originalLength, data) => {
      ours.push([timeSec * 1e6 + timeNs / 1000, capturedLength, originalLength, Buffer.from(data).toString('hex')]);
    });
    const ourProblem = reading.error?.reason ?? reading.warnings[0]?.message ?? null;
    const theirs = await readWithPcapParser(path);
    // Files either reader finds broken are left to the tshark conformance test.
    if (theirs === null || ourProblem !== null) {
      skipped.push(`${name} (${ourProblem ?? 'pcap-parser failed'})`);
      continue;
    }
    compared++;
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) differences.push(`${name}: ${ours.length} records here, ${theirs.length} from pcap-parser, or different contents`);
  }
  t.diagnostic(`compared ${compared} classic pcap files record by record; skipped ${skipped.length} that one reader finds broken: ${skipped.join(', ')}`);
  if (compared === 0 && !corpusAvailable()) {
    t.skip(`${CORPUS_ABSENT}; no classic pcap fixtures to compare either`);
    return;
  }
  assert.deepEqual(differences, []);
});
