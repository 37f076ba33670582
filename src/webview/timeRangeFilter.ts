/**
 * A time range chosen on the chart, as the filter expression the table applies (docs/filters.md):
 * `time >= A && time <= B` in epoch seconds to the microsecond, the capture's own resolution. The range
 * is read back from the expression, so the chart's band always shows the filter the table has, after a
 * reload too, and a hand-typed expression of that shape shows its band as well.
 */

export interface TimeRange {
  from: number;
  to: number;
}

export function timeRangeExpression(range: TimeRange): string {
  const from = Math.min(range.from, range.to);
  const to = Math.max(range.from, range.to);
  // Outwards to the microsecond: a SYN at the edge of the band stays inside it.
  return `time >= ${(Math.floor(from * 1e6) / 1e6).toFixed(6)} && time <= ${(Math.ceil(to * 1e6) / 1e6).toFixed(6)}`;
}

const RANGE = /^\s*time\s*>=\s*(\d+(?:\.\d+)?)\s*(?:&&|and)\s*time\s*<=\s*(\d+(?:\.\d+)?)\s*$/i;

/** The range an expression is, or null when it is anything else. */
export function parseTimeRange(expression: string | undefined): TimeRange | null {
  const match = expression === undefined ? null : RANGE.exec(expression);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return Number.isFinite(from) && Number.isFinite(to) && from <= to ? { from, to } : null;
}
