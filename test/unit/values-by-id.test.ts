/** ValuesById: a map of attempt ids to few distinct values, read as a Map would be. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValuesById } from '../../src/analyzer/diagnosis/valuesById.js';

test('ValuesById answers get, has, size and iteration as a Map of the same entries does', () => {
  const shared = { cause: 'unlocated' };
  const other = { cause: 'refused' };
  const byId = new ValuesById<object>();
  const map = new Map<number, object>();
  for (const [id, value] of [[3, shared], [1, other], [2000, shared], [3, other], [0, shared]] as const) {
    byId.set(id, value);
    map.set(id, value);
  }
  assert.equal(byId.size, map.size);
  for (const id of [0, 1, 2, 3, 4, 1999, 2000, 2001, -1, 1.5, 2 ** 40]) {
    assert.equal(byId.get(id), map.get(id), `get(${id})`);
    assert.equal(byId.has(id), map.has(id), `has(${id})`);
  }
  // In id order, where a Map gives insertion order: the entries are the same.
  assert.deepEqual([...byId].sort((a, b) => a[0] - b[0]), [...map].sort((a, b) => a[0] - b[0]));
  assert.deepEqual([...byId.keys()], [0, 1, 3, 2000]);
  assert.equal([...byId.values()].filter((v) => v === shared).length, 2);
  const seen: number[] = [];
  byId.forEach((_, id) => seen.push(id));
  assert.deepEqual(seen, [0, 1, 3, 2000]);
});

test('ids no array should be sized for are kept aside, never allocated for', () => {
  const byId = new ValuesById<string>();
  byId.set(2 ** 40, 'far').set(-5, 'negative').set(7, 'near');
  assert.equal(byId.size, 3);
  assert.equal(byId.get(2 ** 40), 'far');
  assert.equal(byId.get(-5), 'negative');
  assert.equal(byId.get(7), 'near');
  assert.deepEqual(new Map(byId), new Map<number, string>([[7, 'near'], [2 ** 40, 'far'], [-5, 'negative']]));
  byId.set(2 ** 40, 'again');
  assert.equal(byId.size, 3);
});
