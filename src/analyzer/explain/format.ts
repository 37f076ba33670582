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
  const time = new Date(epochSeconds * 1000);
  // A corrupt or crafted timestamp can lie beyond the ±275,760 years a Date holds: show it as it is.
  if (Number.isNaN(time.getTime())) return `${epochSeconds.toFixed(3)} s since 1970`;
  return `${time.toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}

/** Units of a readable duration, per language. */
export interface DurationUnits {
  ms: string;
  s: string;
  min: string;
  h: string;
  days: string;
}

/**
 * A TSval gap as a duration a person can picture: milliseconds while small (the kernel's own unit at
 * 1000 Hz), then seconds, minutes, hours, days — clocks of hosts booted days apart differ by days.
 */
export function readableDuration(ms: number, units: DurationUnits): string {
  const abs = Math.abs(ms);
  if (abs < 10_000) return `${grouped(ms)} ${units.ms}`;
  if (abs < 120_000) return `${grouped(ms / 1000)} ${units.s}`;
  if (abs < 7_200_000) return `${grouped(ms / 60_000)} ${units.min}`;
  if (abs < 172_800_000) return `${(ms / 3_600_000).toFixed(1)} ${units.h}`;
  return `${(ms / 86_400_000).toFixed(1)} ${units.days}`;
}
