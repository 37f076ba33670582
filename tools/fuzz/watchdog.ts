/**
 * Runs each mutant's analysis in a worker thread under a time and memory watchdog. A mutant fails when
 * the analysis throws anything but a CaptureError, takes longer than its budget (1 s per MB, with a
 * floor for the smallest files), grows the heap beyond a fixed bound, or never answers.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisJob, AnalysisReply } from './analysisWorker.js';

export type Failure = 'crashed' | 'slow' | 'hung' | 'heap';

export interface Verdict {
  kind: 'analysed' | 'rejected' | Failure;
  message: string;
  elapsedMs: number;
}

export interface WatchdogLimits {
  /** Time allowed per MB of mutant (1 s per MB). */
  msPerMb: number;
  /** Time allowed however small the mutant: below it, a GC pause or a busy machine is all one measures. */
  floorMs: number;
  /** Heap growth allowed over one analysis, whatever the mutant claims. */
  heapGrowthBytes: number;
}

export const DEFAULT_LIMITS: WatchdogLimits = { msPerMb: 1000, floorMs: 250, heapGrowthBytes: 128 * 1024 * 1024 };

/** The worker's hard heap limit: past it V8 kills the worker, which the watchdog reports as `heap`. */
const WORKER_HEAP_MB = 512;
/** A mutant that has not answered after this many budgets is stuck, not slow. */
const HANG_FACTOR = 20;
const HANG_FLOOR_MS = 10_000;

export function budgetMs(bytes: number, limits: WatchdogLimits): number {
  return Math.max(limits.floorMs, (bytes / (1024 * 1024)) * limits.msPerMb);
}

export class AnalysisWatchdog {
  private worker: Worker | null = null;

  constructor(private readonly limits: WatchdogLimits = DEFAULT_LIMITS) {}

  async run(job: AnalysisJob): Promise<Verdict> {
    const budget = budgetMs(job.bytes.length, this.limits);
    let verdict = await this.once(job, budget);
    // A busy machine or a GC pause can stretch one run: slow counts only when a second run is slow too.
    if (verdict.kind === 'slow') verdict = await this.once(job, budget);
    // Whatever the mutant left in the heap must not count against the next one: start a fresh worker.
    if (verdict.kind === 'heap' || verdict.kind === 'crashed') await this.close();
    return verdict;
  }

  /** Ends the worker thread; the next run starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker !== null) return this.worker;
    // The worker runs the TypeScript sources as this process does, through tsx's require hook.
    const file = join(__dirname, 'analysisWorker.ts');
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
    this.worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.worker.unref();
    return this.worker;
  }

  private once(job: AnalysisJob, budget: number): Promise<Verdict> {
    const worker = this.start();
    const hangMs = Math.round(Math.max(HANG_FLOOR_MS, budget * HANG_FACTOR));
    return new Promise((resolve) => {
      const settle = (verdict: Verdict) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(verdict);
      };
      const lose = async (verdict: Verdict) => {
        this.worker = null;
        settle(verdict);
        await worker.terminate();
      };
      const onMessage = (reply: AnalysisReply) => settle(this.judge(reply, budget));
      const onError = (error: Error) => void lose({
        kind: /heap|memory/i.test(error.message) ? 'heap' : 'crashed',
        message: `worker died: ${error.message}`.replace(/\s+/g, ' '),
        elapsedMs: NaN,
      });
      const onExit = (code: number) => void lose({ kind: 'crashed', message: `worker exited with code ${code}`, elapsedMs: NaN });
      const timer = setTimeout(() => void lose({ kind: 'hung', message: `no answer after ${hangMs} ms`, elapsedMs: hangMs }), hangMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  private judge(reply: AnalysisReply, budget: number): Verdict {
    const { elapsedMs } = reply;
    if (reply.kind === 'crashed') return { kind: 'crashed', message: reply.message, elapsedMs };
    if (reply.heapGrowthBytes > this.limits.heapGrowthBytes) {
      return { kind: 'heap', message: `heap grew by ${Math.round(reply.heapGrowthBytes / 1048576)} MB (limit ${this.limits.heapGrowthBytes / 1048576} MB)`, elapsedMs };
    }
    if (elapsedMs > budget) return { kind: 'slow', message: `took ${Math.round(elapsedMs)} ms, budget ${Math.round(budget)} ms`, elapsedMs };
    return { kind: reply.kind, message: reply.message, elapsedMs };
  }
}
