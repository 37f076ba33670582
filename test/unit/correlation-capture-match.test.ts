/**
 * Finding the captures that share a capture's traffic by content (captureMatch.ts), on the real
 * recordings: how many attempts two captures share comes from truth.json (tshark's reading of each
 * capture, by the client sockets' ISNs), never from the analyzer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { captureFingerprint, clearMatch, matchCapture, rankMatches } from '../../src/analyzer/correlation/captureMatch.js';
import { recording, seenIn } from './realRecording.js';

const rec = recording('path-drops');
const CAPTURES = rec.truth.captures as string[];
const fingerprints = new Map(CAPTURES.map((name) => [name, captureFingerprint(rec.load(name))]));

function sample(name: string) {
  return captureFingerprint(analyzeCaptureSync(new MemorySource(readFileSync(join(__dirname, '../../samples', name))), name));
}

test('every pair of path-drops captures shares exactly the connections tshark finds in both, across the node\'s NAT', () => {
  for (const opened of CAPTURES) {
    const inOpened = seenIn(rec.truth, opened);
    for (const candidate of CAPTURES) {
      if (candidate === opened) continue;
      const shared = inOpened.filter((c) => c.synsSeen[candidate].transmissions > 0).length;
      const match = matchCapture(fingerprints.get(opened)!, fingerprints.get(candidate)!);
      assert.equal(match.attempts, inOpened.length, `${opened}: its attempts`);
      assert.equal(match.matched, shared, `${opened} against ${candidate}`);
      assert.ok(match.overlap > 0.9, `${opened} and ${candidate} were recorded at once: ${match.overlap}`);
    }
  }
});

test('the two pods share nothing: neither is offered for the other', () => {
  const podA = fingerprints.get('pod-a.pcap')!;
  const ranked = rankMatches(CAPTURES.filter((name) => name !== 'pod-a.pcap').map((name) => ({ name, match: matchCapture(podA, fingerprints.get(name)!) })));
  assert.ok(!ranked.some((candidate) => candidate.name === 'pod-b.pcap'), ranked.map((c) => c.name).join());
  // Every point after the pod holds its traffic: several match, so none is "the" match.
  assert.ok(ranked.length >= 3);
  assert.equal(clearMatch(ranked), null);
});

test('the story\'s client capture has one clear match among the samples, its server capture, with every attempt', () => {
  const client = sample('story-client.pcap');
  const candidates = ['healthy.pcap', 'refused-and-unanswered.pcap', 'story-server.pcap'].map((name) => ({ name, match: matchCapture(client, sample(name)) }));
  const ranked = rankMatches(candidates);
  assert.deepEqual(ranked.map((c) => c.name), ['story-server.pcap']);
  const best = clearMatch(ranked);
  assert.equal(best?.name, 'story-server.pcap');
  assert.equal(best!.match.matched, best!.match.attempts);
  assert.ok(best!.match.attempts > 0);
});

test('a capture of other traffic recorded at another time shares nothing and does not overlap', () => {
  const match = matchCapture(fingerprints.get('server-side.pcap')!, sample('story-server.pcap'));
  assert.deepEqual(match, { matched: 0, attempts: seenIn(rec.truth, 'server-side.pcap').length, overlap: 0 });
  assert.equal(clearMatch(rankMatches([{ match }])), null);
});
