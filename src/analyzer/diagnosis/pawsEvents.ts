/**
 * What the PAWS replay (pawsReplay.ts) runs through, in its order: the server's TIME-WAIT entries and the
 * clients' SYN transmissions. A SYN is a row of typed arrays rather than an object, since a SYN flood
 * brings millions of them; only the TIME-WAIT entries, one per connection the server closed first, are
 * objects.
 */
import { grown } from '../handshakes/rowChunks.js';
import { keyOrder } from '../keyOrder.js';
import type { HandshakeAttempt } from '../model.js';
import { answeredWithCookie, timeWaitOf, type TimeWaitSocket } from './pawsSkipPaths.js';
import { onlySynFate, synFates, type SynFate } from './synFate.js';
import { columnsOf } from '../handshakes/storedRecords.js';
import type { SynPoint } from '../handshakes/connectionAttempt.js';
import { TSVAL_CUT as SYN_TSVAL_CUT, tsvalOrNull } from '../handshakes/segment.js';

/** A SYN's fate is its flags' low bits, an index into this. */
export const FATES: readonly SynFate[] = ['answered', 'refused', 'unanswered', 'after-answer', 'unknown'];
const FATE_CODE = new Map(FATES.map((fate, code) => [fate, code]));
export const FATE_MASK = 0b111;
/** The SYN carries the timestamp option (its TSval is in `synTsval`). */
export const WITH_TSVAL = 1 << 3;
/** The snapshot length cut the SYN's options. */
export const TSVAL_CUT = 1 << 4;
/** The SYN was answered with a SYN cookie (pawsSkipPaths.ts `answeredWithCookie`). */
export const WITH_COOKIE = 1 << 5;

export interface PawsEvents {
  /** The attempts that put the server in TIME-WAIT, by index, in attempt order; and their sockets. */
  stampAttempt: number[];
  timeWaits: TimeWaitSocket[];
  /** Per SYN transmission, attempt by attempt in the order each sent them: the attempt's index… */
  synAttempt: Uint32Array;
  /** …the SYN's index within its attempt (0 for the first)… */
  synIndex: Uint32Array;
  synTsval: Uint32Array;
  /** …and its fate and the bits above. */
  synFlags: Uint8Array;
  /** Event e's capture time: a TIME-WAIT entry's for e below `stampAttempt.length`, else SYN e - that's. */
  time: Float64Array;
  /**
   * The events in replay order: by time, and at equal times TIME-WAIT entries first (a stamp recorded at
   * the same instant as a SYN is already in force for it), otherwise in the order above.
   */
  order: Uint32Array;
}

/** SYN rows, grown by doubling as the attempts are read (their count is known only at the end). */
class SynRows {
  length = 0;
  attempt: Uint32Array;
  index: Uint32Array;
  tsval: Uint32Array;
  flags: Uint8Array;
  time: Float64Array;

  constructor(capacity: number) {
    this.attempt = new Uint32Array(capacity);
    this.index = new Uint32Array(capacity);
    this.tsval = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(attempt: number, index: number, time: number, tsval: number | null, flags: number): void {
    if (this.length === this.attempt.length) this.grow();
    const at = this.length++;
    this.attempt[at] = attempt;
    this.index[at] = index;
    this.time[at] = time;
    this.tsval[at] = tsval ?? 0;
    this.flags[at] = tsval === null ? flags : flags | WITH_TSVAL;
  }

  private grow(): void {
    const capacity = Math.max(16, this.attempt.length * 2);
    this.attempt = grown(this.attempt, capacity);
    this.index = grown(this.index, capacity);
    this.tsval = grown(this.tsval, capacity);
    this.flags = grown(this.flags, capacity);
    this.time = grown(this.time, capacity);
  }
}

export function pawsEvents(attempts: readonly HandshakeAttempt[]): PawsEvents {
  const stampAttempt: number[] = [];
  const timeWaits: TimeWaitSocket[] = [];
  // Most attempts of a large capture send one SYN.
  const syns = new SynRows(attempts.length);
  // A stored record makes its SYNs' objects at each read: one of a single SYN is read from the columns.
  const columns = columnsOf(attempts);
  const onlySyn: SynPoint = { time: 0, tsval: 0 };
  for (let index = 0; index < attempts.length; index++) {
    const attempt = attempts[index];
    if (columns !== null && columns.onlySyn(index, onlySyn)) {
      const fate = onlySynFate(attempt);
      const tsval = tsvalOrNull(onlySyn.tsval);
      const flags = FATE_CODE.get(fate)! | (onlySyn.tsval === SYN_TSVAL_CUT ? TSVAL_CUT : 0) | (answeredWithCookie(attempt, tsval !== null, fate) ? WITH_COOKIE : 0);
      syns.push(index, 0, onlySyn.time, tsval, flags);
    } else {
      const sent = attempt.syns;
      const fates = synFates(attempt, sent);
      for (let synIndex = 0; synIndex < sent.length; synIndex++) {
        const syn = sent[synIndex];
        const fate = fates[synIndex];
        const flags = FATE_CODE.get(fate)! | (syn.tsvalCut === true ? TSVAL_CUT : 0) | (answeredWithCookie(attempt, syn.tsval !== null, fate) ? WITH_COOKIE : 0);
        syns.push(index, synIndex, syn.time, syn.tsval, flags);
      }
    }
    const timeWait = timeWaitOf(attempt);
    if (timeWait) {
      stampAttempt.push(index);
      timeWaits.push(timeWait);
    }
  }
  const time = new Float64Array(timeWaits.length + syns.length);
  for (let at = 0; at < timeWaits.length; at++) time[at] = timeWaits[at].since;
  time.set(syns.time.subarray(0, syns.length), timeWaits.length);
  return {
    stampAttempt,
    timeWaits,
    synAttempt: syns.attempt.subarray(0, syns.length),
    synIndex: syns.index.subarray(0, syns.length),
    synTsval: syns.tsval.subarray(0, syns.length),
    synFlags: syns.flags.subarray(0, syns.length),
    time,
    // The radix sort is stable: the entries, placed first, come first among equal times. Events
    // already in time order (a capture in time order whose attempts sent one SYN each) stay as they are.
    order: nondecreasing(time) ? identityOrder(time.length) : keyOrder(time, false),
  };
}

function nondecreasing(values: Float64Array): boolean {
  for (let at = 1; at < values.length; at++) if (!(values[at] >= values[at - 1])) return false;
  return true;
}

function identityOrder(length: number): Uint32Array {
  const order = new Uint32Array(length);
  for (let at = 0; at < length; at++) order[at] = at;
  return order;
}
