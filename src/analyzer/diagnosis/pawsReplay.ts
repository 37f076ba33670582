/**
 * Replays a capture's connection attempts, in time order, through the kernel's tcp_tw_recycle PAWS rule
 * (pawsRule.ts) and predicts, for every SYN transmission, whether a server with tcp_tw_recycle=1 would
 * have dropped it. The prediction is then set beside what the capture shows (synFate.ts).
 *
 * The server's memory is keyed as tcp_metrics keys it: by the (server address, peer address) pair, not by
 * port, which is why hosts behind one NAT address share it.
 */
import type { Endpoint, HandshakeAttempt } from '../model.js';
import { checkSyn, kernelSeconds, rememberStamp, s32Difference, TCP_PAWS_MSL, TCP_PAWS_WINDOW, type PawsStamp, type SynCheck } from './pawsRule.js';
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
  check: SynCheck | null;
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

export interface ReplayOptions {
  /** Linux ≥ 3.17 drops a SYN without timestamps while a fresh stamp exists. */
  dropsSynWithoutTimestamp?: boolean;
}

/** The server key of tcp_metrics: (local address, peer address). */
export function peerKey(server: Endpoint, client: Endpoint): string {
  return `${server.address}|${client.address}`;
}

interface StampEvent {
  kind: 'stamp';
  time: number;
  attempt: HandshakeAttempt;
  ts: number;
  acceptedAt: number;
}

interface SynEvent {
  kind: 'syn';
  time: number;
  attempt: HandshakeAttempt;
  synIndex: number;
  fate: SynFate;
}

/**
 * The server enters TIME-WAIT only when it closed first (tcp_minisocks.c `tcp_time_wait` runs for the
 * active closer) and remembers a stamp only if timestamps were in use on the connection.
 */
function timeWaitEntry(attempt: HandshakeAttempt): StampEvent | null {
  const { teardown } = attempt;
  if (attempt.outcome !== 'established' || teardown.firstFin !== 'server') return null;
  if (teardown.lastClientTsval === null || teardown.lastClientTsvalTime === null) return null;
  if (attempt.synOptions.tsval === null || attempt.synAck?.options.tsval == null) return null;
  const closeTime = Math.max(teardown.secondFinTime ?? teardown.firstFinTime ?? 0, teardown.lastClientTsvalTime);
  return { kind: 'stamp', time: closeTime, attempt, ts: teardown.lastClientTsval, acceptedAt: teardown.lastClientTsvalTime };
}

export function replayPaws(attempts: readonly HandshakeAttempt[], options: ReplayOptions = {}): PawsReplay {
  const events: Array<StampEvent | SynEvent> = [];
  for (const attempt of attempts) {
    const fates = synFates(attempt);
    attempt.syns.forEach((syn, synIndex) => events.push({ kind: 'syn', time: syn.time, attempt, synIndex, fate: fates[synIndex] }));
    const entry = timeWaitEntry(attempt);
    if (entry) events.push(entry);
  }
  // A stamp recorded at the same instant as a SYN is already in force for it.
  events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'stamp' ? -1 : 1));

  const stamps = new Map<string, RememberedStamp>();
  const predictions: SynPrediction[] = [];
  let timeWaitEntries = 0;
  for (const event of events) {
    const key = peerKey(event.attempt.server, event.attempt.client);
    const stored = stamps.get(key) ?? null;
    if (event.kind === 'stamp') {
      timeWaitEntries++;
      const next = rememberStamp(stored, event.ts, kernelSeconds(event.acceptedAt), kernelSeconds(event.time));
      if (next !== stored) {
        const origin = { attemptId: event.attempt.id, client: event.attempt.client, closeTime: event.time, acceptedAt: event.acceptedAt };
        stamps.set(key, { ...next, origin });
      }
      continue;
    }
    const syn = event.attempt.syns[event.synIndex];
    const checked = event.fate === 'answered' || event.fate === 'unanswered' || event.fate === 'unknown';
    const check = checked ? checkSyn(stored, kernelSeconds(syn.time), syn.tsval, options.dropsSynWithoutTimestamp ?? true) : null;
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
      check,
      stamp: stored,
      exactAgeSeconds,
      nearBoundary: exactAgeSeconds !== null && behind && Math.abs(exactAgeSeconds - TCP_PAWS_MSL) <= 1,
      fate: event.fate,
    });
  }
  return { predictions, timeWaitEntries };
}
