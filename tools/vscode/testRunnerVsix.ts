// Builds and packages test/vscode-runner (the extension that runs a mocha suite inside VS Code) into a
// .vsix, the same way the real extension is packaged, so code-server installs it like any extension.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';

const repoRoot = resolve(__dirname, '../..');
const runnerDir = join(repoRoot, 'test/vscode-runner');
const vsce = join(repoRoot, 'node_modules/.bin/vsce');

/** Writes handshake-lens-test-runner.vsix into `outDir` and returns its path. */
export async function packageTestRunner(outDir: string): Promise<string> {
  await esbuild.build({
    entryPoints: [join(runnerDir, 'src/extension.ts')],
    outfile: join(runnerDir, 'dist/extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsix = join(outDir, 'handshake-lens-test-runner.vsix');
  // --no-dependencies: the bundle has none; the other flags keep vsce from prompting on a test package.
  await promisify(execFile)(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: runnerDir, timeout: 60_000 },
  );
  return vsix;
}
