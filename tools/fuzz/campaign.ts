/**
 * A fuzz campaign: for each iteration, pick an input and mutate it with a PRNG seeded by the campaign
 * seed and the iteration alone (so any one iteration replays on its own), run the whole analysis under
 * the watchdog, and keep every failure as a reproducer.
 */
import { SeededRandom } from '../../src/generator/scenario/seededRandom.js';
import type { FuzzInput } from './fuzzInputs.js';
import { mutate } from './mutators/index.js';
import { saveReproducer } from './reproducers.js';
import { AnalysisWatchdog, DEFAULT_LIMITS, type Verdict, type WatchdogLimits } from './watchdog.js';

export interface CampaignOptions {
  seed: number;
  iterations: number;
  /** First iteration: a long campaign can be split and resumed. */
  firstIteration?: number;
  inputs: readonly FuzzInput[];
  limits?: WatchdogLimits;
  /** Where reproducers go; null keeps them in memory only (the CI batch reports, the developer saves). */
  saveDir: string | null;
  /** Correlate a mutant with its original when both are at most this big (correlation doubles the work). */
  correlateBelowBytes?: number;
  /** Also read each mutant that is correlated from a pipe, in a capture set and as a followed file (inputPaths.ts). */
  inputPaths?: boolean;
  /** Failures of one kind (same message) saved at most this many times, so one bug does not flood the folder. */
  reproducersPerFailure?: number;
  onProgress?(done: number, stats: CampaignStats): void;
}

export interface CampaignFailure {
  iteration: number;
  input: string;
  mutators: string;
  verdict: Verdict;
  /** The saved reproducer, or null when not saved. */
  path: string | null;
  /** The mutant, for the first few failures of each kind; empty after that to bound the campaign's memory. */
  bytes: Uint8Array;
}

export interface CampaignStats {
  mutants: number;
  analysed: number;
  rejected: number;
  failures: CampaignFailure[];
  /** Distinct failure messages and how often each came. */
  failureKinds: Map<string, number>;
  elapsedMs: number;
  mutantBytes: number;
  /** Per mutator (each one of a stacked mutant counts): mutants made, and how many the readers rejected. */
  byMutator: Map<string, { mutants: number; rejected: number }>;
}

/** One PRNG stream per iteration: replaying iteration i needs neither the inputs nor the draws before it. */
export function iterationRandom(seed: number, iteration: number): SeededRandom {
  return new SeededRandom((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(iteration + 1, 0x85ebca6b)) >>> 0);
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignStats> {
  const { seed, iterations, inputs, saveDir } = options;
  const first = options.firstIteration ?? 0;
  const correlateBelow = options.correlateBelowBytes ?? 64 * 1024;
  const perFailure = options.reproducersPerFailure ?? 3;
  // Half the mutants come from the project's own captures, rich in handshakes for the packet mutators;
  // the other half from the corpus's many formats and link types.
  const own = inputs.filter((input) => !input.thirdParty);
  const thirdParty = inputs.filter((input) => input.thirdParty);
  const watchdog = new AnalysisWatchdog(options.limits ?? DEFAULT_LIMITS);
  const stats: CampaignStats = { mutants: 0, analysed: 0, rejected: 0, failures: [], failureKinds: new Map(), elapsedMs: 0, mutantBytes: 0, byMutator: new Map() };
  const started = performance.now();
  try {
    for (let iteration = first; iteration < first + iterations; iteration++) {
      const random = iterationRandom(seed, iteration);
      const group = thirdParty.length > 0 && (own.length === 0 || random.chance(0.5)) ? thirdParty : own;
      const input = group[random.int(0, group.length - 1)];
      const mutant = mutate(input.bytes, random);
      const correlate = mutant.bytes.length <= correlateBelow && input.bytes.length <= correlateBelow;
      const verdict = await watchdog.run({ bytes: mutant.bytes, name: `mutant.${input.name.split('.').pop()}`, serverSide: correlate ? input.bytes : null, inputPaths: options.inputPaths === true });
      stats.mutants++;
      stats.mutantBytes += mutant.bytes.length;
      for (const name of mutant.mutators.split('+')) {
        const counts = stats.byMutator.get(name) ?? { mutants: 0, rejected: 0 };
        counts.mutants++;
        if (verdict.kind === 'rejected') counts.rejected++;
        stats.byMutator.set(name, counts);
      }
      if (verdict.kind === 'analysed') stats.analysed++;
      else if (verdict.kind === 'rejected') stats.rejected++;
      else {
        // Numbers (sizes, times, offsets) vary between mutants of one bug: they do not make a new kind.
        const kind = `${verdict.kind}: ${verdict.message.replace(/\d+(\.\d+)?/g, 'N')}`;
        const seen = stats.failureKinds.get(kind) ?? 0;
        stats.failureKinds.set(kind, seen + 1);
        const failure = `${verdict.kind}: ${verdict.message}`;
        const path = saveDir !== null && seen < perFailure
          ? saveReproducer(saveDir, { seed, iteration, mutators: mutant.mutators, input: input.name, bytes: mutant.bytes, failure })
          : null;
        stats.failures.push({ iteration, input: input.name, mutators: mutant.mutators, verdict, path, bytes: seen < perFailure ? mutant.bytes : new Uint8Array(0) });
      }
      options.onProgress?.(stats.mutants, stats);
    }
  } finally {
    await watchdog.close();
    stats.elapsedMs = performance.now() - started;
  }
  return stats;
}
