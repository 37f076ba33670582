/**
 * A capture taken on a NAT node with `tcpdump -i any` holds each SYN twice: as the client sent it
 * (on the pod's interface) and as the NAT rewrote its source address and port (on the way out). Linux
 * NAT keeps the ISN and the TCP options, so the two are one transmission seen from two places: one row,
 * whose other views are listed with it.
 *
 * The rule: a later attempt is a view of an earlier one when both have the same client ISN, the same
 * server endpoint, the same TSval on their earliest SYN (or neither has one), a different client
 * endpoint, their earliest SYNs are at most NAT_VIEW_SECONDS apart, and the later one's TTL (hop limit)
 * is lower: the NAT node forwarded the SYN in between, and forwarding decrements it before POSTROUTING
 * rewrites the source (ip_forward() → ip_decrease_ttl(); ip6_forward() for the hop limit). Crafted
 * captures that give many connections one ISN and no timestamps (suricata-verify's dnp3-max-points,
 * zeek's http/invalid-content-ranges) keep one TTL, and stay apart. The row keeps the endpoint seen
 * first, which is the one before NAT.
 */
import type { AttemptStore, ConnectionAttempt } from './connectionAttempt.js';
import type { FlowEndpoints } from './flowTable.js';

/**
 * Forwarding through a NAT takes microseconds to milliseconds. One second, Linux's initial SYN
 * retransmission timeout (TCP_TIMEOUT_INIT), keeps the window to the time of one transmission, far
 * below any in which two connections could plausibly share an ISN and a TSval.
 */
export const NAT_VIEW_SECONDS = 1;

/**
 * Earlier rows with the same ISN a later attempt is compared with, newest first. A SYN is seen from a
 * handful of places at most (the pod's interface, the bridge, the way out); the bound keeps a crafted
 * flood of SYNs that all carry one ISN linear.
 */
const NAT_VIEW_CANDIDATES = 16;

/** Endpoint a or b of a flow, as one comparable value: the IPv4 address's number or the IPv6 text, and the port. */
function endpointKey(flow: FlowEndpoints, a: boolean): string {
  const address = flow.ipVersion === 4 ? (a ? flow.v4a : flow.v4b) : a ? flow.v6a : flow.v6b;
  return `${address} ${a ? flow.portA : flow.portB}`;
}

/** Whether the two attempts' servers are one endpoint, and their clients two. */
function sameServerOtherClient(view: ConnectionAttempt, first: ConnectionAttempt): boolean {
  if (view.flow.ipVersion !== first.flow.ipVersion) return false;
  return endpointKey(view.flow, !view.clientIsA) === endpointKey(first.flow, !first.clientIsA)
    && endpointKey(view.flow, view.clientIsA) !== endpointKey(first.flow, first.clientIsA);
}

function isNatViewOf(view: ConnectionAttempt, first: ConnectionAttempt): boolean {
  const apart = view.synTime - first.synTime;
  return view.isn === first.isn && apart >= 0 && apart <= NAT_VIEW_SECONDS && view.synTsval === first.synTsval
    && view.ttl < first.ttl && sameServerOtherClient(view, first);
}

/** ISNs held by more than one attempt: almost none, so only those attempts are compared. */
function sharedIsns(attempt: ConnectionAttempt, ids: ArrayLike<number>): Set<number> {
  const isns = new Uint32Array(ids.length);
  for (let at = 0; at < ids.length; at++) isns[at] = attempt.at(ids[at]).isn;
  isns.sort();
  const shared = new Set<number>();
  for (let at = 1; at < isns.length; at++) if (isns[at] === isns[at - 1]) shared.add(isns[at]);
  return shared;
}

/**
 * For attempts of `store` in order of their earliest SYN (`ids`, their numbers): the index in `ids` of
 * the attempt each is a NAT view of, or -1 for an attempt that is a row of its own. The rows of an ISN are kept newest first, so the view goes
 * to the latest earlier row it matches. `work` counts the comparisons (tests check they stay linear).
 */
export function natViewPrimaries(store: AttemptStore, ids: ArrayLike<number>, work = { comparisons: 0 }): Int32Array {
  const primaryOf = new Int32Array(ids.length).fill(-1);
  const view = store.cursor();
  const earlier = store.cursor();
  const shared = sharedIsns(view, ids);
  if (shared.size === 0) return primaryOf;
  const rowsByIsn = new Map<number, number[]>();
  for (let at = 0; at < ids.length; at++) {
    const isn = view.at(ids[at]).isn;
    if (!shared.has(isn)) continue;
    const rows = rowsByIsn.get(isn) ?? [];
    const first = rows.find((row) => {
      work.comparisons++;
      return isNatViewOf(view, earlier.at(ids[row]));
    });
    if (first !== undefined) {
      primaryOf[at] = first;
      continue;
    }
    rows.unshift(at);
    if (rows.length > NAT_VIEW_CANDIDATES) rows.pop();
    rowsByIsn.set(isn, rows);
  }
  return primaryOf;
}
