/**
 * test/fixtures/real/synack-drop/ through every capture at once (pods, node uplink, server): an answer
 * the server sent that never reached the client is placed between the last capture that holds it and the
 * next towards the client, as tshark's count of SYN-ACKs in each capture (truth.json) says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlatePath } from '../../src/analyzer/correlation/correlatePath.js';
import { connectionOf, recording } from './realRecording.js';

const rec = recording('synack-drop');
const CAPTURES = ['server-side.pcap', 'node-side.pcap', 'pod-b.pcap', 'pod-a.pcap'];

test('synack-drop along the path: each reply-lost hop is where the SYN-ACKs stop', () => {
  const result = correlatePath(CAPTURES.map((name) => ({ name, capture: rec.load(name) })), null, 'en');
  assert.equal(CAPTURES[result.order.server], 'server-side.pcap');
  const replyLost = result.rows.filter((row) => result.findings.get(row.attempt.id)?.cause === 'reply-lost');
  assert.ok(replyLost.length > 0);
  for (const row of replyLost) {
    const connection = connectionOf(rec.truth, row.attempt);
    const hop = result.correlation.hops.find((h) => h.attemptId === row.attempt.id && h.code === 'reply-lost');
    const seen = connection.synsSeen;
    // No SYN-ACK reached the node: lost between the server and the node. Some did: no hop to name.
    if (seen['server-side.pcap'].synAcks > 0 && seen['node-side.pcap'].synAcks === 0) {
      assert.deepEqual([hop?.lastSeen.capture, hop?.missing.capture], ['server-side.pcap', 'node-side.pcap'], connection.local);
    } else {
      assert.equal(hop, undefined, connection.local);
    }
  }
  const named = result.correlation.diagnoses.find((d) => d.code === 'reply-lost')!;
  assert.ok(named.evidence.some((e) => e.values.lastSeenCapture === 'server-side.pcap' && e.values.missingCapture === 'node-side.pcap'));
});
