/**
 * The CLI writes JSON and CSV a row at a time: the JSON is byte for byte what JSON.stringify of the
 * whole report writes, for the samples and every scenario of the simulator, and a reader that closes
 * the pipe early ends the output cleanly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { reportRows, reportWithoutRows, toReport, type ReportCapture } from '../../src/analyzer/buildReport.js';
import { SCENARIOS } from '../../src/generator/scenario/catalogue.js';
import { diagnoseCaptures } from '../../src/cli/diagnose.js';
import { writeJsonWithRows } from '../../src/cli/jsonStream.js';
import { OutputClosed, OutputSink } from '../../src/cli/outputSink.js';
import { FileSource } from '../../src/node/fileSource.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { builtCli, runCli } from './cliRun.js';
import { analyseScenario } from './scenarioAnalysis.js';

const ROOT = resolve(__dirname, '../..');
const sample = (name: string) => join(ROOT, 'samples', name);

/** Collects what is written, in the chunks it was written in. */
class Collected {
  chunks: string[] = [];
  write(text: string): void {
    this.chunks.push(text);
  }
  get text(): string {
    return this.chunks.join('');
  }
}

function streamed(object: object, rowsKey: string, rows: unknown[], chunkCharacters?: number): Collected {
  const out = new Collected();
  const sink = new OutputSink(out, chunkCharacters);
  writeJsonWithRows(sink, object, rowsKey, rows);
  sink.flush();
  return out;
}

test('writeJsonWithRows writes what JSON.stringify writes, whatever the values around the rows', () => {
  const cases: Array<[object, unknown[]]> = [
    [{ version: 1, rows: [] }, []],
    [{ rows: [] }, [{ a: 1 }]],
    [{ before: { nested: [1, [2, {}], 'line\nbreak "quoted"'] }, rows: [], after: null, dropped: undefined }, [{ x: [] }, { y: { z: 'ü 中文' } }, 3, null]],
    [{ skipped: undefined, rows: [], tail: [] }, [[], {}]],
  ];
  for (const [object, rows] of cases) {
    const expected = JSON.stringify({ ...object, rows }, null, 2) + '\n';
    assert.equal(streamed(object, 'rows', rows).text, expected);
    assert.equal(streamed(object, 'rows', rows, 1).text, expected, 'the same in chunks of any size');
  }
});

test('the output goes out in bounded chunks, not as one string', () => {
  const rows = Array.from({ length: 2000 }, (_, id) => ({ id, client: `10.0.${id >> 8}.${id & 255}:40000` }));
  const out = streamed({ version: 1, rows: [] }, 'rows', rows, 4096);
  assert.ok(out.chunks.length > 10, `${out.chunks.length} chunks`);
  for (const chunk of out.chunks) assert.ok(chunk.length < 4096 + 200, `a chunk of ${chunk.length} characters`);
});

test('a batch of rows longer than a chunk goes out in chunks, none ending inside a UTF-16 surrogate pair', () => {
  const rows = Array.from({ length: 300 }, (_, id) => ({ id, note: '🙂'.repeat(id % 7) }));
  for (const size of [2, 3, 5, 64]) {
    const out = streamed({ rows: [] }, 'rows', rows, size);
    assert.equal(out.text, JSON.stringify({ rows }, null, 2) + '\n');
    for (const chunk of out.chunks) {
      assert.ok(chunk.length <= size, `a chunk of ${chunk.length} characters for ${size}`);
      const last = chunk.charCodeAt(chunk.length - 1);
      assert.ok(last < 0xd800 || last > 0xdbff, 'a chunk ends inside a surrogate pair');
    }
  }
});

test('a destroyed stream stops the writing with OutputClosed', () => {
  const stream = { destroyed: false, writes: 0, write() { this.writes++; } };
  const sink = new OutputSink(stream, 10);
  sink.write('0123456789');
  stream.destroyed = true;
  assert.throws(() => sink.write('0123456789'), OutputClosed);
  assert.equal(stream.writes, 1);
});

function analysedFile(path: string, role: ReportCapture['role']): ReportCapture {
  const source = new FileSource(path);
  try {
    return { path, role, analysis: analyzeCaptureSync(source, path) };
  } finally {
    source.close();
  }
}

