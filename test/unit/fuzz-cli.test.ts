/**
 * The command line on fuzzed captures, run as users run it (dist/cli.js): a mutant the analyzer rejects
 * exits 2 with exactly one line `handshake-lens: FILE: reason at byte N`; one it reads exits 0; neither
 * ever prints a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iterationRandom } from '../../tools/fuzz/campaign.js';
import { analyzeFully } from '../../tools/fuzz/fullAnalysis.js';
import { fuzzInputs } from '../../tools/fuzz/fuzzInputs.js';
import { mutate } from '../../tools/fuzz/mutators/index.js';
import { runCli, writeFiles } from './cliRun.js';

/** One line: the reason may itself hold colons, so the file is checked as a prefix. */
const ERROR_LINE = /^handshake-lens: [^\n]+ at byte \d+\n$/;
const STACK_FRAME = /\n\s+at /;
const REJECTED_MUTANTS = 16;
const READ_MUTANTS = 4;

/** The first mutants of a fixed seed that the analyzer rejects, and a few that it reads. */
function mutantFiles(): Record<string, Uint8Array> {
  const inputs = fuzzInputs({ root: '.', corpus: null });
  const files: Record<string, Uint8Array> = {};
  let rejected = 0;
  let read = 0;
  for (let iteration = 0; rejected < REJECTED_MUTANTS || read < READ_MUTANTS; iteration++) {
    const random = iterationRandom(8, iteration);
    const mutant = mutate(inputs[random.int(0, inputs.length - 1)].bytes, random);
    const kind = analyzeFully(mutant.bytes, 'mutant').kind;
    if (kind === 'rejected' && rejected < REJECTED_MUTANTS) rejected++;
    else if (kind === 'analysed' && read < READ_MUTANTS) read++;
    else continue;
    files[`${kind}-${iteration}-${mutant.mutators}.cap`] = mutant.bytes;
  }
  return files;
}

function assertCliAgrees(path: string, expected: 'analysed' | 'rejected'): void {
  const result = runCli(['analyze', path]);
  assert.doesNotMatch(result.stderr, STACK_FRAME, `${path}: a stack trace`);
  if (expected === 'rejected') {
    assert.equal(result.status, 2, `${path}: ${result.stderr}`);
    assert.match(result.stderr, ERROR_LINE, `${path}: not one error line`);
    assert.ok(result.stderr.startsWith(`handshake-lens: ${path}: `), `${path}: the line does not name the file: ${result.stderr}`);
  } else {
    assert.equal(result.status, 0, `${path}: ${result.stderr}`);
  }
}

test('rejected mutants exit 2 with one line naming the file, the reason and the byte; read ones exit 0', () => {
  for (const [name, path] of Object.entries(writeFiles(mutantFiles()))) assertCliAgrees(path, name.startsWith('rejected') ? 'rejected' : 'analysed');
});

test('the saved reproducers run through the command line without a stack trace', () => {
  const directory = 'test/fixtures/fuzz';
  const captures = existsSync(directory) ? readdirSync(directory).filter((name) => !name.endsWith('.txt')) : [];
  for (const name of captures) {
    const path = join(directory, name);
    assertCliAgrees(path, analyzeFully(readFileSync(path), path).kind);
  }
});
