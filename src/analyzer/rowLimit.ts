/** How many connection attempts of a capture are listed as rows (the tracker counts the rest). */

/**
 * Attempts kept as records by default: a flood or a scan is what people capture when something failed at
 * scale, so its attempts are listed. About 1.3 KB each at the peak of the analysis (docs/limits.md), so
 * 10,000,000 of them need a machine with some 13 GB to spare; `--max-rows` and `handshakeLens.maxRows`
 * lower it.
 */
export const DEFAULT_ROW_LIMIT = 10_000_000;

/** A row limit as a setting gives it (any JSON value): a positive whole number, else the default. */
export function rowLimitSetting(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : DEFAULT_ROW_LIMIT;
}
