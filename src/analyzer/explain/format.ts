/** Numbers and times as the explanations print them: the same in both languages. */

/** 4120 → "4,120". */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Seconds with at most one decimal: 23 → "23", 59.46 → "59.5". */
export function seconds(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Epoch seconds → "2026-11-02 09:00:05.123 UTC". */
export function captureTime(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}
