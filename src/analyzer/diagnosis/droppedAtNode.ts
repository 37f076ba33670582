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
