/**
 * Every sentence the diagnoses show, as one interface that each language implements in full: a missing
 * translation is a type error, not a blank in the user's report.
 */
import type { CannotJudgeReason, PawsCounts } from '../diagnosis/pawsAssessment.js';
import type { PawsBaseRate } from '../diagnosis/pawsBaseRate.js';
import type { KernelVariant } from '../diagnosis/pawsVariant.js';
import type { DiagnosisCode } from '../model.js';
import type { PairCheckTexts } from './pairCheckTexts.js';
import type { RuledOutTexts } from './ruledOutTexts.js';
import type { EvidenceTexts } from './evidenceTexts.js';
import type { SlowConnectTexts } from './slowConnectTexts.js';
import type { SynCookieTexts } from './synCookieTexts.js';
import type { TimeWaitTexts } from './timeWaitTexts.js';

/** The PAWS decision on one SYN, with what it was measured against. */
export interface PawsSynFacts {
  /** The client as the first capture shows it, and as the server saw it (after NAT). */
  client: string;
  serverSees: string;
  time: number;
  /** null: the SYN had no timestamp option. */
  synTsval: number | null;
  stampTsval: number;
  /** How far behind the stamp, in TSval ticks and in milliseconds of the SYN's clock (null without TSval). */
  behindTicks: number | null;
  behindMs: number | null;
  /** Stamp age at the SYN, seconds (capture clock). */
  ageSeconds: number;
  /** The earlier connection whose close set the stamp: the client as the server saw it, and when. */
  stampFrom: string;
  stampCloseTime: number;
  nearBoundary: boolean;
}

/** The replay's counts, as the assessment made them. */
export type PawsCountFacts = PawsCounts;

export interface ClockFacts {
  rateHz: number;
  connections: number;
  firstTsval: number;
  firstTime: number;
  lastTime: number;
}

/** The diagnoses about the pairing of two captures rather than about their traffic. */
export type PairCheckCode = 'captures-do-not-correspond' | 'isn-rewritten' | 'captures-do-not-overlap' | 'capture-roles-reversed';

/** The causes that say where a failure happened rather than why. */
export type LocationCode = Exclude<DiagnosisCode, 'paws-tw-recycle' | 'nat-multiple-clocks' | 'slow-connect' | 'syn-cookies' | 'time-wait-collision' | PairCheckCode>;

/** A capture point named for people: the capture's file, and the side of the NAT in a capture that holds both. */
export interface PointName {
  capture: string;
  side: 'before-nat' | 'after-nat' | null;
}

/** The failures located between two capture points (correlation/pathLocation.ts). */
export type HopCode = 'dropped-at-node' | 'lost-before-server' | 'reply-lost';

export interface LocationFacts {
  /** Failed handshakes with this cause. */
  count: number;
  /** The server endpoints involved. */
  servers: string[];
  /** Server capture span (pair only). */
  coveredFrom: number | null;
  coveredTo: number | null;
}

export interface Texts {
  pawsTitle(failed: number, server: string, suspected: boolean): string;
  pawsExplanation(suspected: boolean): string;
  /** `clientTimestampsHelp`: turning off timestamps on the clients would stop these drops too (not on 3.17+ with drops of SYNs without timestamps). */
  pawsFix(clientTimestampsHelp: boolean): string;
  pawsCounts(counts: PawsCountFacts): string;
  /** The 2×2 table against the base rate and its Fisher test. */
  pawsBaseRate(rate: PawsBaseRate): string;
  /** Which kernel rule the SYNs without timestamps fit. */
  pawsKernelRule(variant: KernelVariant): string;
  /** SYNs the check never saw (TIME-WAIT, SYN cookie) or whose TSval the snapshot cut. */
  pawsNotChecked(timeWait: number, synCookie: number, tsvalCut: number): string;
  /** For `dropped-at-server`: the replay found no drops of its own among these SYNs. */
  pawsNotPredicted: string;
  /** For `dropped-at-server`: the SYNs the rule accepts go unanswered as often; another cause. */
  pawsBaseRateRuledOut(rate: PawsBaseRate): string;
  /** For `dropped-at-server`: the timestamp check cannot be judged from this capture, and why. */
  pawsCannotJudge(reason: CannotJudgeReason, rate: PawsBaseRate): string;
  pawsSyn(facts: PawsSynFacts): string;
  pawsBoundary(decisions: number): string;
  pawsBeforeFirstStamp(syns: number): string;
  pawsMore(more: number): string;
  /** Client capture only: why PAWS is suspected for these failures. */
  pawsSuspicion(address: string, clocks: number, perConnection: boolean): string;
  /** Hover text of one attempt the rule explains. */
  pawsHover(facts: PawsSynFacts): string;
  pawsSuspectedHover(address: string): string;
  /** Predicted-drop SYNs were answered: the rule is not in force. */
  twRecycleOff(answered: number, predicted: number): string;

  clocksTitle(address: string, clocks: number, lone: number): string;
  clocksPerConnectionTitle(address: string, connections: number): string;
  clocksExplanation: string;
  clocksPerConnectionExplanation: string;
  clockLine(address: string, index: number, clock: ClockFacts): string;
  loneConnections(count: number): string;
  natMapping(serverSees: string, clients: Array<{ address: string; attempts: number }>, portsRewritten: number): string;

  locationTitle(code: LocationCode, facts: LocationFacts): string;
  locationExplanation(code: LocationCode): string;
  locationEvidence(code: LocationCode, facts: LocationFacts): string;
  /** What to check next; null where there is nothing to change. */
  locationFix(code: LocationCode): string | null;
  locationHover(code: LocationCode, serverSees: string | null): string;
  clockOffset(medianMs: number, spreadMs: number, pairs: number): string;
  /** With several capture points: `attempts` SYNs (for `reply-lost`: answers) last seen at `lastSeen` and missing from `missing`, the next point. */
  hopEvidence(code: HopCode, lastSeen: PointName, missing: PointName, attempts: number): string;
  /** First SYNs lost at a node while another attempt's SYN to the same destination left within `withinMs`, retransmitted with another NAT port: the conntrack SNAT race. */
  snatRaceEvidence(attempts: number, withinMs: number): string;
  /** A point in the text report's path line: the capture's name, with its side of the NAT. */
  pointLabel(point: PointName): string;

  /** Whether two captures are of the same traffic (correlation/captureCorrespondence.ts and its neighbours). */
  pairChecks: PairCheckTexts;
  /** Hover of a `reply-lost` attempt whose only SYN-ACK came after the client had given up (outcome syn-ack-after-give-up). */
  synAckAfterGiveUpHover(silenceSeconds: number): string;
  /** Connections that passed only after SYN retransmissions (diagnosis/slowConnect.ts). */
  slowConnect: SlowConnectTexts;
  /** What would rule each diagnosis out (ruledOutTexts.ts). */
  ruledOut: RuledOutTexts;
  /** Servers that answered SYNs with SYN cookies (diagnosis/synCookies.ts). */
  synCookies: SynCookieTexts;
  /** Counters, settings and listeners of evidence files quoted in diagnoses (evidence/weighEvidence.ts). */
  evidence: EvidenceTexts;
  /** SYNs answered by an ACK of the previous connection on their four-tuple (diagnosis/timeWaitCollision.ts). */
  timeWait: TimeWaitTexts;
  /** `listen-overflow` (diagnosis/listenOverflow.ts): at one server, dropped attempts, the not-accepted handshakes pending then, the most at one drop. */
  listenOverflowEvidence(server: string, drops: number, notAccepted: number, mostPending: number): string;
}
