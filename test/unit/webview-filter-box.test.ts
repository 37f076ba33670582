/** The filter box's pure parts: errors worded in both languages, and the filter kept in the webview state. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAttemptFilter, type FilterError } from '../../src/shared/attemptFilter/index.js';
import { ENGLISH_STRINGS, translatedStrings } from '../../src/shared/webviewStrings.js';
import { filterErrorText } from '../../src/webview/filterErrorText.js';
import { loadFilter, saveFilter, type WebviewStateStore } from '../../src/webview/savedFilter.js';

const ZH_CN = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const CHINESE = translatedStrings((english) => ZH_CN[english] ?? english);

/** One broken expression per error code. */
const BROKEN = [
  'x'.repeat(2001), `${'('.repeat(40)}ts`, 'id = 1', 'client == "10', '&& ts', 'colour', 'id ==', 'id == x', 'rtt > x',
  'verdict == maybe', 'syns ~ 2', '(ts', 'ts ts',
];

function errorOf(expression: string): FilterError {
  const parsed = parseAttemptFilter(expression);
  assert.equal(parsed.ok, false, expression);
  return (parsed as { ok: false; error: FilterError }).error;
}

test('every error code is worded in English as the parser words it, and in Chinese with every part filled in', () => {
  const codes = new Set<string>();
  for (const expression of BROKEN) {
    const error = errorOf(expression);
    codes.add(error.code);
    assert.equal(filterErrorText(ENGLISH_STRINGS, error), `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
    const chinese = filterErrorText(CHINESE, error);
    assert.doesNotMatch(chinese, /\{\d+\}/, chinese);
    assert.notEqual(chinese, filterErrorText(ENGLISH_STRINGS, error));
    for (const part of [...error.args, String(error.position)]) assert.ok(chinese.includes(part), `${chinese} names ${part}`);
  }
  assert.equal(codes.size, BROKEN.length, 'one expression per code');
});

function store(initial: unknown): WebviewStateStore & { state: unknown } {
  return { state: initial, getState() { return this.state; }, setState(state) { this.state = state; } };
}

test('the saved filter comes back; other state is kept beside it', () => {
  const saved = store({ scroll: 3 });
  saveFilter(saved, { failedOnly: true, expression: 'verdict == fail' });
  assert.deepEqual(saved.state, { scroll: 3, filter: { failedOnly: true, expression: 'verdict == fail' } });
  assert.deepEqual(loadFilter(saved), { failedOnly: true, expression: 'verdict == fail' });
});

test('a saved state of another shape, or an expression that no longer parses, is ignored', () => {
  for (const state of [undefined, null, 7, 'x', { filter: 3 }, { filter: { failedOnly: 'yes', server: 5, text: '' } }]) {
    assert.deepEqual(loadFilter(store(state)), {}, JSON.stringify(state));
  }
  assert.deepEqual(loadFilter(store({ filter: { text: '10.42', expression: 'colour == red' } })), { text: '10.42' });
});
