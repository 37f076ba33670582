/**
 * `dropped-at-node` (error): the SYN is in a capture point before a node's NAT or forwarding (the pod's
 * own capture, the bridge side of a `tcpdump -i any` on the node) and missing from a later point on the
 * client's side of the server (the node's uplink, a router's), which recorded the moment. No pair of a
 * client and a server capture can show this: it says which box to look at. On a Linux node the usual
 * droppers are netfilter's: the FORWARD chain's rules, a full conntrack table (`nf_conntrack: table full,
 * dropping packet`, early_drop failing in `__nf_conntrack_alloc`), and the SNAT race in which two
 * connections get the same NAT tuple and the second is dropped when its entry is confirmed
 * (`__nf_conntrack_confirm` finds the clash: `insert_failed`, `drop` in `conntrack -S`).
 */
import type { Confidence } from '../model.js';
import type { PathStep } from '../correlation/attemptPath.js';
import { synLossHop, type PathHop } from '../correlation/pathHops.js';

export interface NodeDrop {
  hop: PathHop;
  confidence: Confidence;
}

/**
 * Whether the point that misses the SYN is shown to hold the traffic of the point before it: every
 * passed attempt of the earlier point inside the later one's span is in it (a capture that drops packets
 * itself, or filters, would miss some), and the two share enough SYNs for their clocks to be tied.
 */
export type HopSoundness = (hop: PathHop) => boolean;

/**
 * From the points on the client's side of the server capture, for a failed attempt whose SYNs never
 * reached the server capture (or that it did not cover): null when every point on the client's side
 * that recorded the moment holds the SYN, so the loss lies after the last of them.
 */
export function droppedAtNode(clientSide: readonly PathStep[], sound: HopSoundness): NodeDrop | null {
  const hop = synLossHop(clientSide);
  if (hop === null) return null;
  return { hop, confidence: sound(hop) ? 'high' : 'medium' };
}

/**
 * The conntrack SNAT race (netfilter's `__nf_conntrack_confirm` finding the reply tuple already taken:
 * `insert_failed`, `drop`): two connections to one destination leave the node at the same moment, SNAT
 * gives both the same source port before either is confirmed, and the second is dropped. Its evidence
 * per lost first SYN: another attempt's SYN to the same destination left through the point that missed
 * it within RACE_WINDOW_MS, and the retransmission that passed left with another source port than the
 * client's (MASQUERADE keeps a free port, so a new one means the first was taken).
 */
export const RACE_WINDOW_MS = 5;

export interface RaceEvidence {
  rowId: number;
  /** The other attempt's SYN that left nearest the lost one, ms apart. */
  otherSynMs: number;
  natPortChanged: boolean;
}

/**
 * `leftThere`: every SYN the point that missed the lost one holds, in time order (the first capture's
 * clock), with its row and server endpoint.
 */
export function snatRace(loss: { rowId: number; lostAt: number; before: { client: { port: number } }; after: { client: { port: number }; server: { address: string; port: number } } }, leftThere: ReadonlyArray<{ rowId: number; time: number; server: string }>): RaceEvidence | null {
  const server = `${loss.after.server.address}:${loss.after.server.port}`;
  const from = loss.lostAt - RACE_WINDOW_MS / 1000;
  // The first SYN of the window, by bisection: only the few inside it are looked at.
  let low = 0;
  let high = leftThere.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (leftThere[middle].time < from) low = middle + 1;
    else high = middle;
  }
  let nearest = Infinity;
  for (let at = low; at < leftThere.length && leftThere[at].time <= loss.lostAt + RACE_WINDOW_MS / 1000; at++) {
    const syn = leftThere[at];
    if (syn.rowId !== loss.rowId && syn.server === server) nearest = Math.min(nearest, Math.abs(syn.time - loss.lostAt) * 1000);
  }
  const natPortChanged = loss.after.client.port !== loss.before.client.port;
  return nearest <= RACE_WINDOW_MS && natPortChanged ? { rowId: loss.rowId, otherSynMs: nearest, natPortChanged } : null;
}
