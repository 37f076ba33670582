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
  if (attempt.outcome === 'syn-ack-after-give-up' && attempt.synAck !== null) {
    const lastSyn = attempt.syns.filter((syn) => syn.time <= attempt.synAck!.time).at(-1) ?? attempt.syns[0];
    return texts.synAckAfterGiveUpHover(attempt.synAck.time - lastSyn.time);
  }
  return texts.locationHover(attribution.cause, attribution.serverSees);
}

/** By attempt id; a flood's attempts share a few texts, held once each (valuesById.ts). */
export function attemptExplanations(texts: Texts, attributions: readonly Attribution[]): ReadonlyMap<number, string> {
  const explanations = new ValuesById<string>();
  for (const attribution of attributions) explanations.set(attribution.attempt.id, attemptExplanation(texts, attribution));
  return explanations;
}
