/** "Open in Wireshark" finds the program as a shell would: the first executable of that name on PATH. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { findExecutable } from '../../src/node/findExecutable.js';

test('the first executable file of that name on PATH, skipping what is not one', { skip: process.platform === 'win32' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'handshake-lens-path-'));
  try {
    const [notExecutable, directory, first, second] = ['a', 'b', 'c', 'd'].map((name) => join(root, name));
    for (const dir of [notExecutable, directory, first, second]) mkdirSync(dir);
    writeFileSync(join(notExecutable, 'wireshark'), '#!/bin/sh\n');
    chmodSync(join(notExecutable, 'wireshark'), 0o644);
    mkdirSync(join(directory, 'wireshark'));
    for (const dir of [first, second]) {
      writeFileSync(join(dir, 'wireshark'), '#!/bin/sh\n');
      chmodSync(join(dir, 'wireshark'), 0o755);
    }
    const path = [join(root, 'missing'), notExecutable, directory, first, second].join(delimiter);
    assert.equal(findExecutable('wireshark', path), join(first, 'wireshark'));
    assert.equal(findExecutable('wireshark', [notExecutable, directory].join(delimiter)), null);
    assert.equal(findExecutable('wireshark', ''), null);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
