/**
 * What a step of the diagnosis costs, for the tools here that docs/limits.md quotes: its time and the
 * memory it leaves held. Needs node's --expose-gc.
 */

function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc');
  return gc;
}

/** The heap and the array buffers (typed arrays are not in heapUsed) after a full collection. */
export function held(): number {
  collector()();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs `run`, printing its time and what it left held as `name: N ms, M MB held`. */
export function timed<T>(name: string, run: () => T): T {
  const before = held();
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  console.log(`${name}: ${ms.toFixed(0)} ms, ${((held() - before) / 1e6).toFixed(1)} MB held`);
  return result;
}
