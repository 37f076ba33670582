import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUERY, ariaSort, queryKey, toggleSort, withFilter } from '../../src/webview/tableState.js';

test('clicking the sorted column flips it; another column sorts ascending', () => {
  const byTime = DEFAULT_QUERY.sort;
  assert.deepEqual(toggleSort(byTime, 'time'), { column: 'time', direction: 'desc' });
  assert.deepEqual(toggleSort({ column: 'time', direction: 'desc' }, 'time'), { column: 'time', direction: 'asc' });
  assert.deepEqual(toggleSort({ column: 'time', direction: 'desc' }, 'tsval'), { column: 'tsval', direction: 'asc' });
  assert.equal(ariaSort({ column: 'tsval', direction: 'desc' }, 'tsval'), 'descending');
  assert.equal(ariaSort({ column: 'tsval', direction: 'desc' }, 'time'), 'none');
});

test('empty filter values remove the field, so equal filters have equal keys', () => {
  const failed = withFilter({}, 'failedOnly', true);
  assert.deepEqual(failed, { failedOnly: true });
  assert.deepEqual(withFilter(failed, 'failedOnly', false), {});
  assert.deepEqual(withFilter({ text: '60755' }, 'text', ''), {});
  const a = { filter: withFilter(withFilter({}, 'server', '192.168.11.250:3306'), 'cause', 'paws-tw-recycle'), sort: DEFAULT_QUERY.sort };
  const b = { filter: withFilter(withFilter({}, 'cause', 'paws-tw-recycle'), 'server', '192.168.11.250:3306'), sort: DEFAULT_QUERY.sort };
  assert.equal(queryKey(a), queryKey(b));
  assert.notEqual(queryKey(a), queryKey({ ...a, sort: { column: 'time', direction: 'desc' } }));
});
