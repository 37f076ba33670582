/**
 * The pure parts of the table's controls: the column layout and its CSS tracks, the time display
 * formats and the time reference, and the chart's time range as a filter expression; each as the webview state keeps it, read back as untrusted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptPredicate, parseAttemptFilter } from '../../src/shared/attemptFilter/index.js';
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import {
  DEFAULT_LAYOUT, MIN_COLUMN_WIDTH, defaultColumnWidth, gridTracks, loadColumnLayout, resizeColumn, saveColumnLayout, toggleColumn,
} from '../../src/webview/columnLayout.js';
import {
  DEFAULT_TIME_DISPLAY, REFERENCE_MARK, loadTimeDisplay, saveTimeDisplay, secondsBetween, timeCellText, toggleReference, type TimeDisplay,
} from '../../src/webview/timeDisplay.js';
import { parseTimeRange, timeRangeExpression } from '../../src/webview/timeRangeFilter.js';
import type { WebviewStateStore } from '../../src/webview/webviewState.js';

function store(initial: unknown): WebviewStateStore & { state: unknown } {
  return { state: initial, getState() { return this.state; }, setState(state) { this.state = state; } };
}

test('the default tracks are the table\'s proportional columns over 799 px plus the time', () => {
  const { columns, minWidth } = gridTracks(DEFAULT_LAYOUT);
  assert.equal(columns, 'minmax(var(--time-min), 1.1fr) minmax(146px, 1.3fr) minmax(161px, 1.3fr) 48px 64px 92px 96px minmax(84px, 0.8fr) minmax(108px, 1fr)');
  assert.equal(minWidth, 'calc(var(--time-min) + 146px + 161px + 48px + 64px + 92px + 96px + 84px + 108px)');
});

test('the columns a Wireshark user adds are hidden at first and take their place in the display order when shown', () => {
  for (const column of ['id', 'connect', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame'] as const) assert.ok(!DEFAULT_LAYOUT.visible.includes(column), column);
  const withFrame = toggleColumn(toggleColumn(DEFAULT_LAYOUT, 'frame'), 'connect');
  assert.deepEqual(withFrame.visible, ['time', 'client', 'server', 'syns', 'rtt', 'connect', 'tsval', 'frame', 'verdict', 'outcome', 'cause']);
  // The frame column is as wide as the largest frame number (--frame-min), as the id column is.
  assert.match(gridTracks(withFrame).columns, / 64px 96px 92px var\(--frame-min\) 96px /);
  // Kept in the webview state like the others.
  const saved = store(undefined);
  saveColumnLayout(saved, withFrame);
  assert.deepEqual(loadColumnLayout(saved), withFrame);
});

test('columns hide and show in display order, the last one stays, widths are clamped and reset', () => {
  const noRtt = toggleColumn(DEFAULT_LAYOUT, 'rtt');
  assert.deepEqual(noRtt.visible, ['time', 'client', 'server', 'syns', 'tsval', 'verdict', 'outcome', 'cause']);
  assert.deepEqual(toggleColumn(noRtt, 'id').visible.slice(0, 2), ['id', 'time']);
  assert.deepEqual(toggleColumn(noRtt, 'rtt').visible, DEFAULT_LAYOUT.visible);
  const alone = { visible: ['cause'] as const, widths: {} };
  assert.equal(toggleColumn(alone, 'cause'), alone);
  assert.equal(resizeColumn(DEFAULT_LAYOUT, 'client', 3).widths.client, MIN_COLUMN_WIDTH);
  const wide = resizeColumn(DEFAULT_LAYOUT, 'client', 240.6);
  assert.equal(wide.widths.client, 241);
  assert.match(gridTracks(wide).columns, /^minmax\(var\(--time-min\), 1\.1fr\) 241px minmax\(161px/);
  assert.deepEqual(defaultColumnWidth(wide, 'client').widths, {});
});

test('the column layout survives the webview state beside the filter; a foreign shape gives the defaults', () => {
  const saved = store({ filter: { failedOnly: true } });
  const layout = resizeColumn(toggleColumn(DEFAULT_LAYOUT, 'id'), 'server', 300);
  saveColumnLayout(saved, layout);
  assert.deepEqual((saved.state as { filter: unknown }).filter, { failedOnly: true });
  assert.deepEqual(loadColumnLayout(saved), layout);
  for (const state of [undefined, 3, { columns: 'x' }, { columns: { visible: ['nope'], widths: { client: 'wide' } } }]) {
    assert.deepEqual(loadColumnLayout(store(state)), DEFAULT_LAYOUT, JSON.stringify(state));
  }
  assert.deepEqual(loadColumnLayout(store({ columns: { visible: ['cause', 'time', 'cause'], widths: { time: 1e9 } } })), { visible: ['time', 'cause'], widths: { time: 2000 } });
});

test('seconds between two capture times are exact to the microsecond, signed', () => {
  assert.equal(secondsBetween(1793610001.430123, 1793610001.430123), '0.000000');
  assert.equal(secondsBetween(1793610012.5, 1793610001.430123), '11.069877');
  assert.equal(secondsBetween(1793610001.430123, 1793610012.5), '-11.069877');
  assert.equal(secondsBetween(1793610001.000001, 1793610000.999999), '0.000002');
});

test('the time cell in each format, with and without a reference', () => {
  const row = { id: 7, synTime: 1000.25 };
  const absolute = (time: number) => `at ${time}`;
  const cell = (display: TimeDisplay, previous: number | null = 999.75) => timeCellText(display, row, previous, 990, absolute);
  assert.equal(cell(DEFAULT_TIME_DISPLAY), 'at 1000.25');
  assert.equal(cell({ format: 'since-start', reference: null }), '10.250000');
  assert.equal(cell({ format: 'since-previous', reference: null }), '0.500000');
  assert.equal(cell({ format: 'since-previous', reference: null }, null), '0.000000');
  const reference = { id: 3, time: 1002 };
  assert.equal(cell({ format: 'absolute', reference }), '-1.750000');
  assert.equal(cell({ format: 'since-start', reference }), '-1.750000');
  assert.equal(cell({ format: 'since-previous', reference }), '0.500000', 'a gap between rows does not change with a reference');
  assert.equal(cell({ format: 'since-start', reference: { id: 7, time: 1000.25 } }), REFERENCE_MARK);
});

test('Ctrl+T sets the reference on a row and removes it from the same row; the display survives the state', () => {
  const set = toggleReference(DEFAULT_TIME_DISPLAY, { id: 4, synTime: 12.5 });
  assert.deepEqual(set, { format: 'absolute', reference: { id: 4, time: 12.5 } });
  assert.deepEqual(toggleReference(set, { id: 5, synTime: 13 }).reference, { id: 5, time: 13 });
  assert.equal(toggleReference(set, { id: 4, synTime: 12.5 }).reference, null);
  const saved = store(undefined);
  saveTimeDisplay(saved, { format: 'since-previous', reference: { id: 4, time: 12.5 } });
  assert.deepEqual(loadTimeDisplay(saved), { format: 'since-previous', reference: { id: 4, time: 12.5 } });
  assert.deepEqual(loadTimeDisplay(store({ time: { format: 'utc', reference: { id: 1.5, time: 'x' } } })), DEFAULT_TIME_DISPLAY);
});

test('a chart range is a time filter the parser accepts, read back to draw its band', () => {
  const expression = timeRangeExpression({ from: 1793610074.9600284, to: 1793610012.1 });
  assert.equal(expression, 'time >= 1793610012.100000 && time <= 1793610074.960029');
  assert.deepEqual(parseTimeRange(expression), { from: 1793610012.1, to: 1793610074.960029 });
  const parsed = parseAttemptFilter(expression);
  assert.ok(parsed.ok);
  const at = (synTime: number) => attemptPredicate(parsed.tree)({ attempt: { synTime } as HandshakeAttempt, finding: undefined });
  assert.deepEqual([at(1793610012.1), at(1793610050), at(1793610074.960029), at(1793610075)], [true, true, true, false]);
  for (const other of [undefined, '', 'time >= 3', 'time >= 5 && time <= 4', 'time >= 1 && time <= 2 && ts', 'rtt >= 1 && rtt <= 2']) {
    assert.equal(parseTimeRange(other), null, other);
  }
  assert.deepEqual(parseTimeRange('TIME>=1 and time <= 2.5'), { from: 1, to: 2.5 });
});
