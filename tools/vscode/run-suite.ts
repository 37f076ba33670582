// Runs a mocha suite inside a real VS Code (code-server's extension host) and exits non-zero when a test
// fails, for CI machines that cannot download VS Code for @vscode/test-electron.
//   node --import tsx tools/vscode/run-suite.ts --vsix handshake-lens.vsix --workspace samples \
//     --suite test/vscode/suite.test.ts [--results test-results/vscode-suite.json] [--ui tdd] [--grep re]
// code-server starts its extension host only when a window connects, so chromium opens the workspace;
// the test runner extension then runs the suite and writes the results file this script waits for.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import type { SuiteResults } from '../../test/vscode-runner/src/results.js';
import { launchChromium, openWorkbench } from './browser.js';
import { startCodeServer } from './codeServer.js';
import { pollUntil } from './poll.js';
import { packageTestRunner } from './testRunnerVsix.js';

export interface SuiteRunOptions {
  /** The extensions under test, installed beside the test runner. */
  vsixPaths: string[];
  /** Folder opened as the workspace. */
  workspace: string;
  /** Suite files, TypeScript or JavaScript; each is bundled with 'vscode' and 'mocha' left external. */
  suites: string[];
  /** Where the results JSON is kept (default test-results/vscode-suite.json). */
  resultsPath?: string;
  /** Screenshot of the window when the suite is over (default beside the results). */
  screenshotPath?: string;
  /** 'bdd' (describe/it, default) or 'tdd' (suite/test). */
  ui?: string;
  grep?: string;
  /** Bound on the whole suite (default 10 min); per test, HANDSHAKE_LENS_TEST_TIMEOUT or 30 s. */
  timeoutMs?: number;
}

export async function runSuiteInCodeServer(options: SuiteRunOptions): Promise<SuiteResults> {
  const resultsPath = resolve(options.resultsPath ?? 'test-results/vscode-suite.json');
  const screenshotPath = resolve(options.screenshotPath ?? resultsPath.replace(/\.json$/, '') + '.png');
  await mkdir(dirname(resultsPath), { recursive: true });
  // The runner skips a run whose results file exists (a reloaded window), so an old one must go.
  await rm(resultsPath, { force: true });
  const temp = await mkdtemp(join(tmpdir(), 'handshake-lens-suite-'));
  try {
    const runnerVsix = await packageTestRunner(temp);
    // Kept beside the results: failures' stack traces point into these files.
    const bundleDir = resultsPath.replace(/\.json$/, '') + '-bundles';
    const suiteFiles = await Promise.all(options.suites.map((suite, i) => bundleSuite(suite, join(bundleDir, `suite-${i}.js`))));
    const server = await startCodeServer({
      vsixPaths: [runnerVsix, ...options.vsixPaths],
      env: {
        HANDSHAKE_LENS_TEST_SUITE: suiteFiles.join(','),
        HANDSHAKE_LENS_TEST_RESULTS: resultsPath,
        HANDSHAKE_LENS_TEST_MOCHA: dirname(require.resolve('mocha/package.json')),
        ...(options.ui ? { HANDSHAKE_LENS_TEST_UI: options.ui } : {}),
        ...(options.grep ? { HANDSHAKE_LENS_TEST_GREP: options.grep } : {}),
      },
    });
    const browser = await launchChromium();
    try {
      const page = await openWorkbench(browser, server.folderUrl(options.workspace));
      try {
        await pollUntil('the suite results', options.timeoutMs ?? 600_000, async () => existsSync(resultsPath) || undefined, 250);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- code-server output ---\n${server.output().slice(-4_000)}`);
      } finally {
        await page.screenshot({ path: screenshotPath, animations: 'disabled' }).catch(() => undefined);
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    return JSON.parse(readFileSync(resultsPath, 'utf8')) as SuiteResults;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** One CommonJS file per suite: the extension host requires it, and provides 'vscode' and mocha's globals. */
export async function bundleSuite(suite: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [resolve(suite)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    // No source maps: VS Code's extension host replaces Error.prepareStackTrace, so Node would not apply
    // them; the unminified bundle names each source file in a comment above its code instead.
    logLevel: 'warning',
  });
  return outfile;
}

/** Spec-like lines, then the closing "N passed, N failed" line that CI reads. */
export function printResults(results: SuiteResults): void {
  console.log(`VS Code ${results.vscodeVersion} (code-server)`);
  for (const test of results.tests) {
    const mark = { passed: '✔', failed: '✖', pending: '-' }[test.state];
    console.log(`  ${mark} ${test.title} (${test.durationMs} ms)`);
    if (test.error) console.log(test.error.replace(/^/gm, '      '));
  }
  if (results.error) console.log(`suite error: ${results.error}`);
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.pending} skipped`);
}

/** A run fails on any failed test, on a suite that could not run, and on a suite that ran no test. */
export function succeeded(results: SuiteResults): boolean {
  return results.failed === 0 && !results.error && results.passed > 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string', multiple: true, default: [] },
      workspace: { type: 'string' },
      suite: { type: 'string', multiple: true, default: [] },
      results: { type: 'string' },
      screenshot: { type: 'string' },
      ui: { type: 'string' },
      grep: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (!values.workspace || values.suite.length === 0) {
    throw new Error('usage: run-suite.ts --vsix X.vsix [--vsix ...] --workspace DIR --suite FILE [--suite ...] [--results F] [--ui tdd] [--grep RE] [--timeout MS]');
  }
  const results = await runSuiteInCodeServer({
    vsixPaths: values.vsix,
    workspace: values.workspace,
    suites: values.suite,
    resultsPath: values.results,
    screenshotPath: values.screenshot,
    ui: values.ui,
    grep: values.grep,
    timeoutMs: values.timeout ? Number(values.timeout) : undefined,
  });
  printResults(results);
  process.exitCode = succeeded(results) ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
