// npm run test:vscode:code-server: the integration suite inside code-server's extension host (the CI
// path), with the packaged .vsix installed the way a person installs it. Needs npm run vscode:install
// and npm run package (the npm script runs the latter).
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { printResults, runSuiteInCodeServer, succeeded } from '../../tools/vscode/run-suite.js';
import { makeTestWorkspace, packagedVsix } from './testWorkspace.js';

async function main(): Promise<void> {
  const workspace = makeTestWorkspace();
  try {
    const results = await runSuiteInCodeServer({
      vsixPaths: [packagedVsix()],
      workspace,
      suites: [resolve(__dirname, 'suite.test.ts')],
      resultsPath: resolve(__dirname, '../../test-results/vscode-suite.json'),
    });
    printResults(results);
    process.exitCode = succeeded(results) ? 0 : 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
