/** Numbers and times as the explanations print them: the same in both languages. */

/** 4120 → "4,120". */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A count with the English noun that follows it: 1 → "1 SYN", 4120 → "4,120 SYNs". */
export function plural(n: number, one: string, many: string): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** Seconds with at most one decimal: 23 → "23", 59.46 → "59.5". */
export function seconds(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Epoch seconds as whole seconds and rounded microseconds (never 1,000,000: that carries into the second). */
export function wholeAndMicros(epochSeconds: number): { whole: number; micros: number } {
  const whole = Math.floor(epochSeconds);
  const micros = Math.round((epochSeconds - whole) * 1e6);
  return micros === 1e6 ? { whole: whole + 1, micros: 0 } : { whole, micros };
}

/**
 * Epoch seconds as a UTC date and time to `fractionDigits` of a second, or null beyond the ±275,760
 * years a Date holds (a corrupt or crafted timestamp can lie there). The microseconds are rounded,
 * since a double holds them inexactly; fewer digits are cut, as a clock shows them.
 */
function utcDateTime(epochSeconds: number, fractionDigits: 3 | 6): string | null {
  const { whole, micros } = wholeAndMicros(epochSeconds);
  const time = new Date(whole * 1000);
  if (Number.isNaN(time.getTime())) return null;
  const [date, clock] = time.toISOString().split('T');
  return `${date} ${clock.slice(0, 8)}.${String(micros).padStart(6, '0').slice(0, fractionDigits)}`;
}

/** Epoch seconds → `2023-11-14 22:13:20.123456`: UTC with the microseconds an engineer compares captures by. */
export function utcTime(epochSeconds: number): string {
  return utcDateTime(epochSeconds, 6) ?? `${epochSeconds.toFixed(6)} s since 1970`;
}

/** Epoch seconds → "2026-11-02 09:00:05.123 UTC", as the explanations print them. */
export function captureTime(epochSeconds: number): string {
  const time = utcDateTime(epochSeconds, 3);
  return time === null ? `${epochSeconds.toFixed(3)} s since 1970` : `${time} UTC`;
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

/** A share of 0..1 as a whole percentage: 0.904 → "90 %"; null (nothing to divide) → "–". */
export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

/** A p-value with two significant digits: 0.00058 → "0.00058", 7.2e-10 → "7.2e-10", below a double → "< 1e-300". */
export function probability(p: number): string {
  if (p === 0) return '< 1e-300';
  return p >= 0.0001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

/** Items a sentence names before it counts the rest: a scan's diagnosis is about millions of servers. */
export const NAMED_ITEMS = 5;

/**
 * `items` joined by `separator`, or past NAMED_ITEMS the first three and `rest` of how many more there
 * are and how many in all.
 */
export function namedList(items: readonly string[], separator: string, rest: (more: string, all: string) => string): string {
  if (items.length <= NAMED_ITEMS) return items.join(separator);
  const named = NAMED_ITEMS - 2;
  return `${items.slice(0, named).join(separator)}${rest(grouped(items.length - named), grouped(items.length))}`;
}

/** Servers named in an English sentence: `a, b, c and 997 other servers`. */
export function serversNamed(servers: readonly string[]): string {
  return namedList(servers, ', ', (more) => ` and ${more} other servers`);
}

/** Servers named in a Chinese sentence: `a、b、c 等 1,000 个服务器`. */
export function serversNamedZh(servers: readonly string[]): string {
  return namedList(servers, '、', (_more, all) => ` 等 ${all} 个服务器`);
}
