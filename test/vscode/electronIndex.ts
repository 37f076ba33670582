// The extensionTestsPath module of @vscode/test-electron: desktop VS Code loads it in the extension host
// and awaits run(). It runs the same suite as code-server, with the same mocha function as the runner
// extension. electronMain.ts bundles it (and the suite) to CommonJS and passes the paths in the environment.
import * as vscode from 'vscode';
import { runMocha } from '../vscode-runner/src/runMocha.js';

export async function run(): Promise<void> {
  const results = await runMocha({
    files: (process.env.HANDSHAKE_LENS_TEST_SUITE ?? '').split(',').filter(Boolean),
    mochaPath: process.env.HANDSHAKE_LENS_TEST_MOCHA ?? 'mocha',
    timeoutMs: process.env.HANDSHAKE_LENS_TEST_TIMEOUT ? Number(process.env.HANDSHAKE_LENS_TEST_TIMEOUT) : undefined,
    grep: process.env.HANDSHAKE_LENS_TEST_GREP,
    vscodeVersion: vscode.version,
  });
  console.log(`VS Code ${results.vscodeVersion} (@vscode/test-electron)`);
  for (const test of results.tests) {
    console.log(`  ${{ passed: '✔', failed: '✖', pending: '-' }[test.state]} ${test.title} (${test.durationMs} ms)`);
    if (test.error) console.log(test.error.replace(/^/gm, '      '));
  }
  if (results.error) console.log(`suite error: ${results.error}`);
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.pending} skipped`);
  if (results.error || results.failed > 0 || results.passed === 0) throw new Error('the VS Code integration suite failed');
}
