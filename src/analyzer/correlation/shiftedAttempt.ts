/**
 * An attempt with every time moved by the same amount: a row of one capture put in the first capture's
 * clock, so that rows from captures with different clocks can be set against the server capture as one.
 * A copy; the attempt itself is only read.
 */
import type { HandshakeAttempt } from '../model.js';
import { plainRecord } from '../handshakes/storedRecords.js';

export function shiftedAttempt(attempt: HandshakeAttempt, seconds: number): HandshakeAttempt {
  if (seconds === 0) return attempt;
  const at = (time: number) => time + seconds;
  const maybe = (time: number | null) => (time === null ? null : time + seconds);
  const { synAck, ack, rst, teardown } = attempt;
  return {
    ...plainRecord(attempt),
    synTime: at(attempt.synTime),
    syns: attempt.syns.map((syn) => ({ ...syn, time: at(syn.time) })),
    synAck: synAck && { ...synAck, time: at(synAck.time) },
    ack: ack && { ...ack, time: at(ack.time) },
    rst: rst && { ...rst, time: at(rst.time) },
    teardown: { ...teardown, firstFinTime: maybe(teardown.firstFinTime), secondFinTime: maybe(teardown.secondFinTime), lastClientTsvalTime: maybe(teardown.lastClientTsvalTime) },
    ...(attempt.natViews ? { natViews: attempt.natViews.map((view) => ({ ...view, time: at(view.time) })) } : {}),
  };
}
