/** How many connection attempts of a capture are listed as rows (the tracker counts the rest). */

/**
 * Attempts kept as records by default: a flood or a scan is what people capture when something failed at
 * scale, so its attempts are listed. From a million of them the records are the tracker's rows
 * (handshakes/storedRecords.ts), about 128 bytes an attempt held and 1.7 GB of resident memory at the
 * peak for 10,000,000 SYN-only attempts (docs/limits.md); `--max-rows` and `handshakeLens.maxRows` lower it.
 */
export const DEFAULT_ROW_LIMIT = 10_000_000;

/** A row limit as a setting gives it (any JSON value): a positive whole number, else the default. */
export function rowLimitSetting(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : DEFAULT_ROW_LIMIT;
}
