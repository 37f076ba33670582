/**
 * Finds each client attempt in the server capture. NAT may rewrite the client's address and port (and a
 * DNAT the server's address), but Linux NAT keeps the initial sequence number and the TCP timestamp
 * option, so the identity of an attempt is its ISN, its destination port and the TSvals of its SYNs
 * (ISN and port alone without timestamps). Time only confirms a match, within a window around the
 * estimated clock offset: two attempts are never paired because they happened at the same moment.
 */
import type { HandshakeAttempt } from '../model.js';
import { estimateOffset, matchWindowMs, median, type ClockOffset } from './clockOffset.js';

/** One SYN transmission seen in both captures. */
export interface SynPair {
  clientIndex: number;
  serverIndex: number;
  /** Server capture time minus client capture time, ms. */
  offsetMs: number;
}

export interface AttemptMatch {
  client: HandshakeAttempt;
  server: HandshakeAttempt;
  synPairs: SynPair[];
  /** This attempt's offset (median of its SYN pairs), ms. */
  offsetMs: number;
  /** What identified the attempt: ISN and port (and TSvals), or, through a device that rewrites ISNs, port, TSvals and time. */
  by: 'isn-port-tsval' | 'isn-port' | 'port-tsval-time';
}

export interface MatchResult {
  matches: AttemptMatch[];
  offset: ClockOffset | null;
}

/** What an attempt is recognised by on both sides: keys that both captures' views of it share. */
export interface AttemptIdentity {
  keys(attempt: HandshakeAttempt): string[];
  /** Set when the identity itself rests on TSvals (the match's `by`). */
  by?: 'port-tsval-time';
  /** A key held by more server attempts than this identifies none of them, and is not followed. */
  maxPerKey?: number;
}

/**
 * Linux NAT keeps the ISN: the ISN and the destination port. Random ISNs make a shared key rare; a
 * capture in which dozens of attempts share one (a tool sending a fixed ISN, a hostile file) must not
 * make the matching quadratic.
 */
export const ISN_IDENTITY: AttemptIdentity = { keys: (attempt) => [`${attempt.isn}/${attempt.server.port}`], maxPerKey: 64 };

/**
 * Through a device that rewrites ISNs (Cisco ASA sequence randomisation, pf `modulate state`): the
 * destination port and the TSval of each SYN, which such devices pass on. Attempts without timestamps
 * have no such identity.
 */
export const TSVAL_IDENTITY: AttemptIdentity = {
  keys: (attempt) => (hasTimestamps(attempt) ? attempt.syns.map((syn) => `${attempt.server.port}/${syn.tsval}`) : []),
  by: 'port-tsval-time',
  // A TSval stuck at one value (or 0) on many SYNs to one port must not pair everything with everything.
  maxPerKey: 8,
};

function hasTimestamps(attempt: HandshakeAttempt): boolean {
  return attempt.syns.length > 0 && attempt.syns.every((syn) => syn.tsval !== null);
}

function pair(client: HandshakeAttempt, clientIndex: number, server: HandshakeAttempt, serverIndex: number): SynPair {
  return { clientIndex, serverIndex, offsetMs: (server.syns[serverIndex].time - client.syns[clientIndex].time) * 1000 };
}

/** SYNs with the same TSval are the same transmission; no shared TSval means another attempt. */
function pairByTsval(client: HandshakeAttempt, server: HandshakeAttempt): SynPair[] {
  const serverIndexOf = new Map<number, number>();
  server.syns.forEach((syn, index) => {
    if (!serverIndexOf.has(syn.tsval!)) serverIndexOf.set(syn.tsval!, index);
  });
  const pairs: SynPair[] = [];
  client.syns.forEach((syn, clientIndex) => {
    const serverIndex = serverIndexOf.get(syn.tsval!);
    if (serverIndex !== undefined) pairs.push(pair(client, clientIndex, server, serverIndex));
  });
  return pairs;
}

/**
 * Without timestamps the transmissions are told apart by time: first by aligning the last SYNs (the
 * server sees a suffix when early SYNs are lost), then, once the offset is known, each server SYN with
 * the client SYN nearest to it.
 */
