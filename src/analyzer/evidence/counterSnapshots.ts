/**
 * Readings of one file split into snapshots: a file may hold several pastes of `netstat -s` or `nstat`
 * (before and after), and a counter seen again starts the next one. Each snapshot is one moment of one
 * host's counters.
 */
import type { CounterId } from './counterCatalog.js';
import type { CounterReading } from './counterReadings.js';

export type CounterSnapshot = ReadonlyMap<CounterId, CounterReading>;

/** Consecutive readings until a counter repeats. */
export function snapshots(readings: readonly CounterReading[]): CounterSnapshot[] {
  const all: CounterSnapshot[] = [];
  let current = new Map<CounterId, CounterReading>();
  for (const reading of readings) {
    if (current.has(reading.id)) {
      all.push(current);
      current = new Map();
    }
    current.set(reading.id, reading);
  }
  if (current.size > 0) all.push(current);
  return all;
}
