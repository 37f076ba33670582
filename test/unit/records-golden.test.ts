/**
 * The analysis of every sample capture, every recording under test/fixtures/real and every capture of the
 * third-party corpus stays what it was when these goldens were written: the records (every field of every
 * attempt), the summary, the counts past the row limit and the warnings. A change to how the tracker keeps
 * its state must not change what it finds. The samples and recordings are kept whole as JSON, the corpus
 * as one SHA-256 per capture (digests.json).
 *
 * To write the goldens again after an intended change of the results: HL_WRITE_GOLDEN=1 and this file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { FileSource } from '../../src/node/fileSource.js';
import { CORPUS_ROOT, corpusAvailable, corpusCaptures } from '../corpus/corpusFiles.js';

const GOLDEN = resolve('test/fixtures/records-golden');
const WRITE = process.env.HL_WRITE_GOLDEN === '1';

/** Capture files under a folder, sorted, as paths relative to the checkout. */
function capturesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...capturesUnder(path));
    else if (/\.(pcap|pcapng|cap)$/.test(entry)) found.push(relative(resolve('.'), resolve(path)));
  }
  return found;
}

/**
 * The analysis as text, without the name it was given; a capture that cannot be read gives its message, with
 * the file named as `shownAs` so that the text does not depend on where the checkout lies.
 */
function analysisText(path: string, shownAs = path): string {
  const source = new FileSource(path);
  try {
    const { name: _name, ...analysis } = analyzeCaptureSync(source, path);
    return JSON.stringify(analysis, null, 1);
  } catch (error) {
    return JSON.stringify({ error: (error as Error).message.replaceAll(path, shownAs) });
  } finally {
    source.close();
  }
}

function goldenPath(capture: string): string {
  return join(GOLDEN, `${capture.replaceAll('/', '__')}.json`);
}

test('the samples and the real recordings are analysed exactly as the goldens say', () => {
  const captures = [...capturesUnder('samples'), ...capturesUnder('test/fixtures/real')];
  assert.ok(captures.length >= 20, `only ${captures.length} captures found`);
  if (WRITE) mkdirSync(GOLDEN, { recursive: true });
  for (const capture of captures) {
    const text = analysisText(capture);
    if (WRITE) writeFileSync(goldenPath(capture), `${text}\n`);
    assert.ok(existsSync(goldenPath(capture)), `no golden for ${capture}`);
    assert.equal(text, readFileSync(goldenPath(capture), 'utf8').trimEnd(), capture);
  }
});

test('every corpus capture is analysed exactly as its golden digest says', { skip: corpusAvailable() ? false : 'the corpus is absent' }, () => {
  const digestsPath = join(GOLDEN, 'corpus-digests.json');
  const digests: Record<string, string> = {};
  for (const capture of corpusCaptures()) {
    digests[capture] = createHash('sha256').update(analysisText(join(CORPUS_ROOT, capture), capture)).digest('hex');
  }
  if (WRITE) writeFileSync(digestsPath, `${JSON.stringify(digests, null, 1)}\n`);
  const golden = JSON.parse(readFileSync(digestsPath, 'utf8')) as Record<string, string>;
  const differing = Object.keys(digests).filter((capture) => digests[capture] !== golden[capture]);
  assert.deepEqual(differing, [], `analyses differ from the goldens: ${differing.join(', ')}`);
  assert.equal(Object.keys(digests).length, Object.keys(golden).length);
});