function pairByTime(client: HandshakeAttempt, server: HandshakeAttempt, offsetMs: number | null): SynPair[] {
  if (offsetMs === null) {
    const common = Math.min(client.syns.length, server.syns.length);
    return Array.from({ length: common }, (_, i) => pair(client, client.syns.length - common + i, server, server.syns.length - common + i));
  }
  return server.syns.map((syn, serverIndex) => {
    let best = 0;
    client.syns.forEach((candidate, clientIndex) => {
      const distance = Math.abs(syn.time - candidate.time - offsetMs / 1000);
      if (distance < Math.abs(syn.time - client.syns[best].time - offsetMs / 1000)) best = clientIndex;
    });
    return pair(client, best, server, serverIndex);
  });
}

function candidateMatch(client: HandshakeAttempt, server: HandshakeAttempt, offsetMs: number | null, identity: AttemptIdentity): AttemptMatch | null {
  const byTsval = hasTimestamps(client) && hasTimestamps(server);
  const synPairs = byTsval ? pairByTsval(client, server) : pairByTime(client, server, offsetMs);
  if (synPairs.length === 0) return null;
  const attemptOffset = median(synPairs.map((p) => p.offsetMs).sort((a, b) => a - b));
  return { client, server, synPairs, offsetMs: attemptOffset, by: identity.by ?? (byTsval ? 'isn-port-tsval' : 'isn-port') };
}

/** The offset the matches show: every SYN pair by TSval, the last SYN pair of one told apart by time. */
export function offsetOfMatches(matches: readonly AttemptMatch[]): ClockOffset | null {
  return estimateOffset(matches.flatMap((match) => (match.by === 'isn-port' ? [match.synPairs[match.synPairs.length - 1]] : match.synPairs).map((p) => p.offsetMs)));
}

/**
 * `identity` says what an attempt is recognised by; `knownOffset`, when given, is the offset the window
 * is drawn around (the offset other matches of the same captures established) instead of an estimate.
 */
export function matchAttempts(clientAttempts: readonly HandshakeAttempt[], serverAttempts: readonly HandshakeAttempt[], identity = ISN_IDENTITY, knownOffset: ClockOffset | null = null): MatchResult {
  const serverByKey = new Map<string, HandshakeAttempt[]>();
  for (const attempt of serverAttempts) {
    for (const key of identity.keys(attempt)) {
      const list = serverByKey.get(key) ?? [];
      // An attempt's keys come together: a retransmission with the same key is the last one listed.
      if (list[list.length - 1] !== attempt) list.push(attempt);
      serverByKey.set(key, list);
    }
  }
  const maxPerKey = identity.maxPerKey ?? Infinity;
  const serversOf = (client: HandshakeAttempt) => [...new Set(identity.keys(client).flatMap((key) => {
    const servers = serverByKey.get(key) ?? [];
    return servers.length > maxPerKey ? [] : servers;
  }))];
  const candidatesOf = (offsetMs: number | null) => clientAttempts.map((client) =>
    serversOf(client)
      .map((server) => candidateMatch(client, server, offsetMs, identity))
      .filter((match): match is AttemptMatch => match !== null));

  // The offset rests on the unambiguous candidates: one server attempt for the client attempt, and back.
  const first = candidatesOf(null);
  const claims = new Map<HandshakeAttempt, number>();
  for (const list of first) for (const match of list) claims.set(match.server, (claims.get(match.server) ?? 0) + 1);
  const unambiguous = first.filter((list) => list.length === 1 && claims.get(list[0].server) === 1).map((list) => list[0]);
  const basis = unambiguous.length > 0 ? unambiguous : first.flat();
  const offset = knownOffset ?? offsetOfMatches(basis);
  if (offset === null) return { matches: [], offset: null };

  const window = matchWindowMs(offset);
  const candidates = candidatesOf(offset.medianMs).flat()
    .filter((match) => Math.abs(match.offsetMs - offset.medianMs) <= window)
    .sort((a, b) => Math.abs(a.offsetMs - offset.medianMs) - Math.abs(b.offsetMs - offset.medianMs));
  const usedClients = new Set<HandshakeAttempt>();
  const usedServers = new Set<HandshakeAttempt>();
  const matches: AttemptMatch[] = [];
  for (const match of candidates) {
    if (usedClients.has(match.client) || usedServers.has(match.server)) continue;
    usedClients.add(match.client);
    usedServers.add(match.server);
    matches.push(match);
  }
  matches.sort((a, b) => a.client.id - b.client.id);
  return { matches, offset };
}
