/**
 * Where along the path each failure of a row happened, once the server capture has said what it shows:
 * a SYN missing from the server capture that a point on the client's side misses too died before that
 * point (`dropped-at-node`, diagnosis/droppedAtNode.ts); otherwise it was lost between the last point
 * that holds it and the server (`lost-before-server`); an answer that never reached the client vanished
 * between the last point that holds it and the next one towards the client (`reply-lost`).
 */
import type { Attribution } from '../diagnosis/attribution.js';
import type { HopCode, PointName } from '../explain/texts.js';
import { droppedAtNode, type HopSoundness } from '../diagnosis/droppedAtNode.js';
import type { HandshakeAttempt } from '../model.js';
import type { EvidenceJson } from '../report.js';
import type { Texts } from '../explain/texts.js';
import { snatRace } from '../diagnosis/droppedAtNode.js';
import { hopEvidence } from '../diagnosis/locationDiagnosis.js';
import type { FirstSynLoss, SynThere } from './firstSynLoss.js';
import type { PathStep } from './attemptPath.js';
import { replyLossHop, synLossHop, type PathHop } from './pathHops.js';


export interface LocatedHop {
  code: HopCode;
  attemptId: number;
  hop: PathHop;
  /** The two points of `hop`, named for people. */
  lastSeen: PointName;
  missing: PointName;
}

export interface PathLocation {
  attribution: Attribution;
  hop: LocatedHop | null;
}

/** What correlateCaptures asks of the capture points between the client and the server capture. */
export interface PathLocator {
  /** `atServer`: the server capture's attempt matched to the attribution's, or null. */
  locate(attribution: Attribution, atServer: HandshakeAttempt | null): PathLocation;
  /** A passed attempt whose first SYN died between two points on the client's side (firstSynLoss.ts). */
  firstSynDroppedAtNode(id: number): boolean;
  /** For the slow-connect diagnosis: where those first SYNs died, and the SNAT race's signature. */
  slowConnectEvidence(texts: Texts): EvidenceJson[];
}

/** What the points on the client's side show of first SYNs lost there, and of the SYNs that left each point. */
export interface FirstSynFacts {
  losses: readonly FirstSynLoss[];
  /** Per capture: the SYNs of every row it holds, in time order (the first capture's clock), with the server endpoint. */
  leftThere: (capture: number) => readonly SynThere[];
}

/**
 * `clientSideOf`: the points before the server capture for a row id, in path order; `server`: the server
 * capture's point for a row id and its matched attempt (null when the capture did not record the moment).
 */
export function pathLocator(clientSideOf: (id: number) => readonly PathStep[], server: (id: number, seen: HandshakeAttempt | null) => PathStep | null, sound: HopSoundness, captureNames: readonly string[], firstSyns: FirstSynFacts = { losses: [], leftThere: () => [] }): PathLocator {
  const lossOf = new Map(firstSyns.losses.map((loss) => [loss.rowId, loss]));
  const named = (code: HopCode, attemptId: number, hop: PathHop): LocatedHop => ({
    code, attemptId, hop,
    lastSeen: { capture: captureNames[hop.lastSeen.capture], side: hop.lastSeen.side },
    missing: { capture: captureNames[hop.missing.capture], side: hop.missing.side },
  });
  return {
    locate(attribution, seen) {
      const id = attribution.attempt.id;
      const steps = clientSideOf(id);
      const unchanged: PathLocation = { attribution, hop: null };
      if (attribution.cause === 'lost-before-server' || attribution.cause === 'not-covered') {
        const drop = droppedAtNode(steps, sound);
        if (drop) return { attribution: { ...attribution, cause: 'dropped-at-node', confidence: drop.confidence }, hop: named('dropped-at-node', id, drop.hop) };
        const atServer = server(id, seen);
        if (attribution.cause === 'not-covered' || atServer === null) return unchanged;
        const hop = synLossHop([...steps, atServer]);
        return hop ? { attribution, hop: named('lost-before-server', id, hop) } : unchanged;
      }
      if (attribution.cause === 'reply-lost') {
        const atServer = server(id, seen);
        const hop = atServer ? replyLossHop([...steps, atServer]) : null;
        return hop ? { attribution, hop: named('reply-lost', id, hop) } : unchanged;
      }
      return unchanged;
    },
    firstSynDroppedAtNode: (id) => lossOf.has(id),
    slowConnectEvidence(texts) {
      const hopLines = hopEvidence(texts, 'dropped-at-node', firstSyns.losses.map((loss) => named('dropped-at-node', loss.rowId, loss.hop)));
      const races = firstSyns.losses.flatMap((loss) => snatRace(loss, firstSyns.leftThere(loss.hop.missing.capture)) ?? []);
      if (races.length === 0) return hopLines;
      const nearestMs = Math.max(...races.map((race) => race.otherSynMs));
      return [...hopLines, {
        text: texts.snatRaceEvidence(races.length, nearestMs),
        values: { snatRaceAttempts: races.length, otherSynWithinMs: nearestMs, natPortChanged: races.filter((r) => r.natPortChanged).length },
        handshakeIds: races.map((race) => race.rowId),
      }];
    },
  };
}
