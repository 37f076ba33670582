/**
 * PAWS set against the base rate: a server that drops most SYNs for another reason (a full accept
 * queue) also leaves most of the rule's predicted drops unanswered, so the share of predicted drops that
 * went unanswered proves nothing alone. It is compared with the share of the SYNs the rule lets through
 * that went unanswered, over the same server while a stamp was fresh (the same time span: a stamp
 * counts for 60 s), with a one-sided Fisher's exact test on
 *
 *                     unanswered  answered
 *   predicted drop        a           b
 *   predicted accept      c           d      (only SYNs that met a fresh stamp and passed it)
 */
import { fisherOneSidedGreater, type TwoByTwo } from './fisherExact.js';

export interface PawsBaseRate {
  table: TwoByTwo;
  /** a / (a + b); null without predicted drops. */
  dropUnansweredRate: number | null;
  /** c / (c + d); null when no SYN passed a fresh stamp. */
  acceptUnansweredRate: number | null;
  /** P(a or more) with the margins fixed, if being unanswered did not depend on the prediction. */
  pValue: number;
}

export type BaseRateVerdict =
  /** The predicted drops go unanswered decisively more often than the SYNs the rule accepts, which are mostly answered. */
  | 'decisive'
  /** The SYNs the rule accepts go unanswered too, as often or often enough: another cause drops SYNs. */
  | 'base-rate'
  /** The predictions fit, but too few SYNs to tell them from chance. */
  | 'too-few';

/** Decisive below this p-value. */
export const DECISIVE_P = 0.001;
/** At most this share of the SYNs the rule accepts may go unanswered for PAWS to be blamed. */
export const BASE_RATE_MAX = 0.2;
/** A deterministic drop rule leaves at most this share of its drops answered (a stray retransmission, a clock step). */
const STRAY_ANSWER_SHARE = 0.05;

/** `answered` of `total` SYNs the rule drops is no more than stray answers. */
export function onlyStrayAnswers(answered: number, total: number): boolean {
  return answered <= Math.floor(STRAY_ANSWER_SHARE * total);
}

export function baseRateOf(table: TwoByTwo): PawsBaseRate {
  const drops = table.a + table.b;
  const accepts = table.c + table.d;
  return {
    table,
    dropUnansweredRate: drops === 0 ? null : table.a / drops,
    acceptUnansweredRate: accepts === 0 ? null : table.c / accepts,
    pValue: fisherOneSidedGreater(table),
  };
}

export function baseRateVerdict(rate: PawsBaseRate): BaseRateVerdict {
  const accepted = rate.acceptUnansweredRate;
  if (accepted !== null && accepted > BASE_RATE_MAX) return 'base-rate';
  if (accepted !== null && rate.dropUnansweredRate !== null && rate.dropUnansweredRate <= accepted) return 'base-rate';
  return rate.pValue < DECISIVE_P ? 'decisive' : 'too-few';
}
