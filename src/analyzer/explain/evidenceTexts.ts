/**
 * The sentences that quote evidence files (counters, settings, listeners) in a diagnosis, and the
 * messages about the files themselves: a member of `Texts`, implemented per language in evidenceEn.ts
 * and evidenceZhCn.ts.
 */
import type { EvidenceSaying } from '../evidence/causeEvidence.js';
import type { ObservationSpan } from '../evidence/counterObservations.js';
import type { EvidenceRejection } from '../evidence/evidenceFile.js';

export interface QuotedCounter {
  name: string;
  value: number;
  /** conntrack -S: the count per CPU. */
  perCpu: readonly { cpu: number; value: number }[] | null;
}

/** The counters a row quotes and where they come from. */
export interface CounterQuote {
  /** Those that grew, then those quoted beside them. */
  counted: readonly QuotedCounter[];
  /** Those that stayed at 0; `absent`: the kernel has no such counter (the reading lists every other one). */
  zero: readonly { name: string; absent: boolean }[];
  span: ObservationSpan;
  file: string;
  fromFile: string | null;
}

export interface SettingQuote {
  key: string;
  /** null: absent from the file. */
  value: string | null;
  /** kernel.osrelease, when the file shows it. */
  kernel: string | null;
  file: string;
}

export interface ListenerQuote {
  ports: readonly number[];
  /** The LISTEN socket on one of the ports; null when there is none. */
  socket: { address: string; port: number; recvQ: number; sendQ: number; process: string | null } | null;
  file: string;
}

export interface EvidenceTexts {
  counterLine(quote: CounterQuote, says: EvidenceSaying): string;
  settingLine(quote: SettingQuote, says: EvidenceSaying): string;
  listenerLine(quote: ListenerQuote, says: EvidenceSaying): string;
  /** A counter that went down between two snapshots: not subtracted. */
  wentDown(name: string, before: number, after: number, fromFile: string, file: string): string;
  /** Appended to a line whose counters count since boot: they may have grown before the capture. */
  sinceBootOnly: string;
  /** The confidence the captures gave, and what the evidence made of it. */
  confidenceMoved(from: string, to: string): string;
  /** A file that is none of the kinds, or too large: the analysis goes on without it. */
  rejected(rejection: EvidenceRejection): string;
  /** A file whose host is neither given nor in its name: quoted, weighed for nothing. */
  unknownHost(path: string): string;
}
