/**
 * The language server's peak resident set with several captures opened at once, as editors open them:
 * the bundled server (dist/server.js) over Node IPC (tools/bench/firstRowsMeasurement.ts starts it),
 * one analyzeCapture request per capture sent together, the table's first page asked for again at each
 * captureProgress notification. The server's VmHWM is read once every capture is answered: the kernel's
 * peak of the resident set, which no sampling interval can miss.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnalyzeCaptureRequest, CaptureProgressNotification, HandshakePageRequest } from '../../src/shared/lspExtensions.js';
import { peakRssMB, startServer } from '../bench/firstRowsMeasurement.js';

/** The table's first page, as the editor asks for it. */
const PAGE = 200;

export interface ServerMemory {
  /** VmHWM of the server once every capture was answered. */
  peakRssMB: number;
  /** VmRSS of the server just before the captures were opened. */
  idleRssMB: number;
  /** Rows each capture's answer lists, in the order of `files`. */
  rows: number[];
  /** captureProgress notifications received, all captures together. */
  progressNotifications: number;
  seconds: number;
}

function rssMB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) / 1024;
}

/**
 * Opens `files` at once in a fresh server and waits for every answer. Each path is its own URI: give
 * hard links of one file for several copies of a capture (the store keys captures by URI, not by inode).
 */
export async function measureServerMemory(files: readonly string[]): Promise<ServerMemory> {
  const { connection, pid, stop } = await startServer();
  try {
    const idleRssMB = rssMB(pid);
    let progressNotifications = 0;
    const asking = new Set<string>();
    connection.onNotification(CaptureProgressNotification.type, (params) => {
      progressNotifications++;
      if (asking.has(params.uri)) return;
      asking.add(params.uri);
      void connection.sendRequest(HandshakePageRequest.type, { uri: params.uri, offset: 0, limit: PAGE })
        .catch(() => undefined)
        .finally(() => asking.delete(params.uri));
    });
    const started = performance.now();
    const answers = await Promise.all(files.map((file) => connection.sendRequest(AnalyzeCaptureRequest.type, { uri: pathToFileURL(resolve(file)).toString() })));
    const seconds = (performance.now() - started) / 1000;
    return { peakRssMB: peakRssMB(pid), idleRssMB, rows: answers.map((answer) => answer.totalHandshakes), progressNotifications, seconds };
  } finally {
    await stop();
  }
}
