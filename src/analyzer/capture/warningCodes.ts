/** Warning codes that front ends act on (the others they only show). */

/** The user stopped the analysis; what was read before is the result. */
export const CANCELLED_WARNING = 'analysis-cancelled';
