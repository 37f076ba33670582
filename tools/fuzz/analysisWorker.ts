/**
 * The worker thread the watchdog runs each mutant in: a mutant that loops forever or exhausts the heap
 * takes this thread down, not the campaign. Replies with the outcome, the time taken and the growth of
 * the heap (JavaScript objects plus array buffers) over the analysis.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeFully } from './fullAnalysis.js';
import { checkFollowedInEditor } from './inputPaths.js';

export interface AnalysisJob {
  bytes: Uint8Array;
  name: string;
  /** The unmutated input, to correlate the mutant with; null to skip correlation. */
  serverSide: Uint8Array | null;
  /** Also read the mutant from a pipe, in a capture set and as a followed file, by the CLI and for the editor (inputPaths.ts). */
  inputPaths?: boolean;
}

export interface AnalysisReply {
  kind: 'analysed' | 'rejected' | 'crashed';
  /** The CaptureError's message, or the crash: `TypeError: … at src/analyzer/…`. */
  message: string;
  elapsedMs: number;
  heapGrowthBytes: number;
}

function heapInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The error and the first frame in the project's code: enough to tell two bugs apart and find each. */
export function describeCrash(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown: ${String(error)}`;
  const frame = (error.stack ?? '').split('\n').find((line) => /\/(src|tools)\//.test(line));
  const where = frame === undefined ? '' : ` ${frame.trim().replace(/\(.*?\/((src|tools)\/[^)]*)\)/, '($1)')}`;
  return `${error.name}: ${error.message}${where}`.replace(/\s+/g, ' ');
}

parentPort?.on('message', async (job: AnalysisJob) => {
  const before = heapInUse();
  const start = performance.now();
  let reply: Pick<AnalysisReply, 'kind' | 'message'>;
  try {
    const outcome = analyzeFully(job.bytes, job.name, job.serverSide, job.inputPaths === true);
    // The editor's following is asynchronous (the language server's analyzeCapture), so it is checked here.
    if (job.inputPaths === true && job.serverSide !== null) await checkFollowedInEditor(job.bytes, job.name);
    reply = outcome.kind === 'analysed' ? { kind: 'analysed', message: `${outcome.handshakes} handshakes` } : { kind: 'rejected', message: outcome.error.message };
  } catch (error) {
    reply = { kind: 'crashed', message: describeCrash(error) };
  }
  const elapsedMs = performance.now() - start;
  parentPort!.postMessage({ ...reply, elapsedMs, heapGrowthBytes: heapInUse() - before } satisfies AnalysisReply);
});
