// Test runner extension: installed beside Handshake Lens in a test VS Code (code-server), it runs the
// mocha suite named by the environment as soon as the workbench has started, and writes the results
// where the driver (tools/vscode/run-suite.ts) waits for them. The command reruns it by hand.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { runMocha } from './runMocha.js';
import type { SuiteResults } from './results.js';

/** The driver's inputs; the extension host inherits code-server's environment. */
function config() {
  const env = process.env;
  return {
    files: (env.HANDSHAKE_LENS_TEST_SUITE ?? '').split(',').filter(Boolean),
    resultsPath: env.HANDSHAKE_LENS_TEST_RESULTS ?? '',
    mochaPath: env.HANDSHAKE_LENS_TEST_MOCHA ?? 'mocha',
    ui: env.HANDSHAKE_LENS_TEST_UI,
    grep: env.HANDSHAKE_LENS_TEST_GREP,
    timeoutMs: env.HANDSHAKE_LENS_TEST_TIMEOUT ? Number(env.HANDSHAKE_LENS_TEST_TIMEOUT) : undefined,
  };
}

async function runSuite(): Promise<SuiteResults | undefined> {
  const { files, resultsPath, ...options } = config();
  if (files.length === 0 || !resultsPath) return undefined;
  const results = await runMocha({ files, ...options, vscodeVersion: vscode.version });
  // Written whole, then renamed: the driver never reads half a file.
  await writeFile(`${resultsPath}.partial`, JSON.stringify(results, null, 2));
  await rename(`${resultsPath}.partial`, resultsPath);
  return results;
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('handshakeLensTests.run', async () => {
      const results = await runSuite();
      const summary = results
        ? `${results.passed} passed, ${results.failed} failed${results.error ? ` (${results.error.split('\n')[0]})` : ''}`
        : 'no suite configured (HANDSHAKE_LENS_TEST_SUITE, HANDSHAKE_LENS_TEST_RESULTS)';
      void vscode.window.showInformationMessage(`Handshake Lens tests: ${summary}`);
      return results;
    }),
  );
  // One automatic run per results file: a reloaded window starts a new extension host, which must not
  // run the suite again over the first run's results.
  if (config().resultsPath && !existsSync(config().resultsPath)) void runSuite();
}

export function deactivate(): void {}
