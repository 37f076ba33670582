/**
 * Replays a capture's connection attempts, in time order, through the kernel's tcp_tw_recycle PAWS rule
 * (pawsRule.ts) and predicts, for every SYN transmission, whether a server with tcp_tw_recycle=1 would
 * have dropped it, under both kernel rules (before and since 3.17). The prediction is then set beside
 * what the capture shows (synFate.ts).
 *
 * The server's memory is keyed as tcp_metrics keys it: by the (server address, peer address) pair, not by
 * port, which is why hosts behind one NAT address share it.
 */
import type { Endpoint, HandshakeAttempt } from '../model.js';
import { checkSyn, kernelSeconds, rememberStamp, s32Difference, TCP_PAWS_MSL, TCP_PAWS_WINDOW, type PawsStamp, type SynCheck } from './pawsRule.js';
import { skipPathOf, timeWaitOf, type SkipPath, type TimeWaitSocket } from './pawsSkipPaths.js';
import { synFates, type SynFate } from './synFate.js';

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

export interface PawsReplay {
  predictions: SynPrediction[];
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

interface StampEvent {
  kind: 'stamp';
  time: number;
  attempt: HandshakeAttempt;
  timeWait: TimeWaitSocket;
}

interface SynEvent {
  kind: 'syn';
  time: number;
  attempt: HandshakeAttempt;
  synIndex: number;
  fate: SynFate;
}

export function replayPaws(attempts: readonly HandshakeAttempt[]): PawsReplay {
  const events: Array<StampEvent | SynEvent> = [];
  for (const attempt of attempts) {
    const fates = synFates(attempt);
    attempt.syns.forEach((syn, synIndex) => events.push({ kind: 'syn', time: syn.time, attempt, synIndex, fate: fates[synIndex] }));
    const timeWait = timeWaitOf(attempt);
    if (timeWait) events.push({ kind: 'stamp', time: timeWait.since, attempt, timeWait });
  }
  // A stamp recorded at the same instant as a SYN is already in force for it.
  events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'stamp' ? -1 : 1));

  const stamps = new Map<string, RememberedStamp>();
  const timeWaits = new Map<string, TimeWaitSocket>();
  const predictions: SynPrediction[] = [];
  let timeWaitEntries = 0;
  for (const event of events) {
    const key = peerKey(event.attempt.server, event.attempt.client);
    const stored = stamps.get(key) ?? null;
    if (event.kind === 'stamp') {
      const { timeWait } = event;
      timeWaits.set(fourTupleKey(event.attempt.server, event.attempt.client), timeWait);
      if (timeWait.stampTs === null || timeWait.stampAcceptedAt === null) continue;
      timeWaitEntries++;
      const next = rememberStamp(stored, timeWait.stampTs, kernelSeconds(timeWait.stampAcceptedAt), kernelSeconds(event.time));
      if (next !== stored) {
        const origin = { attemptId: event.attempt.id, client: event.attempt.client, closeTime: event.time, acceptedAt: timeWait.stampAcceptedAt };
        stamps.set(key, { ...next, origin });
      }
      continue;
    }
    const syn = event.attempt.syns[event.synIndex];
    const checked = event.fate === 'answered' || event.fate === 'unanswered' || event.fate === 'unknown';
    const skipped = checked ? skipPathOf(event.attempt, event.synIndex, event.fate, timeWaits.get(fourTupleKey(event.attempt.server, event.attempt.client)) ?? null) : null;
    const judged = checked && skipped === null;
    const now = kernelSeconds(syn.time);
    const exactAgeSeconds = stored ? syn.time - stored.origin.acceptedAt : null;
    // Only a SYN that is behind the stamp turns on which side of 60 s the stamp's age falls.
    const behind = syn.tsval === null || s32Difference(stored?.ts ?? 0, syn.tsval) > TCP_PAWS_WINDOW;
    predictions.push({
      attemptId: event.attempt.id,
      synIndex: event.synIndex,
      time: syn.time,
      tsval: syn.tsval,
      client: event.attempt.client,
      server: event.attempt.server,
      checked,
      skipped,
      check: judged ? checkSyn(stored, now, syn.tsval, '3.17+') : null,
      checkPre317: judged ? checkSyn(stored, now, syn.tsval, 'pre-3.17') : null,
      stamp: stored,
      exactAgeSeconds,
      nearBoundary: judged && exactAgeSeconds !== null && behind && Math.abs(exactAgeSeconds - TCP_PAWS_MSL) <= 1,
      fate: event.fate,
    });
  }
  return { predictions, timeWaitEntries };
}
