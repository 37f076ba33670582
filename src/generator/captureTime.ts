/**
 * Timestamps as the capture writers accept them. Simulations think in float epoch seconds; callers that
 * need exact nanoseconds (byte-exact tests, large epoch values) pass whole seconds and nanoseconds.
 */
export type CaptureTime = number | { sec: number; ns: number };

export interface SplitTime {
  sec: number;
  /** 0 ≤ ns < 1e9 */
  ns: number;
}

export function splitCaptureTime(time: CaptureTime): SplitTime {
  if (typeof time !== 'number') {
    const carry = Math.floor(time.ns / 1e9);
    return { sec: time.sec + carry, ns: time.ns - carry * 1e9 };
  }
  let sec = Math.floor(time);
  // Rounded to whole ns: a double near 1.7e9 s carries ~0.2 µs of noise, ns rounding keeps µs output stable.
  let ns = Math.round((time - sec) * 1e9);
  if (ns >= 1e9) {
    sec += 1;
    ns -= 1e9;
  }
  return { sec, ns };
}

/** Joins chunks into one array, for writers that keep their output in memory. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
