import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveSelection, pagesFor, scrollToReveal, visibleRows } from '../../src/webview/virtualWindow.js';

const ROW = 26;

test('only the rows in view plus the overscan are drawn, even for 500,000 rows', () => {
  assert.deepEqual(visibleRows(0, 520, ROW, 500_000, 10), { first: 0, end: 30 });
  assert.deepEqual(visibleRows(ROW * 250_000, 520, ROW, 500_000, 10), { first: 249_990, end: 250_030 });
  assert.deepEqual(visibleRows(ROW * 499_990, 520, ROW, 500_000, 10), { first: 499_980, end: 500_000 });
  assert.deepEqual(visibleRows(0, 520, ROW, 0, 10), { first: 0, end: 0 });
  assert.deepEqual(visibleRows(0, 520, ROW, 5, 10), { first: 0, end: 5 });
});

test('pages covering a range', () => {
  assert.deepEqual(pagesFor({ first: 0, end: 30 }, 200), [0]);
  assert.deepEqual(pagesFor({ first: 190, end: 230 }, 200), [0, 1]);
  assert.deepEqual(pagesFor({ first: 400, end: 400 }, 200), []);
  assert.deepEqual(pagesFor({ first: 399, end: 401 }, 200), [1, 2]);
});

test('revealing a row scrolls the least needed', () => {
  assert.equal(scrollToReveal(5, 0, 520, ROW), 0);
  assert.equal(scrollToReveal(30, 0, 520, ROW), 31 * ROW - 520);
  assert.equal(scrollToReveal(2, 10 * ROW, 520, ROW), 2 * ROW);
});

test('arrow keys, Page Up/Down, Home and End stay inside the table', () => {
  assert.equal(moveSelection('ArrowDown', -1, 10, 5), 0);
  assert.equal(moveSelection('ArrowDown', 9, 10, 5), 9);
  assert.equal(moveSelection('ArrowUp', 0, 10, 5), 0);
  assert.equal(moveSelection('PageDown', 3, 10, 5), 8);
  assert.equal(moveSelection('PageDown', 8, 10, 5), 9);
  assert.equal(moveSelection('PageUp', 3, 10, 5), 0);
  assert.equal(moveSelection('Home', 7, 10, 5), 0);
  assert.equal(moveSelection('End', 0, 10, 5), 9);
  assert.equal(moveSelection('a', 0, 10, 5), null);
  assert.equal(moveSelection('ArrowDown', -1, 0, 5), null);
});
