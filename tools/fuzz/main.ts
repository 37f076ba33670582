/**
 * `npm run fuzz -- --iterations N --seed S [--time-limit-per-mb MS] [--save-dir DIR] [--first I] [--no-corpus] [--evidence]`
 *
 * With `--evidence`, mutates evidence files instead (tools/fuzz/evidenceMutants.ts) and runs each through
 * the evidence readers, the weighing and the language server's artifact features; failures are printed.
 * Mutates the seed captures, test/fixtures, the samples and ../shared/corpus, runs the whole analysis on
 * every mutant under the watchdog, saves failures as reproducers (test/fixtures/fuzz by default) and
 * exits 1 when there were any. The same seed and files give the same mutants.
 */
import { resolve } from 'node:path';
import { iterationRandom, runCampaign, type CampaignStats } from './campaign.js';
import { isFailure, verdictOf } from './evidenceAnalysis.js';
import { evidenceSeeds, mutateEvidence } from './evidenceMutants.js';
import { fuzzInputs } from './fuzzInputs.js';
import { DEFAULT_LIMITS } from './watchdog.js';

interface FuzzArguments {
  iterations: number;
  seed: number;
  first: number;
  msPerMb: number;
  saveDir: string;
  corpus: boolean;
  evidence: boolean;
}

function parse(args: readonly string[]): FuzzArguments {
  const parsed: FuzzArguments = { iterations: 10_000, seed: 1, first: 0, msPerMb: DEFAULT_LIMITS.msPerMb, saveDir: 'test/fixtures/fuzz', corpus: true, evidence: false };
  for (let i = 0; i < args.length; i++) {
    const option = args[i];
    const value = () => {
      const text = args[++i];
      if (text === undefined) throw new Error(`${option} needs a value`);
      return text;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${option} needs a whole number`);
      return n;
    };
    if (option === '--iterations') parsed.iterations = number();
    else if (option === '--seed') parsed.seed = number();
    else if (option === '--first') parsed.first = number();
    else if (option === '--time-limit-per-mb') parsed.msPerMb = number();
    else if (option === '--save-dir') parsed.saveDir = value();
    else if (option === '--no-corpus') parsed.corpus = false;
    else if (option === '--evidence') parsed.evidence = true;
    else throw new Error(`unknown option ${option}`);
  }
  return parsed;
}

function summary(stats: CampaignStats): string {
  const rate = stats.mutants / (stats.elapsedMs / 1000);
  const lines = [
    `${stats.mutants} mutants in ${(stats.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(0)}/s, ${(stats.mutantBytes / 1048576).toFixed(1)} MB): ` +
      `${stats.analysed} analysed, ${stats.rejected} rejected with a CaptureError, ${stats.failures.length} failed`,
  ];
  const mutators = [...stats.byMutator].sort(([a], [b]) => a.localeCompare(b));
  lines.push(`by mutator (mutants, share rejected): ${mutators.map(([name, c]) => `${name} ${c.mutants} ${Math.round((100 * c.rejected) / c.mutants)}%`).join(', ')}`);
  for (const [kind, count] of stats.failureKinds) lines.push(`  ${count}× ${kind}`);
  for (const failure of stats.failures) if (failure.path !== null) lines.push(`  reproducer: ${failure.path}`);
  return lines.join('\n');
}

/** Evidence mutants of iterations first … first + iterations − 1; exit 1 when any failed. */
function evidenceCampaign(args: FuzzArguments, root: string): number {
  const seeds = evidenceSeeds(root);
  let failed = 0;
  for (let iteration = args.first; iteration < args.first + args.iterations; iteration++) {
    const random = iterationRandom(args.seed, iteration);
    const seed = seeds[random.int(0, seeds.length - 1)];
    const mutant = mutateEvidence(seed, seeds, random);
    const verdict = verdictOf(seed.name, mutant.text, `seed ${args.seed} iteration ${iteration}, ${mutant.mutators} on ${seed.name}`);
    if (isFailure(verdict)) {
      failed++;
      process.stdout.write(`${verdict}\n`);
    }
  }
  process.stdout.write(`${args.iterations} evidence mutants, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const root = resolve(__dirname, '../..');
  if (args.evidence) return evidenceCampaign(args, root);
  const inputs = fuzzInputs({ root, corpus: args.corpus ? resolve(root, '../shared/corpus') : null });
  process.stderr.write(`fuzzing ${inputs.length} inputs, seed ${args.seed}, iterations ${args.first}…${args.first + args.iterations - 1}\n`);
  const stats = await runCampaign({
    seed: args.seed,
    iterations: args.iterations,
    firstIteration: args.first,
    inputs,
    limits: { ...DEFAULT_LIMITS, msPerMb: args.msPerMb },
    saveDir: resolve(root, args.saveDir),
    onProgress(done, progress) {
      if (done % 5000 === 0) process.stderr.write(`  ${done} mutants, ${progress.failures.length} failures\n`);
    },
  });
  process.stdout.write(`${summary(stats)}\n`);
  return stats.failures.length === 0 ? 0 : 1;
}

main().then((status) => { process.exitCode = status; }, (error: Error) => {
  process.stderr.write(`fuzz: ${error.message}\n`);
  process.exitCode = 2;
});
