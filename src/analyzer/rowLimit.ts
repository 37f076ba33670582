/** How many connection attempts of a capture are listed as rows (the tracker counts the rest). */

/**
 * Attempts kept as records by default: a flood or a scan is what people capture when something failed at
 * scale, so its attempts are listed. About 0.7 KB each at the peak of the analysis and 0.55 KB held
 * after it (docs/limits.md), so 10,000,000 of them need some 7 GB and a heap limit raised past V8's
 * default; `--max-rows` and `handshakeLens.maxRows` lower it.
 */
export const DEFAULT_ROW_LIMIT = 10_000_000;

/** A row limit as a setting gives it (any JSON value): a positive whole number, else the default. */
export function rowLimitSetting(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : DEFAULT_ROW_LIMIT;
}
