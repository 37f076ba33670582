/**
 * The one-way data flow, checked on the import statements: the analyzer stays platform-neutral and the
 * language server stays free of the editor and of the command line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');

interface Rule {
  /** The folder whose files the rule covers, relative to the repository. */
  folder: string;
  /** Bare module names the folder must not import (`fs` also covers `node:fs` and `fs/promises`). */
  modules: string[];
  /** Folders of this repository the folder must not import from. */
  folders: string[];
}

const RULES: Rule[] = [
  { folder: 'src/analyzer', modules: ['fs', 'vscode'], folders: ['src/cli', 'src/server', 'src/host', 'src/node'] },
  { folder: 'src/server', modules: ['vscode', 'vscode-languageclient'], folders: ['src/cli', 'src/host'] },
];

/** Every module specifier a TypeScript source names: static and type imports, re-exports, `import()`, `require()`. */
function importedSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name));
}

/** A bare specifier's package name without the `node:` scheme: `node:fs/promises` → `fs/promises`. */
function bareModule(specifier: string): string {
  return specifier.replace(/^node:/, '');
}

function breaks(rule: Rule, file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/');
    const folder = rule.folders.find((forbidden) => target === forbidden || target.startsWith(`${forbidden}/`));
    return folder === undefined ? null : folder;
  }
  const name = bareModule(specifier);
  const module = rule.modules.find((forbidden) => name === forbidden || name.startsWith(`${forbidden}/`));
  return module === undefined ? null : module;
}

test('the import scanner sees every form of import', () => {
  const source = [
    "import { a } from './a.js';",
    'import type {',
    '  B,',
    "} from \"../b.js\";",
    "import './side-effect.js';",
    "export * from 'node:fs';",
    "const c = await import('vscode');",
    "const d = require('fs/promises');",
  ].join('\n');
  assert.deepEqual(importedSpecifiers(source).sort(), ['../b.js', './a.js', './side-effect.js', 'fs/promises', 'node:fs', 'vscode']);
});

for (const rule of RULES) {
  test(`${rule.folder} imports none of ${[...rule.modules, ...rule.folders].join(', ')}`, () => {
    const files = sourceFiles(rule.folder);
    assert.ok(files.length > 0, `no sources found under ${rule.folder}`);
    const violations: string[] = [];
    for (const file of files) {
      for (const specifier of importedSpecifiers(readFileSync(join(ROOT, file), 'utf8'))) {
        const forbidden = breaks(rule, file, specifier);
        if (forbidden !== null) violations.push(`${file.split(sep).join('/')} imports '${specifier}' (${forbidden})`);
      }
    }
    assert.deepEqual(violations, []);
  });
}
