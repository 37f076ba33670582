/** Every user-visible string of the extension exists in Simplified Chinese. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ENGLISH_STRINGS } from '../../src/shared/webviewStrings.js';

const ROOT = join(__dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, string>;

/** The literal first arguments of vscode.l10n.t calls in the extension host's sources. */
function hostMessages(): string[] {
  const files = [join(ROOT, 'src', 'extension.ts'), ...readdirSync(join(ROOT, 'src', 'host')).map((name) => join(ROOT, 'src', 'host', name))];
  const messages: string[] = [];
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.push(match[1]!.replace(/\\'/g, "'"));
  }
  return messages;
}

test('the zh-cn bundle translates every vscode.l10n.t message and every webview label', () => {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const missing = [...hostMessages(), ...Object.values(ENGLISH_STRINGS)].filter((message) => !(message in bundle));
  assert.deepEqual(missing, []);
});

test('placeholders survive translation', () => {
  for (const [english, chinese] of Object.entries(json('l10n/bundle.l10n.zh-cn.json'))) {
    assert.deepEqual((chinese.match(/\{\d+\}/g) ?? []).sort(), (english.match(/\{\d+\}/g) ?? []).sort(), english);
  }
});

test('package.nls.zh-cn.json has every key of package.nls.json, and package.json uses only those', () => {
  const english = json('package.nls.json');
  const chinese = json('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
  const used = [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([\w.]+)%"/g)].map((match) => match[1]!);
  assert.deepEqual(used.filter((key) => !(key in english)), []);
});
