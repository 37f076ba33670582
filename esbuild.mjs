// One build script for every bundle: the CLI, and (as they land) the extension host, the language
// server and the webview. `--production` minifies, `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entryPoints: ['src/server/server.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The capture editor's page: its script, and one stylesheet (media/ and the codicons) with the font.
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  },
];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

if (watch) {
  for (const options of bundles) {
    const context = await esbuild.context({ ...common, ...options });
    await context.watch();
  }
} else {
  await Promise.all(bundles.map((options) => esbuild.build({ ...common, ...options })));
}
