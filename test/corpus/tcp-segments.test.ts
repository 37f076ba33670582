/**
 * Conformance of the layer decoders with tshark 4.0: every SYN or RST segment tshark finds in a corpus
 * capture must come out of our reader + decodeTcp with the same addresses, ports, raw sequence and
 * acknowledgement numbers, flags, timestamps, MSS and window scale, and we must find no others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CORPUS_ABSENT, corpusAvailable, corpusCaptures } from './corpusFiles.js';
import { ExclusionTally, decodeCapture, referencePath, tsharkFields, tsharkReference } from './tsharkComparison.js';

const skipUnlessCorpus = corpusAvailable() ? false : CORPUS_ABSENT;

test('SYN and RST segments match tshark on the third-party corpus', { skip: skipUnlessCorpus }, async (t) => {
  const captures = corpusCaptures().filter((capture) => existsSync(referencePath(capture)));
  const tally = new ExclusionTally();
  let compared = 0;
  let matched = 0;
  let tunnelled = 0;
  for (const capture of captures) {
    await t.test(capture, () => {
      const { rows, decoded, compared: comparedRows, excluded } = tsharkReference(capture);
      for (const { row, reason } of excluded) {
        tally.add(reason);
        t.diagnostic(`frame ${row.frame} excluded: ${reason}`);
      }
      const problems: string[] = [];
      for (const row of comparedRows) {
        compared++;
        const frame = decoded.frames.get(row.frame);
        const expected = tsharkFields(row).join(' ');
        const actual = frame?.fields ? frame.fields.join(' ') : `none (decode status ${frame?.status ?? 'no frame'})`;
        if (expected === actual) matched++;
        else problems.push(`frame ${row.frame}: tshark ${expected} / ours ${actual}`);
        // tshark's rows list every IP header it decoded: more than one is a tunnel we must have opened too.
        if ((row.ipHeaders > 1) !== (frame?.inIpTunnel ?? false)) {
          problems.push(`frame ${row.frame}: tshark decoded ${row.ipHeaders} IP headers, ours ${frame?.inIpTunnel ? 'a tunnel' : 'no tunnel'}`);
        }
        if (row.ipHeaders > 1) tunnelled++;
      }
      const tsharkFrames = new Set(rows.map((row) => row.frame));
      for (const [number, frame] of decoded.frames) {
        if (frame.fields && !tsharkFrames.has(number)) problems.push(`frame ${number}: ours ${frame.fields.join(' ')} / tshark none`);
      }
      assert.deepEqual(problems, []);
    });
  }
  t.diagnostic(`${captures.length} files, ${compared} rows compared (${tunnelled} inside tunnels), ${matched} matched; excluded: ${tally}`);
  assert.ok(tunnelled > 0, 'no row inside a tunnel was compared');
});

test('no SYN or RST segment where tshark found none', { skip: skipUnlessCorpus }, (t) => {
  const captures = corpusCaptures().filter((capture) => !existsSync(referencePath(capture)));
  const extra: string[] = [];
  let frameCount = 0;
  for (const capture of captures) {
    const { frames } = decodeCapture(capture);
    frameCount += frames.size;
    for (const [number, frame] of frames) {
      if (frame.fields) extra.push(`${capture} frame ${number}: ${frame.fields.join(' ')}`);
    }
  }
  t.diagnostic(`${captures.length} files without SYN/RST rows, ${frameCount} frames decoded`);
  assert.deepEqual(extra, []);
});
