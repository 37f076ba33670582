// Builds the .vsix the way a release does (`npm run package`) and checks what a person installs: exactly
// the bundles, media, l10n bundles, language configurations, README, CHANGELOG, LICENSE and the images
// the README shows; no sources, tests, tools or dependencies; under 3 MB. Also checks that
// engines.vscode, @types/vscode and the code-server the tests run in agree.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { zipEntries, type ZipEntry } from './zipEntries.js';

const repoRoot = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  icon: string;
  l10n?: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
};
const MAX_PACKAGE_BYTES = 3 * 1024 * 1024;
/** The VS Code of code-server 4.100.3, the newest code-server that runs on Node 20 (see docs/testing-in-vscode.md). */
const CODE_SERVER_VSCODE = '1.100.3';
/** The bundles esbuild.mjs makes for the extension; the CLI bundle is not part of the extension. */
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/webview.js', 'dist/webview.css', 'dist/codicon.ttf'];

/** Every file under a repository folder, as repository-relative paths with forward slashes. */
function filesUnder(folder: string): string[] {
  const root = join(repoRoot, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(root, name)).isFile())
    .map((name) => relative(repoRoot, join(root, name)).split('\\').join('/'));
}

/** What the package must hold, inside the vsix's `extension/` folder (vsce renames README, CHANGELOG and LICENSE). */
function expectedFiles(): string[] {
  const nls = readdirSync(repoRoot).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  return [
    'package.json',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    ...BUNDLES,
    ...nls,
    ...filesUnder('media'),
    ...filesUnder('l10n'),
    ...filesUnder('languages'),
    ...filesUnder('docs/images'),
  ].map((path) => `extension/${path}`);
}

function version(text: string): [number, number, number] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  assert.ok(match, `no version in "${text}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [version(a), version(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

describe('the packaged extension (.vsix)', () => {
  let temp: string;
  let vsix: string;
  let entries: ZipEntry[];

  before(async () => {
    temp = await mkdtemp(join(tmpdir(), 'handshake-lens-package-'));
    vsix = join(temp, `${manifest.name}-${manifest.version}.vsix`);
    await promisify(execFile)('npm', ['run', 'package', '--silent', '--', '--out', vsix], {
      cwd: repoRoot,
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    entries = zipEntries(readFileSync(vsix));
  });

  after(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('holds exactly the bundles, media, l10n, language configurations, README, CHANGELOG, LICENSE and README images', () => {
    const names = entries.map((entry) => entry.name).sort();
    const expected = ['extension.vsixmanifest', '[Content_Types].xml', ...expectedFiles()].sort();
    assert.deepEqual(names, expected);
  });

  it('has no source, test, tool, dependency or source map in it', () => {
    const stray = entries.filter(({ name }) =>
      /^extension\/(src|test|tools|samples|node_modules|\.cache|bench-data)\//.test(name) || /\.(ts|map)$/.test(name));
    assert.deepEqual(stray.map((entry) => entry.name), []);
  });

  it('has the entry point, the icon and the l10n bundles that package.json names', () => {
    const names = new Set(entries.map((entry) => entry.name));
    assert.ok(names.has(`extension/${manifest.main.replace(/^\.\//, '')}`), `main ${manifest.main} is packaged`);
    assert.ok(names.has(`extension/${manifest.icon}`), `icon ${manifest.icon} is packaged`);
    if (manifest.l10n) {
      const folder = manifest.l10n.replace(/^\.\//, '');
      const bundles = [...names].filter((name) => name.startsWith(`extension/${folder}/bundle.l10n.`) && name.endsWith('.json'));
      assert.ok(bundles.length > 0, `l10n bundles in ${folder}/`);
    }
  });

  it('stays under 3 MB', () => {
    const bytes = statSync(vsix).size;
    assert.ok(bytes < MAX_PACKAGE_BYTES, `${vsix} is ${bytes} bytes`);
  });

  it('README images are in the package', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]).filter((src) => !/^[a-z]+:/i.test(src));
    const names = new Set(entries.map((entry) => entry.name));
    for (const image of images) assert.ok(names.has(`extension/${image.replace(/^\.\//, '')}`), `${image} is packaged`);
  });
});

describe('engines.vscode', () => {
  it('accepts the @types/vscode the extension is compiled against (vsce refuses a newer @types)', () => {
    const pinned = manifest.devDependencies['@types/vscode'];
    const installed = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/@types/vscode/package.json'), 'utf8')) as { version: string }).version;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, '@types/vscode is pinned exactly');
    assert.equal(installed, pinned, 'installed @types/vscode is the pinned one');
    assert.match(manifest.engines.vscode, /^\^\d+\.\d+\.\d+$/);
    assert.ok(compareVersions(pinned, manifest.engines.vscode) <= 0, `@types/vscode ${pinned} is not newer than engines.vscode ${manifest.engines.vscode}`);
  });

  it(`accepts code-server's VS Code ${CODE_SERVER_VSCODE}, where the tests install the package`, () => {
    assert.ok(compareVersions(manifest.engines.vscode, CODE_SERVER_VSCODE) <= 0, `engines.vscode ${manifest.engines.vscode} <= ${CODE_SERVER_VSCODE}`);
  });
});
