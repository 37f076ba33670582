// npm run test:vscode: the integration suite in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (it goes into .vscode-test/). The extension runs from this folder
// (extensionDevelopmentPath), built by npm run build. On Linux without a display: xvfb-run -a npm run test:vscode.
// CI cannot download VS Code and runs the same suite in code-server instead (npm run test:vscode:code-server).
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from '../../tools/vscode/run-suite.js';
import { makeTestWorkspace } from './testWorkspace.js';

const repoRoot = resolve(__dirname, '../..');
/** The VS Code code-server 4.100.3 is built from, so both paths test the same VS Code. */
const VSCODE_VERSION = process.env.HANDSHAKE_LENS_VSCODE_VERSION ?? '1.100.3';

async function main(): Promise<void> {
  const outDir = join(repoRoot, 'out/test/vscode');
  // The same CommonJS bundles as in code-server: 'vscode' and 'mocha' come from the extension host.
  await Promise.all([
    bundleSuite(join(__dirname, 'electronIndex.ts'), join(outDir, 'electronIndex.js')),
    bundleSuite(join(__dirname, 'suite.test.ts'), join(outDir, 'suite.test.js')),
  ]);

  const workspace = makeTestWorkspace();
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(outDir, 'electronIndex.js'),
      extensionTestsEnv: {
        HANDSHAKE_LENS_TEST_SUITE: join(outDir, 'suite.test.js'),
        HANDSHAKE_LENS_TEST_MOCHA: dirname(require.resolve('mocha/package.json')),
      },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
