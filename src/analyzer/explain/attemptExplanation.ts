/** The one-line explanation of an attempt's cause, for hovers and tooltips. */
import type { Attribution } from '../diagnosis/attribution.js';
import type { Texts } from './texts.js';
import { ValuesById } from '../diagnosis/valuesById.js';

export function attemptExplanation(texts: Texts, attribution: Attribution): string {
  if (attribution.cause === 'paws-tw-recycle') {
    if (attribution.paws) return texts.pawsHover(attribution.paws);
    return texts.pawsSuspectedHover(attribution.sharedAddress ?? attribution.attempt.client.address);
  }
  if (attribution.cause === 'nat-multiple-clocks') return '';
  if (attribution.cause === 'time-wait-collision') return texts.timeWait.hover(attribution.serverSees);
  const { attempt } = attribution;
  // The SYN-ACK first: without one (a flood's every attempt) a stored record's outcome is not judged.
  if (attempt.synAck !== null && attempt.outcome === 'syn-ack-after-give-up') {
    const lastSyn = attempt.syns.filter((syn) => syn.time <= attempt.synAck!.time).at(-1) ?? attempt.syns[0];
    return texts.synAckAfterGiveUpHover(attempt.synAck.time - lastSyn.time);
  }
  return texts.locationHover(attribution.cause, attribution.serverSees);
}

/** By attempt id; a flood's attempts share a few texts, held once each (valuesById.ts). */
export function attemptExplanations(texts: Texts, attributions: readonly Attribution[]): ReadonlyMap<number, string> {
  const explanations = new ValuesById<string>();
  // The hover of a cause no server capture placed depends on the cause alone: made once per cause, not
  // per attempt (a flood's ten million attempts have one or two).
  const located = new Map<string, string>();
  const hoverOf = (attribution: Attribution): string => {
    let hover = located.get(attribution.cause);
    if (hover === undefined) located.set(attribution.cause, (hover = attemptExplanation(texts, attribution)));
    return hover;
  };
  for (const attribution of attributions) {
    const byCauseAlone = attribution.serverSees === null && !CAUSES_WITH_OWN_HOVERS.has(attribution.cause) && attribution.attempt.synAck === null;
    explanations.set(attribution.attempt.id, byCauseAlone ? hoverOf(attribution) : attemptExplanation(texts, attribution));
  }
  return explanations;
}

/** Causes whose hover reads more of the attribution than its cause and the server's view. */
const CAUSES_WITH_OWN_HOVERS: ReadonlySet<string> = new Set(['paws-tw-recycle', 'nat-multiple-clocks', 'time-wait-collision']);
