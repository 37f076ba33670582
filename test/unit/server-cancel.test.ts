/** Cancelling the analysis of a large capture over a real LSP connection: the rows read so far stay. */
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { AnalyzeCaptureRequest, HandshakePageRequest } from '../../src/shared/lspExtensions.js';
import { DIAGNOSING_MESSAGE } from '../../src/server/workDoneProgress.js';
import { writeSynOnlyCapture } from '../../tools/limits/synOnlyCapture.js';
import { serverForTests } from './serverClient.js';

const ATTEMPTS = 250_000;

/** SYN and SYN-ACK of ATTEMPTS connections (about 45 MB), written as they are made. */
function writeLargeCapture(path: string): void {
  const writer = new PcapWriter({ linkType: 1 });
  const file = openSync(path, 'w');
  try {
    writeSync(file, writer.fileHeader());
    const frame = (src: string, dst: string, srcPort: number, dstPort: number, seq: number, ack: number, flags: number, tsval: number) =>
      buildTcpFrame({ linkType: 1, src, dst, ttl: 64, srcPort, dstPort, seq, ack, flags, window: 29200, mss: 1460, timestamp: { tsval, tsecr: 0 } });
    const chunk: Uint8Array[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const time = 1_700_000_000 + i * 0.001;
      const port = 1024 + (i % 60000);
      const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      chunk.push(writer.encodeRecord(time, frame(client, '192.168.11.250', port, 3306, i, 0, TcpFlag.SYN, i)));
      chunk.push(writer.encodeRecord(time + 0.0005, frame('192.168.11.250', client, 3306, port, i * 7, i + 1, TcpFlag.SYN | TcpFlag.ACK, i)));
      if (chunk.length >= 20_000) writeSync(file, Buffer.concat(chunk.splice(0)));
    }
    writeSync(file, Buffer.concat(chunk));
  } finally {
    closeSync(file);
  }
}

const server = serverForTests();

test('cancelling analyzeCapture on a large capture answers with what was read before, and says so', { timeout: 120_000 }, async () => {
  const path = join(server.directory, 'large.pcap');
  writeLargeCapture(path);
  const source = new CancellationTokenSource();
  const percentages: number[] = [];
  const messages: (string | undefined)[] = [];
  let cancelledAt: number | null = null;
  server.lsp.connection.onProgress(WorkDoneProgress.type, 'large', (value) => {
    if (value.kind !== 'report') return;
    const { percentage = 0, message } = value as WorkDoneProgressReport;
    // The report that the diagnosis of what was read has begun.
    if (message === DIAGNOSING_MESSAGE) return;
    percentages.push(percentage);
    // The notification reads "37 %", never a URI.
    messages.push(message);
    // Cancel once the server is well into the file, as a user pressing Cancel would.
    if (cancelledAt === null && percentage > 0) {
      cancelledAt = percentage;
      source.cancel();
    }
  });
  const overview = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(path).toString(), workDoneToken: 'large' }, source.token);
  // The notification reads "37 %", never a URI.
  assert.deepEqual(messages, percentages.map((percentage) => `${percentage} %`));
  assert.ok(cancelledAt !== null && cancelledAt < 100);
  assert.ok(Math.max(...percentages) < 100, `the analysis stopped before the end (reached ${Math.max(...percentages)} %)`);
  const warning = overview.capture.warnings.find((w) => w.code === 'analysis-cancelled');
  assert.ok(warning, 'the overview says the analysis was cancelled');
  assert.match(warning.message, /^analysis cancelled at \d+ % of the file/);
  assert.ok(overview.totalHandshakes > 0 && overview.totalHandshakes < ATTEMPTS, `some rows, not all: ${overview.totalHandshakes}`);
  // Asked again, the capture is read again, to the end.
  const again = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(path).toString() });
  assert.equal(again.totalHandshakes, ATTEMPTS);
  assert.equal(again.capture.warnings.some((w) => w.code === 'analysis-cancelled'), false);
});

test('cancelling analyzeCapture while the attempts are diagnosed answers with every row, no causes, and says so', { timeout: 120_000 }, async () => {
  // Unanswered SYNs, which fail and are diagnosed (a second or so of diagnosis at this size).
  const path = join(server.directory, 'unanswered.pcap');
  writeSynOnlyCapture(path, ATTEMPTS);
  const uri = pathToFileURL(path).toString();
  const source = new CancellationTokenSource();
  let page: Promise<unknown> | null = null;
  const answered: string[] = [];
  server.lsp.connection.onProgress(WorkDoneProgress.type, 'diagnosed', (value) => {
    if (value.kind !== 'report' || (value as WorkDoneProgressReport).message !== DIAGNOSING_MESSAGE) return;
    // Cancel as soon as the diagnosis begins, and ask for rows meanwhile, as the editor's table would.
    source.cancel();
    page = server.lsp.connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: 10 }).then((rows) => {
      answered.push('page');
      return rows;
    });
  });
  const overview = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri, workDoneToken: 'diagnosed' }, source.token);
  answered.push('overview');
  assert.ok(page !== null, 'the server said when the diagnosis began');
  const rows = await page! as { total: number };
  // The page waited for the view, which the cancelled diagnosis gives at once.
  assert.deepEqual(answered, ['overview', 'page']);
  assert.equal(rows.total, ATTEMPTS);
  assert.equal(overview.totalHandshakes, ATTEMPTS, 'every attempt read is listed');
  assert.deepEqual(overview.diagnoses, [], 'no diagnosis of passes cut short');
  assert.ok(overview.capture.warnings.some((w) => w.code === 'diagnosis-cancelled'), 'the overview says the diagnosis was cancelled');
  assert.equal(overview.capture.warnings.some((w) => w.code === 'analysis-cancelled'), false, 'the read itself ran to the end');
  // Asked again, the stored analysis is diagnosed to the end.
  const again = await server.lsp.connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
  assert.equal(again.totalHandshakes, ATTEMPTS);
  assert.ok(again.diagnoses.length > 0, 'diagnosed');
  assert.equal(again.capture.warnings.some((w) => w.code === 'diagnosis-cancelled'), false);
});