test('samples: the CLI\'s streamed JSON equals JSON.stringify of the report, and parses', () => {
  const runs: Array<{ args: string[]; captures: ReportCapture[] }> = [
    ...['healthy.pcap', 'refused-and-unanswered.pcap', 'story-server.pcap'].map((name) => ({
      args: ['analyze', sample(name)], captures: [analysedFile(sample(name), 'single')],
    })),
    {
      args: ['analyze', sample('story-client.pcap'), '--server', sample('story-server.pcap')],
      captures: [analysedFile(sample('story-client.pcap'), 'client'), analysedFile(sample('story-server.pcap'), 'server')],
    },
  ];
  for (const { args, captures } of runs) {
    const report = toReport(captures, diagnoseCaptures(captures, 'en'));
    const result = runCli([...args, '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, JSON.stringify(report, null, 2) + '\n', args.join(' '));
    assert.deepEqual(JSON.parse(result.stdout), report);
    const failed = runCli([...args, '--format', 'json', '--failed']);
    assert.equal(failed.stdout, JSON.stringify({ ...report, handshakes: report.handshakes.filter((h) => h.verdict === 'fail') }, null, 2) + '\n');
  }
});

for (const name of Object.keys(SCENARIOS)) {
  test(`${name}: the streamed report equals JSON.stringify of the report`, () => {
    const { client, server } = analyseScenario(name);
    const captures: ReportCapture[] = [{ path: `${name}-client`, role: 'client', analysis: client }, { path: `${name}-server`, role: 'server', analysis: server }];
    const diagnosis = diagnoseCaptures(captures, 'en');
    const report = toReport(captures, diagnosis);
    assert.ok(report.handshakes.length > 0);
    const text = streamed(reportWithoutRows(captures, diagnosis), 'handshakes', [...reportRows(captures, diagnosis.findings)]).text;
    assert.equal(text, JSON.stringify(report, null, 2) + '\n');
  });
}

/** Runs the CLI with its stdout on a pipe that is closed after the first chunk arrives. */
function closedAfterFirstChunk(args: string[]): Promise<{ status: number | null; stderr: string; received: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stderr, received }));
  });
}

test('a reader that closes the pipe early (| head): exit 0, nothing on stderr', { timeout: 60_000 }, async () => {
  runCli(['--version']); // builds dist/cli.js when it is missing
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-epipe-'));
  try {
    const path = join(directory, 'flood.pcap');
    writeSynOnlyCapture(path, 20_000);
    for (const format of ['json', 'csv']) {
      const result = await closedAfterFirstChunk(['analyze', path, '--format', format]);
      assert.ok(result.received > 0);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '', format);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('the table and the Markdown of 300,000 attempts are written row by row: every row, aligned, exit 0', () => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-table-'));
  try {
    const path = join(directory, 'flood.pcap');
    const attempts = 300_000;
    writeSynOnlyCapture(path, attempts);
    for (const format of ['table', 'markdown']) {
      // To a file: the output is tens of megabytes, past what a pipe to spawnSync takes.
      const output = join(directory, `flood.${format}`);
      const descriptor = openSync(output, 'w');
      const result = spawnSync(process.execPath, [builtCli(), 'analyze', path, '--format', format], { stdio: ['ignore', descriptor, 'pipe'], encoding: 'utf8' });
      closeSync(descriptor);
      // Both once built every row's cells, lines and text at once, and the table spread every row's width into Math.max: a RangeError from 125,000 rows or so.
      assert.equal(result.status, 0, result.stderr);
      const lines = readFileSync(output, 'utf8').split('\n');
      const rows = format === 'table' ? lines.slice(1, 1 + attempts) : lines.slice(2, 2 + attempts);
      assert.equal(rows.length, attempts);
      assert.ok(rows.every((row) => /^\|? *\d+ /.test(row)), 'each a row of an attempt');
      assert.match(rows[attempts - 1], new RegExp(`^\\|? *${attempts} `), 'the last attempt last');
      if (format === 'table') assert.equal(new Set(rows.map((row) => row.indexOf('10.'))).size, 1, 'the client column starts at one place on every row');
      assert.equal(lines[format === 'table' ? 1 + attempts : 2 + attempts], '', 'the summaries follow the rows');
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
