/**
 * One row per connection attempt, wherever it was seen: the attempts of the client-side captures that
 * are one SYN (linked by captureLinks.ts) become one row, shown as the capture nearest the client holds
 * it, and numbered anew in the order of their first SYN (in the first capture's clock).
 */
import { plainRecord } from '../handshakes/storedRecords.js';
import type { HandshakeAttempt } from '../model.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { CaptureClock } from './captureOffsets.js';
import type { CaptureLink } from './captureLinks.js';

export interface PathRow {
  /** The attempt as the capture nearest the client shows it, with the row's id. */
  attempt: HandshakeAttempt;
  /** The capture `attempt` comes from. */
  capture: number;
  /** The row's attempt in each client-side capture that holds it, by capture index. */
  sightings: ReadonlyMap<number, HandshakeAttempt>;
}

const key = (capture: number, id: number) => `${capture}/${id}`;

/**
 * `captures`: every capture; `clientSide`: the indexes of those before the server, nearest the client
 * first; `links`: the links among them.
 */
export function pathRows(captures: readonly CaptureSide[], clientSide: readonly number[], links: readonly CaptureLink[], clocks: ReadonlyArray<CaptureClock | null>): PathRow[] {
  const groups = new Map<string, Map<number, HandshakeAttempt>>();
  for (const capture of clientSide) {
    for (const attempt of captures[capture].handshakes) groups.set(key(capture, attempt.id), new Map([[capture, attempt]]));
  }
  const inSide = new Set(clientSide);
  for (const link of links) {
    if (!inSide.has(link.upstream) || !inSide.has(link.downstream)) continue;
    for (const match of link.matches) {
      const a = groups.get(key(link.upstream, match.client.id))!;
      const b = groups.get(key(link.downstream, match.server.id))!;
      // One attempt per capture in a row: two links that disagree leave the attempts apart.
      if (a === b || [...b.keys()].some((capture) => a.has(capture))) continue;
      for (const [capture, attempt] of b) {
        a.set(capture, attempt);
        groups.set(key(capture, attempt.id), a);
      }
    }
  }
  const place = new Map(clientSide.map((capture, position) => [capture, position]));
  const rows = [...new Set(groups.values())].map((sightings) => {
    const capture = [...sightings.keys()].sort((a, b) => place.get(a)! - place.get(b)!)[0];
    return { capture, sightings, attempt: sightings.get(capture)! };
  });
  const firstSyn = (row: { capture: number; attempt: HandshakeAttempt }) => row.attempt.synTime - (clocks[row.capture]?.offsetMs ?? 0) / 1000;
  rows.sort((a, b) => firstSyn(a) - firstSyn(b) || place.get(a.capture)! - place.get(b.capture)! || a.attempt.id - b.attempt.id);
  return rows.map((row, index) => ({ ...row, attempt: { ...plainRecord(row.attempt), id: index + 1 } }));
}
