/**
 * Time to first rows in the editor's language server: the bundled server (dist/server.js, as the
 * extension ships it) in a child process over Node IPC, a vscode-languageserver-protocol client here.
 * Timed from the analyzeCapture request (a capture opened) to the first handshakePage reply with rows,
 * asked for at the first captureProgress notification with rows, as the editor asks. A fresh server per
 * run, as it keeps what it analysed.
 */
import { fork } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader, IPCMessageWriter, InitializeRequest, InitializedNotification, createProtocolConnection, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';
import { AnalyzeCaptureRequest, CaptureProgressNotification, HandshakePageRequest } from '../../src/shared/lspExtensions.js';
import { buildBundles } from './cliMeasurement.js';
import { measurementLine, type MeasurementLine } from './measurements/measurement.js';

const SERVER = join('dist', 'server.js');
/** The table's first page, as the editor asks for it. */
const PAGE = 200;

interface ServerRun {
  firstRowsSeconds: number;
  analysisSeconds: number;
  /** The server process's VmHWM at the end of the run. */
  peakRssMB: number;
}

/** The process's VmHWM (peak resident set) in MB. */
export function peakRssMB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) / 1024;
}

export interface ServerUnderTest {
  connection: ProtocolConnection;
  pid: number;
  /** Ends the connection and the process, resolved once it exited. */
  stop(): Promise<void>;
}

/** A fresh bundled server over Node IPC, initialized as the extension initializes it. */
export async function startServer(): Promise<ServerUnderTest> {
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  const stop = async (): Promise<void> => {
    connection.dispose();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill();
    await exited;
  };
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { explanationLanguage: 'en' } });
    await connection.sendNotification(InitializedNotification.type, {});
  } catch (error) {
    await stop();
    throw error;
  }
  return { connection, pid: child.pid!, stop };
}

async function runOnce(file: string): Promise<ServerRun> {
  const { connection, pid, stop } = await startServer();
  try {
    const uri = pathToFileURL(resolve(file)).toString();
    let firstRows: number | null = null;
    let asking = false;
    const askPage = async (): Promise<void> => {
      asking = true;
      const page = await connection.sendRequest(HandshakePageRequest.type, { uri, offset: 0, limit: PAGE });
      if (page.rows.length > 0) firstRows ??= performance.now() - started;
      asking = false;
    };
    connection.onNotification(CaptureProgressNotification.type, (params) => {
      if (firstRows === null && !asking && params.rows > 0) void askPage();
    });
    const started = performance.now();
    await connection.sendRequest(AnalyzeCaptureRequest.type, { uri });
    const analysisSeconds = (performance.now() - started) / 1000;
    // A capture whose rows were all decided only at the end has its first rows with the answer's page.
    if (firstRows === null) await askPage();
    return { firstRowsSeconds: firstRows! / 1000, analysisSeconds, peakRssMB: peakRssMB(pid) };
  } finally {
    await stop();
  }
}

export interface FirstRowsLine extends MeasurementLine {
  /** The analyzeCapture answer (the whole capture analysed, diagnosed and summarised) of each timed run. */
  analysisRuns: number[];
}

/** One untimed warm-up run, then the best of `timedRuns`; `packets` is the capture's record count. */
export async function measureFirstRows(name: string, file: string, packets: number, timedRuns: number): Promise<FirstRowsLine> {
  buildBundles();
  await runOnce(file);
  const runs: ServerRun[] = [];
  for (let index = 0; index < timedRuns; index++) runs.push(await runOnce(file));
  const line = measurementLine(name, basename(file), { packets, bytes: statSync(file).size }, runs.map((run) => run.firstRowsSeconds), Math.max(...runs.map((run) => run.peakRssMB)));
  return { ...line, analysisRuns: runs.map((run) => Number(run.analysisSeconds.toFixed(4))) };
}
