/**
 * Replays a capture's connection attempts, in time order, through the kernel's tcp_tw_recycle PAWS rule
 * (pawsRule.ts) and predicts, for every SYN transmission, whether a server with tcp_tw_recycle=1 would
 * have dropped it, under both kernel rules (before and since 3.17). The prediction is then set beside
 * what the capture shows (synFate.ts). A SYN that meets nothing remembered for its peer and no path that
 * skips the check is accepted by both rules: such SYNs are counted (`UnrememberedSyns`), the others kept
 * one by one (`SynPrediction`).
 *
 * The server's memory is keyed as tcp_metrics keys it: by the (server address, peer address) pair, not by
 * port, which is why hosts behind one NAT address share it.
 */
import type { Endpoint, HandshakeAttempt } from '../model.js';
import { checkSyn, kernelSeconds, rememberStamp, s32Difference, TCP_PAWS_MSL, TCP_PAWS_WINDOW, type PawsStamp, type SynCheck } from './pawsRule.js';
import { FATE_MASK, FATES, pawsEvents, TSVAL_CUT, WITH_COOKIE, WITH_TSVAL } from './pawsEvents.js';
import { skipPathOf, type SkipPath, type TimeWaitSocket } from './pawsSkipPaths.js';
import type { SynFate } from './synFate.js';

/** The earlier connection whose close set the stamp a SYN is checked against. */
export interface StampOrigin {
  attemptId: number;
  client: Endpoint;
  /** When the server entered TIME-WAIT (capture time). */
  closeTime: number;
  /** Exact capture time the stamp's TSval was accepted (the kernel keeps only whole seconds). */
  acceptedAt: number;
}

export interface RememberedStamp extends PawsStamp {
  origin: StampOrigin;
}

export interface SynPrediction {
  attemptId: number;
  /** 0 for the first SYN of the attempt, 1 for its first retransmission… */
  synIndex: number;
  time: number;
  tsval: number | null;
  client: Endpoint;
  server: Endpoint;
  /** False for SYNs that never reach the PAWS check (sent after the answer, or refused by RST). */
  checked: boolean;
  /** A path of tcp_conn_request that skips the check (TIME-WAIT, SYN cookie) or a TSval the snapshot cut: no prediction. */
  skipped: SkipPath | null;
  /** The decision of a 3.17+ kernel; null when not checked or skipped. */
  check: SynCheck | null;
  /** The decision of a kernel before 3.17 (differs only for a SYN without timestamps meeting a fresh stamp). */
  checkPre317: SynCheck | null;
  /** The stamp in force for this peer when the SYN arrived (null: nothing remembered). */
  stamp: RememberedStamp | null;
  /** Seconds between the stamp's acceptance and this SYN, from the capture's clock. */
  exactAgeSeconds: number | null;
  /** The decision depends on which side of TCP_PAWS_MSL a stamp within a second of 60 s falls. */
  nearBoundary: boolean;
  fate: SynFate;
}

/**
 * The SYNs that met nothing remembered for their peer and no path that skips the check: the rule accepts
 * each (`checkSyn(null, …)`), and the same way under both kernel rules. Counted, not kept: a SYN flood
 * sends millions of them.
 */
export interface UnrememberedSyns {
  /** Checked, with a known outcome (answered or unanswered). */
  judged: number;
  /** Of those, unanswered. */
  unanswered: number;
  /** Unanswered less than TCP_PAWS_MSL after the capture began, where a stamp set before it may have been in force. */
  unansweredEarly: number;
  /** Some checked one carried a TSval. */
  withTimestamp: boolean;
  /** The attempts with a kept prediction that also sent one of these unanswered. */
  unansweredIn: Set<number>;
}

export interface PawsReplay {
  /** The SYNs that met a stamp (fresh or stale) or a path that skips the check, in replay order. */
  predictions: SynPrediction[];
  unremembered: UnrememberedSyns;
  /** TIME-WAIT entries of the server that updated (or tried to update) a stamp. */
  timeWaitEntries: number;
}

/** The server key of tcp_metrics: (local address, peer address). */
export function peerKey(server: Endpoint, client: Endpoint): string {
  return `${server.address}|${client.address}`;
}

/** A TIME-WAIT socket is found by its four-tuple (inet_lookup_established). */
export function fourTupleKey(server: Endpoint, client: Endpoint): string {
  return `${server.address}|${server.port}|${client.address}|${client.port}`;
}

/**
 * `captureStart`: when the capture began (null: unknown). The server may have remembered stamps before
 * then, which the capture cannot show.
 */
