/**
 * The diagnoses of an analysis, most useful first: the PAWS verdict, SYNs that met the previous
 * connection of their four-tuple, then where other failures happened, then the informational clock findings.
 */
import type { AddressTranslation } from '../correlation/natTranslation.js';
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import type { Attribution } from './attribution.js';
import { clockDiagnoses } from './clockDiagnosis.js';
import { locationDiagnoses, type PairContext } from './locationDiagnosis.js';
import type { PawsAssessment } from './pawsAssessment.js';
import { pawsDiagnosis } from './pawsDiagnosis.js';
import type { AddressClocks } from './timestampClocks.js';
import type { ListenOverflowFacts } from './listenOverflow.js';
import type { LocatedHop } from '../correlation/pathLocation.js';

export interface DiagnosisInputs {
  texts: Texts;
  attributions: readonly Attribution[];
  assessment: PawsAssessment | null;
  /** Clocks of the capture that shows the shared addresses (the server's, or the only one). */
  clocks: readonly AddressClocks[];
  firstCaptureIds: (id: number) => number | null;
  translations: readonly AddressTranslation[];
  pair: PairContext | null;
  /** Passed attempts that needed a retransmitted SYN (slowConnect.ts), listed after the failures. */
  slowConnect: DiagnosisJson | null;
  /** Servers that answered with SYN cookies (synCookies.ts), listed after the slow connects. */
  synCookies: DiagnosisJson | null;
  /** SYNs answered by an ACK of the previous connection on their four-tuple (timeWaitCollision.ts). */
  timeWaitCollision?: DiagnosisJson | null;
  /** What the server capture shows of full listen queues (listenOverflow.ts). */
  listenOverflows?: readonly ListenOverflowFacts[];
  /** With several capture points: between which two each failure happened (correlation/pathLocation.ts). */
  hops?: readonly LocatedHop[];
}

/** Client capture only: why each shared address is suspected. */
function suspicionLines(inputs: DiagnosisInputs): EvidenceJson[] {
  const shared = new Set(inputs.attributions.filter((a) => a.cause === 'paws-tw-recycle' && a.sharedAddress !== null).map((a) => a.sharedAddress!));
  return inputs.clocks.filter((c) => shared.has(c.address)).map((c) => ({
    text: inputs.texts.pawsSuspicion(c.address, c.clocks.length + c.loneAttemptIds.length, c.pattern === 'per-connection'),
    values: { address: c.address, clocks: c.clocks.length, loneConnections: c.loneAttemptIds.length, pattern: c.pattern },
    handshakeIds: inputs.attributions.filter((a) => a.sharedAddress === c.address).map((a) => a.attempt.id),
  }));
}

export function diagnosisSet(inputs: DiagnosisInputs): DiagnosisJson[] {
  const paws = pawsDiagnosis(inputs.texts, inputs.attributions, inputs.assessment, suspicionLines(inputs));
  return [
    ...(paws ? [paws] : []),
    ...(inputs.timeWaitCollision ? [inputs.timeWaitCollision] : []),
    ...locationDiagnoses(inputs.texts, inputs.attributions, inputs.assessment, inputs.pair, inputs.listenOverflows, inputs.hops),
    ...(inputs.slowConnect ? [inputs.slowConnect] : []),
    ...(inputs.synCookies ? [inputs.synCookies] : []),
    ...clockDiagnoses(inputs.texts, inputs.clocks, inputs.firstCaptureIds, inputs.translations),
  ];
}
