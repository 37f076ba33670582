/**
 * The third-party corpus cut to small snapshot lengths: every SYN or RST segment tshark reads from the
 * full capture must come out of the cut copy with the same addresses, ports, numbers and flags, and each
 * option either as tshark read it or absent, absent only where the snaplen cut the options. A value read
 * from bytes that were not captured would show as a value tshark never saw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeStatus, OptionsCut } from '../../src/analyzer/layers/tcpPacket.js';
import { cutToSnaplen } from '../unit/snaplenCut.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from './corpusFiles.js';
import { decodeCapture, referencePath, tsharkFields, tsharkReference } from './tsharkComparison.js';

const skipUnlessCorpus = corpusAvailable() ? false : CORPUS_ABSENT;

/** From inside the fixed TCP header of an Ethernet frame (54 bytes to its options) to past a Linux SYN's options. */
const SNAPLENS = [56, 60, 62, 64, 66, 68, 70, 72, 76, 80];

/** ourFields()/tsharkFields() positions: addresses, ports, numbers and flags first, then the options. */
const FIXED_FIELDS = 7;
const TSVAL = 7;
const TSECR = 8;

test('SYN and RST segments of the corpus cut to small snapshot lengths keep every option tshark read whose bytes are there', { skip: skipUnlessCorpus }, (t) => {
  const captures = corpusCaptures().filter((capture) => existsSync(referencePath(capture)));
  const problems: string[] = [];
  let compared = 0;
  let optionsCut = 0;
  let tsvalWithoutTsecr = 0;
  let cutBeforeFlags = 0;
  for (const capture of captures) {
    const { compared: rows } = tsharkReference(capture);
    const bytes = readFileSync(join(CORPUS_ROOT, capture));
    for (const snaplen of SNAPLENS) {
      const { frames } = decodeCapture(capture, cutToSnaplen(bytes, snaplen));
      for (const row of rows) {
        const where = `${capture} -s ${snaplen} frame ${row.frame}`;
        const frame = frames.get(row.frame);
        if (frame?.status === DecodeStatus.Truncated) {
          cutBeforeFlags++;
          continue;
        }
        if (!frame?.fields) {
          problems.push(`${where}: no segment (decode status ${frame?.status ?? 'no frame'})`);
          continue;
        }
        compared++;
        const expected = tsharkFields(row);
        const ours = frame.fields;
        if (frame.optionsCut !== OptionsCut.None) optionsCut++;
        if (ours.slice(0, FIXED_FIELDS).join(' ') !== expected.slice(0, FIXED_FIELDS).join(' ')) {
          problems.push(`${where}: tshark ${expected.join(' ')} / ours ${ours.join(' ')}`);
        }
        for (let field = FIXED_FIELDS; field < expected.length; field++) {
          const lostToTheCut = ours[field] === '' && frame.optionsCut !== OptionsCut.None;
          if (ours[field] !== expected[field] && !lostToTheCut) problems.push(`${where}: option field ${field} tshark '${expected[field]}' / ours '${ours[field]}'`);
        }
        if (ours[TSVAL] !== '' && ours[TSECR] === '' && expected[TSECR] !== '') tsvalWithoutTsecr++;
      }
    }
  }
  // The check says something only if the corpus holds cuts of each kind that matters.
  assert.ok(optionsCut > 0 && tsvalWithoutTsecr > 0, `${optionsCut} segments with options cut, ${tsvalWithoutTsecr} with a TSval kept and its TSecr cut`);
  assert.deepEqual(problems, []);
  t.diagnostic(`${captures.length} files × ${SNAPLENS.length} snapshot lengths: ${compared} segments compared, ${optionsCut} with options cut, `
    + `${tsvalWithoutTsecr} with a TSval kept and its TSecr cut, ${cutBeforeFlags} cut before their flags`);
});
