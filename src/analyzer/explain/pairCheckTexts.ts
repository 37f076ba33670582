/**
 * The sentences of the checks that two captures are of the same traffic, before anything is located:
 * a member of `Texts`, implemented per language in pairCheckEn.ts and pairCheckZhCn.ts.
 */

/** Passed client attempts the server capture should show, and how many it does. */
export interface CorrespondenceFacts {
  passed: number;
  found: number;
  /** The server capture's span, in the client capture's clock. */
  coveredFrom: number;
  coveredTo: number;
}

/** Attempts matched on destination port, TSval and time whose ISNs differ. */
export interface IsnRewriteFacts {
  pairs: number;
  /** Distinct ISN deltas (server ISN − client ISN, mod 2³²): one per pair when each connection gets its own. */
  distinctDeltas: number;
  /** Pairs matched on the ISN itself (the device left those alone, or they took another path). */
  unchangedPairs: number;
}

export interface IsnRewritePairFacts {
  client: string;
  serverSees: string;
  clientIsn: number;
  serverIsn: number;
  delta: number;
  tsval: number;
  offsetMs: number;
}

/** Recorded spans of two captures that do not overlap. */
export interface OverlapFacts {
  clientFrom: number;
  clientTo: number;
  serverFrom: number;
  serverTo: number;
  gapSeconds: number;
  /** The offset that matched attempts show (null: nothing matched). */
  offsetMs: number | null;
}

/** Attempts of each capture by where their timing says the capture was taken. */
export interface VantageFacts {
  clientCaptureAtClient: number;
  clientCaptureAtServer: number;
  serverCaptureAtClient: number;
  serverCaptureAtServer: number;
}

export interface PairCheckTexts {
  notCorrespondingTitle(f: CorrespondenceFacts): string;
  notCorrespondingExplanation: string;
  notCorrespondingEvidence(f: CorrespondenceFacts): string;
  notCorrespondingFix: string;

  isnRewrittenTitle(f: IsnRewriteFacts): string;
  isnRewrittenExplanation: string;
  isnRewrittenEvidence(f: IsnRewriteFacts): string;
  isnRewrittenPair(p: IsnRewritePairFacts): string;

  noOverlapTitle(f: OverlapFacts): string;
  noOverlapExplanation(matched: boolean): string;
  noOverlapEvidence(f: OverlapFacts): string;

  /** The server capture misses passed attempts of its span too: a missing SYN is less telling. */
  passedMissing(missing: number, passed: number): string;
  /** No passed attempt inside the server capture's span: nothing shows that it holds the client's traffic. */
  correspondenceUnverified: string;
  /** The server capture's own statistics (pcapng) say it dropped packets: a missing SYN is less telling. */
  serverCaptureDropped(dropped: number): string;

  rolesReversedTitle: string;
  rolesReversedExplanation: string;
  rolesReversedEvidence(f: VantageFacts): string;
}
