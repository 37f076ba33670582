/**
 * For every diagnosis, what would rule it out: the observation that separates it from the causes that
 * look like it. The analysis checks each before it names the cause (the rule is in the diagnosis's own
 * file); the sentence tells the reader what was checked and what a second look should seek. For the
 * codes that are not causes (`not-covered`, `unlocated`), what would decide.
 */
import type { DiagnosisCode } from '../model.js';

export type RuledOutTexts = Record<DiagnosisCode, string>;
