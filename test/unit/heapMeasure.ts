/** Heap measurements for the resource-limit tests, with a real collection before each reading. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's gc(), reachable without starting node with --expose-gc. */
export const collectGarbage = runInNewContext('gc') as () => void;

/** Live heap plus array buffers: what an allocation sized by a length field would show up in. */
export function liveBytes(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs `work` and returns its result with the growth of live memory that it kept or allocated at the end. */
export function growthOf<T>(work: () => T): { result: T; growth: number } {
  const before = liveBytes();
  const result = work();
  return { result, growth: liveBytes() - before };
}
