/**
 * A server capture built around one fresh tcp_tw_recycle stamp: a connection from the NAT address that
 * the server closes first, then single-SYN attempts from the same address within the stamp's 60 s, some
 * behind the stamp (the rule drops them), some ahead of it (the rule lets them through), each answered
 * or not as asked. What the base-rate and threshold tests count on.
 */
import type { HandshakeAttempt } from '../../src/analyzer/model.js';
import { attempt } from './attemptSketch.js';

export const T0 = 1_700_000_000;
const NAT = '192.168.0.2';
const STAMP_TSVAL = 900_000;

export interface StampedServer {
  /** SYNs behind the stamp: unanswered, answered. */
  dropsUnanswered: number;
  dropsAnswered?: number;
  /** SYNs ahead of the stamp: unanswered, answered. */
  passesUnanswered?: number;
  passesAnswered: number;
  /** SYNs without timestamps while the stamp is fresh: unanswered, answered. */
  noTimestampUnanswered?: number;
  noTimestampAnswered?: number;
}

export function stampedServer(shape: StampedServer): HandshakeAttempt[] {
  const attempts = [attempt({ id: 1, client: `${NAT}:40001`, syns: [[T0, STAMP_TSVAL - 2000]], synAckAt: T0 + 0.001, close: { first: 'server', at: T0 + 1, lastClientTsval: STAMP_TSVAL } })];
  const kinds: Array<[number, number | null, boolean]> = [
    [shape.dropsUnanswered, 100_000, false],
    [shape.dropsAnswered ?? 0, 100_000, true],
    [shape.passesUnanswered ?? 0, STAMP_TSVAL + 5000, false],
    [shape.passesAnswered, STAMP_TSVAL + 5000, true],
    [shape.noTimestampUnanswered ?? 0, null, false],
    [shape.noTimestampAnswered ?? 0, null, true],
  ];
  const total = kinds.reduce((sum, [n]) => sum + n, 0);
  // Every SYN lands within the stamp's 60 s, spread evenly after the close.
  const step = 50 / Math.max(1, total);
  let at = T0 + 2;
  for (const [count, tsval, answered] of kinds) {
    for (let i = 0; i < count; i++) {
      const id = attempts.length + 1;
      attempts.push(attempt({ id, client: `${NAT}:${40000 + id}`, syns: [[at, tsval === null ? null : tsval + i]], ...(answered ? { synAckAt: at + 0.001 } : {}) }));
      at += step;
    }
  }
  return attempts;
}
