/**
 * Passed attempts whose first SYN died between two capture points on the client's side, while a
 * retransmission got through: the slow connects a node caused. Found from the SYN pairs of the link
 * between the two captures (the first SYN of the earlier one is paired with none of the later one's),
 * between captures of one side of a NAT each (in a capture of both sides the views' SYNs are folded
 * together, so which transmission left is not known there).
 */
import { endpointText, type HandshakeAttempt } from '../model.js';
import type { AttemptMatch } from './attemptMatching.js';
import type { PathCapture, PathStep } from './attemptPath.js';
import type { CaptureClock } from './captureOffsets.js';
import type { CaptureLink } from './captureLinks.js';
import type { PathHop } from './pathHops.js';
import type { PathRow } from './pathRows.js';

export interface FirstSynLoss {
  rowId: number;
  hop: PathHop;
  /** The lost SYN's time, in the first capture's clock. */
  lostAt: number;
  /** The attempt as the point before the loss and the point after it show it. */
  before: HandshakeAttempt;
  after: HandshakeAttempt;
}

export function firstSynLosses(rows: readonly PathRow[], links: readonly CaptureLink[], captures: readonly PathCapture[], clocks: ReadonlyArray<CaptureClock | null>, stepsOf: (id: number) => readonly PathStep[]): FirstSynLoss[] {
  const losses: FirstSynLoss[] = [];
  // Each link's matches by the earlier capture's attempt, built once: a row looks its own up.
  const byLink = new Map<CaptureLink, Map<HandshakeAttempt, AttemptMatch>>();
  const matchOf = (link: CaptureLink | undefined, attempt: HandshakeAttempt) => {
    if (link === undefined) return undefined;
    const matches = byLink.get(link) ?? new Map(link.matches.map((m) => [m.client, m]));
    byLink.set(link, matches);
    return matches.get(attempt);
  };
  for (const row of rows) {
    if (row.attempt.verdict !== 'pass' || row.attempt.syns.length < 2) continue;
    const steps = stepsOf(row.attempt.id).filter((s) => s.seen && s.side === null);
    for (let at = 1; at < steps.length; at++) {
      const [from, to] = [steps[at - 1].capture, steps[at].capture];
      const before = row.sightings.get(from)!;
      const after = row.sightings.get(to)!;
      // Nothing lost before `from`: it holds every SYN the client sent that the row's first point holds.
      if (before.syns.length !== row.attempt.syns.length || captures[from].afterNatAddresses.size > 0) break;
      const match = matchOf(links.find((l) => l.upstream === from && l.downstream === to), before);
      if (match === undefined) break;
      if (!match.synPairs.some((p) => p.clientIndex === 0)) {
        losses.push({ rowId: row.attempt.id, hop: { lastSeen: { capture: from, side: null }, missing: { capture: to, side: null } }, lostAt: before.syns[0].time - (clocks[from]?.offsetMs ?? 0) / 1000, before, after });
        break;
      }
    }
  }
  return losses;
}

/** A SYN of a row as one capture point holds it: the time in the first capture's clock, and where it went. */
export interface SynThere {
  rowId: number;
  time: number;
  server: string;
}

/** Per capture, every SYN of the rows it holds, in time order; built once per capture, when first asked for. */
export function synsAtEachCapture(rows: readonly PathRow[], clocks: ReadonlyArray<CaptureClock | null>): (capture: number) => readonly SynThere[] {
  const built = new Map<number, SynThere[]>();
  return (capture) => {
    const cached = built.get(capture);
    if (cached) return cached;
    const shift = (clocks[capture]?.offsetMs ?? 0) / 1000;
    const syns = rows.flatMap((row) => {
      const there = row.sightings.get(capture);
      return there ? there.syns.map((syn) => ({ rowId: row.attempt.id, time: syn.time - shift, server: endpointText(there.server) })) : [];
    }).sort((a, b) => a.time - b.time);
    built.set(capture, syns);
    return syns;
  };
}
