/** Warning codes that front ends act on (the others they only show). */

/** The user stopped the analysis; what was read before is the result. */
export const CANCELLED_WARNING = 'analysis-cancelled';

/** The user stopped the diagnosis: the attempts are listed without their causes. */
export const DIAGNOSIS_CANCELLED_WARNING = 'diagnosis-cancelled';

/** Between two files of a capture set: time neither recorded, or files that overlap in time. */
export const CAPTURE_GAP_WARNING = 'capture-gap';
export const CAPTURE_OVERLAP_WARNING = 'capture-overlap';

/** Whether a capture's warnings hold one of `code` (the analysis or its diagnosis was cancelled, say). */
export function hasWarning(warnings: readonly { code: string }[], code: string): boolean {
  return warnings.some((warning) => warning.code === code);
}