export function replayPaws(attempts: readonly HandshakeAttempt[], captureStart: number | null): PawsReplay {
  const events = pawsEvents(attempts);
  const { stampAttempt, synAttempt, synIndex, synFlags, time } = events;
  const stampCount = stampAttempt.length;
  // Only the peers of the attempts that entered TIME-WAIT can have a stamp or a TIME-WAIT socket:
  // the SYNs of others make no key.
  const rememberedClients = new Set(stampAttempt.map((index) => attempts[index].client.address));
  const stamps = new Map<string, RememberedStamp>();
  const timeWaits = new Map<string, TimeWaitSocket>();
  const predictions: SynPrediction[] = [];
  const unremembered: UnrememberedSyns = { judged: 0, unanswered: 0, unansweredEarly: 0, withTimestamp: false, unansweredIn: new Set() };
  // Which SYNs were kept, and the first SYN of each attempt with one, for `unansweredIn`.
  const kept = new Uint8Array(synAttempt.length);
  const firstSynOfKept = new Map<number, number>();
  let timeWaitEntries = 0;
  const { order } = events;
  for (let position = 0; position < order.length; position++) {
    const event = order[position];
    if (event < stampCount) {
      const attempt = attempts[stampAttempt[event]];
      const timeWait = events.timeWaits[event];
      const { server, client } = attempt;
      timeWaits.set(fourTupleKey(server, client), timeWait);
      if (timeWait.stampTs === null || timeWait.stampAcceptedAt === null) continue;
      timeWaitEntries++;
      const key = peerKey(server, client);
      const stored = stamps.get(key) ?? null;
      const next = rememberStamp(stored, timeWait.stampTs, kernelSeconds(timeWait.stampAcceptedAt), kernelSeconds(timeWait.since));
      if (next !== stored) {
        const origin = { attemptId: attempt.id, client, closeTime: timeWait.since, acceptedAt: timeWait.stampAcceptedAt };
        stamps.set(key, { ...next, origin });
      }
      continue;
    }
    const at = event - stampCount;
    const attempt = attempts[synAttempt[at]];
    const flags = synFlags[at];
    const fate = FATES[flags & FATE_MASK];
    const synTime = time[event];
    const checked = fate === 'answered' || fate === 'unanswered' || fate === 'unknown';
    let client: Endpoint | null = null;
    let server: Endpoint | null = null;
    let stored: RememberedStamp | null = null;
    let timeWait: TimeWaitSocket | null = null;
    if (rememberedClients.size > 0) {
      client = attempt.client;
      if (rememberedClients.has(client.address)) {
        server = attempt.server;
        stored = stamps.get(peerKey(server, client)) ?? null;
        if (checked) timeWait = timeWaits.get(fourTupleKey(server, client)) ?? null;
      }
    }
    const skipped = checked ? skipPathOf(synTime, (flags & TSVAL_CUT) !== 0, timeWait, (flags & WITH_COOKIE) !== 0) : null;
    const tsval = flags & WITH_TSVAL ? events.synTsval[at] : null;
    if (stored === null && skipped === null) {
      if (checked && tsval !== null) unremembered.withTimestamp = true;
      if (fate === 'answered' || fate === 'unanswered') unremembered.judged++;
      if (fate === 'unanswered') {
        unremembered.unanswered++;
        if (captureStart !== null && synTime - captureStart < TCP_PAWS_MSL) unremembered.unansweredEarly++;
      }
      continue;
    }
    kept[at] = 1;
    if (!firstSynOfKept.has(synAttempt[at])) firstSynOfKept.set(synAttempt[at], at - synIndex[at]);
    const judged = checked && skipped === null;
    const now = kernelSeconds(synTime);
    const exactAgeSeconds = stored ? synTime - stored.origin.acceptedAt : null;
    // Only a SYN that is behind the stamp turns on which side of 60 s the stamp's age falls.
    const behind = tsval === null || s32Difference(stored?.ts ?? 0, tsval) > TCP_PAWS_WINDOW;
    predictions.push({
      attemptId: attempt.id,
      synIndex: synIndex[at],
      time: synTime,
      tsval,
      client: client ?? attempt.client,
      server: server ?? attempt.server,
      checked,
      skipped,
      check: judged ? checkSyn(stored, now, tsval, '3.17+') : null,
      checkPre317: judged ? checkSyn(stored, now, tsval, 'pre-3.17') : null,
      stamp: stored,
      exactAgeSeconds,
      nearBoundary: judged && exactAgeSeconds !== null && behind && Math.abs(exactAgeSeconds - TCP_PAWS_MSL) <= 1,
      fate,
    });
  }
  // An attempt's SYNs are consecutive rows: those of a kept attempt that were not kept met nothing.
  for (const [index, first] of firstSynOfKept) {
    for (let at = first; at < synAttempt.length && synAttempt[at] === index; at++) {
      if (!kept[at] && FATES[synFlags[at] & FATE_MASK] === 'unanswered') unremembered.unansweredIn.add(attempts[index].id);
    }
  }
  return { predictions, unremembered, timeWaitEntries };
}
