/**
 * The rows of a capture still being read: the attempts decided so far (analyzer/partialAnalysis.ts),
 * without causes, which the diagnosis gives at the end, then, while the capture is followed as it is
 * written, those still pending (`pending: true` rows). A new view per snapshot; the final analysis
 * replaces the last one.
 */
import { handshakeJson } from '../analyzer/buildReport.js';
import type { HandshakeAttempt } from '../analyzer/model.js';
import type { PartialAnalysis } from '../analyzer/partialAnalysis.js';
import type { HandshakeJson } from '../analyzer/report.js';
import type { AttemptRows } from './attemptRows.js';

const NO_EXPLANATIONS: ReadonlyMap<number, string> = new Map();

export class PartialView implements AttemptRows {
  readonly inIdOrder = false;
  readonly inTimeOrder = false;
  readonly timesRise = false;
  readonly vantage = 'client';
  readonly explanations = NO_EXPLANATIONS;

  constructor(readonly partial: PartialAnalysis) {}

  get attemptCount(): number {
    return this.partial.decided.length + this.partial.pending.length;
  }

  attemptAt(index: number): HandshakeAttempt {
    const { decided, pending } = this.partial;
    return index < decided.length ? decided.at(index)! : pending[index - decided.length];
  }

  findingAt(): undefined {
    return undefined;
  }

  causeAt(): null {
    return null;
  }

  /** A linear search: asked once per selected row, where a map per snapshot would cost memory on every one. */
  indexOf(id: number): number | undefined {
    for (let index = 0; index < this.attemptCount; index++) if (this.attemptAt(index).id === id) return index;
    return undefined;
  }

  attemptById(id: number): HandshakeAttempt | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.attemptAt(index);
  }

  rowAt(index: number): HandshakeJson {
    const row = handshakeJson(this.attemptAt(index), undefined);
    return index < this.partial.decided.length ? row : { ...row, pending: true };
  }
}
