import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTopAt, MAX_SPACER_HEIGHT, moveSelection, pagesFor, scrollTopFor, scrollToReveal, spacerHeight, visibleRows } from '../../src/webview/virtualWindow.js';

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

test('up to the capped spacer the scroll position is the content position', () => {
  const height = 500_000 * ROW;
  assert.equal(spacerHeight(height), height);
  assert.equal(contentTopAt(123_456, height, 520), 123_456);
  assert.equal(scrollTopFor(123_456, height, 520), 123_456);
  assert.equal(contentTopAt(height - 520, height, 520), height - 520);
});

test('past the cap the scrollbar maps linearly onto 10,000,000 rows, its ends onto the first and last rows', () => {
  const height = 10_000_000 * ROW;
  const viewport = 520;
  assert.equal(spacerHeight(height), MAX_SPACER_HEIGHT);
  assert.ok(MAX_SPACER_HEIGHT < 17_895_697, 'under the tallest element Firefox lays out (Chromium allows 33,554,428 px)');
  const end = MAX_SPACER_HEIGHT - viewport;
  assert.equal(contentTopAt(end, height, viewport), height - viewport);
  assert.deepEqual(visibleRows(contentTopAt(end, height, viewport), viewport, ROW, 10_000_000, 0), { first: 9_999_980, end: 10_000_000 });
  assert.equal(contentTopAt(0, height, viewport), 0);
  const middle = contentTopAt(end / 2, height, viewport);
  assert.equal(Math.floor(middle / ROW), Math.floor((10_000_000 - viewport / ROW) / 2));
  // The inverse: a row brought to the top by the keyboard is where the scrollbar then says it is.
  for (const row of [1, 4_999_999, 9_999_980]) {
    const scrollTop = scrollTopFor(row * ROW, height, viewport);
    assert.ok(scrollTop <= end);
    assert.ok(Math.abs(contentTopAt(scrollTop, height, viewport) - row * ROW) < 1e-6);
  }
  assert.ok(Math.abs(scrollTopFor(height * 2, height, viewport) - end) < 1e-6, 'past the end is the end');
});
