/**
 * Work per packet stays bounded when one four-tuple carries a SYN flood with a new ISN each time: the
 * tracker's count of attempts looked at while matching grows linearly with the packets, where walking
 * the whole chain of attempts would make it grow with their square (2 × 10^10 steps for 200,000 SYNs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HandshakeTracker } from '../../src/analyzer/handshakes/tracker.js';
import { Conversation, type Step } from './handshakeScript.js';

const T = 1_700_000_000;
const SYNS = 200_000;
/** The newest attempts walked per segment before the ISN index answers (MATCH_WINDOW), with one to spare. */
const STEPS_PER_PACKET = 17;

function feed(tracker: HandshakeTracker, steps: Iterable<Step>): number {
  let frame = 0;
  for (const step of steps) tracker.add({ ...step.packet, frame: frame++, time: step.time });
  return frame;
}

const client = new Conversation('10.244.1.7:40000', '192.168.11.250:3306');

test('200,000 SYNs with scattered ISNs on one four-tuple take linear work', () => {
  const tracker = new HandshakeTracker();
  const packets = feed(tracker, (function* () {
    for (let n = 0; n < SYNS; n++) yield client.syn(T + n * 1e-4, Math.imul(n + 1, 2654435761) >>> 0);
    // A retransmission of the very first SYN is found among 200,000 attempts, not made a new one.
    yield client.syn(T + 30, 2654435761);
  })());
  assert.ok(tracker.matchSteps <= STEPS_PER_PACKET * packets, `${tracker.matchSteps} steps for ${packets} packets`);
  const { handshakes } = tracker.finish(T + 60);
  assert.equal(handshakes.length, SYNS);
  assert.equal(handshakes[0].syns.length, 2);
});

test('answers to the oldest of 200,000 attempts on one four-tuple still find them', () => {
  const tracker = new HandshakeTracker();
  // Increasing ISNs, as a clock-driven ISN generator gives: a third ACK is then never "after" a newer ISN.
  const isnOf = (n: number): number => 1000 + n * 1000;
  const packets = feed(tracker, (function* () {
    for (let n = 0; n < SYNS; n++) yield client.syn(T + n * 1e-4, isnOf(n));
    for (let n = 0; n < SYNS; n++) {
      if (n % 2 === 0) yield client.synAck(T + 20 + n * 1e-4, 7_000_000 + n, isnOf(n));
      else yield client.refuse(T + 20 + n * 1e-4, isnOf(n));
    }
    for (let n = 0; n < SYNS; n += 2) yield client.ack(T + 40 + n * 1e-4, isnOf(n), 7_000_000 + n);
  })());
  assert.ok(tracker.matchSteps <= STEPS_PER_PACKET * packets, `${tracker.matchSteps} steps for ${packets} packets`);
  const { handshakes, midstream } = tracker.finish(T + 60);
  assert.equal(midstream, 0);
  assert.equal(handshakes.length, SYNS);
  const outcomes = new Map<string, number>();
  for (const handshake of handshakes) outcomes.set(handshake.outcome, (outcomes.get(handshake.outcome) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(outcomes), { established: SYNS / 2, refused: SYNS / 2 });
});
