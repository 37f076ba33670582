// Runs mocha suite files in the current process and collects the results. It takes mocha from a path
// rather than bundling it, because mocha loads the suite files with its own require and globals.
// Usable from the runner extension here and from a @vscode/test-electron entry point alike.
import type MochaType from 'mocha';
import type { SuiteResults, TestResult } from './results.js';

export interface MochaRunOptions {
  /** Absolute paths of compiled (JavaScript) suite files. */
  files: string[];
  /** Folder of the mocha package to load (the project's node_modules/mocha). */
  mochaPath: string;
  /** 'bdd' (describe/it, the default) or 'tdd' (suite/test). */
  ui?: string;
  /** Per-test timeout; VS Code activations and language servers need more than mocha's 2 s. */
  timeoutMs?: number;
  /** Runs only the tests whose full title matches. */
  grep?: string;
  vscodeVersion: string;
}

export async function runMocha(options: MochaRunOptions): Promise<SuiteResults> {
  const started = Date.now();
  const tests: TestResult[] = [];
  const results = (error?: string): SuiteResults => ({
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    durationMs: Date.now() - started,
    tests,
    vscodeVersion: options.vscodeVersion,
    ...(error === undefined ? {} : { error }),
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Mocha = require(options.mochaPath) as typeof MochaType;
    const mocha = new Mocha({
      ui: (options.ui ?? 'bdd') as MochaType.Interface,
      timeout: options.timeoutMs ?? 30_000,
      color: false,
      reporter: Mocha.reporters.Base, // prints nothing: the results are collected below
      ...(options.grep ? { grep: options.grep } : {}),
    });
    for (const file of options.files) {
      delete require.cache[file]; // a second run (the command) must load the suite afresh
      mocha.addFile(file);
    }
    // run() loads the files with require(), which VS Code's extension host hooks to provide 'vscode'.
    await new Promise<void>((done) => {
      const runner = mocha.run(() => done());
      const record = (state: TestResult['state']) => (test: MochaType.Test, error?: Error) => {
        tests.push({
          title: test.fullTitle(),
          state,
          durationMs: test.duration ?? 0,
          ...(error ? { error: error.stack ?? String(error) } : {}),
        });
      };
      runner.on('pass', record('passed'));
      runner.on('fail', (test, error) => {
        if (test.type === 'test') record('failed')(test as MochaType.Test, error);
        // A failing hook has no test of its own: report it under the hook's title.
        else tests.push({ title: test.fullTitle(), state: 'failed', durationMs: 0, error: error.stack ?? String(error) });
      });
      runner.on('pending', record('pending'));
    });
    return results();
  } catch (error) {
    return results(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
