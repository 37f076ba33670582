/**
 * The order of the capture points along the path, from the links between them (captureLinks.ts): each
 * capture's place is the longest chain of links that leads to it, so captures of several pods (which
 * share no attempt) stand side by side before the node's, and the node's before the server's. The server
 * capture is the one named (`--server`), or else the last point of the longest chains: the one reached
 * from the most captures, and of equals the one given last.
 */
import type { CaptureLink } from './captureLinks.js';

export interface PathOrder {
  /** Capture indexes nearest the client first; captures side by side (two pods) in the order given. */
  order: number[];
  /** The capture taken at the server. */
  server: number;
  /** Per capture: the captures that lie after it on its attempts' way to the server. */
  downstreamOf: ReadonlyArray<ReadonlySet<number>>;
  links: readonly CaptureLink[];
}

/** Links followed from each capture to every capture after it; a contradiction (a cycle) is walked at most `count` steps. */
function reachable(count: number, links: readonly CaptureLink[]): Set<number>[] {
  const next = Array.from({ length: count }, () => [] as number[]);
  for (const link of links) next[link.upstream].push(link.downstream);
  return next.map((_, start) => {
    const seen = new Set<number>();
    const queue = [...next[start]];
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (at === start || seen.has(at)) continue;
      seen.add(at);
      queue.push(...next[at]);
    }
    return seen;
  });
}

/** The longest chain of links leading to each capture, bounded by the number of captures. */
function depths(count: number, links: readonly CaptureLink[]): number[] {
  const depth = new Array<number>(count).fill(0);
  for (let round = 0; round < count; round++) {
    for (const { upstream, downstream } of links) depth[downstream] = Math.max(depth[downstream], Math.min(count, depth[upstream] + 1));
  }
  return depth;
}

export function orderCaptures(count: number, links: readonly CaptureLink[], namedServer: number | null): PathOrder {
  const downstreamOf = reachable(count, links);
  const depth = depths(count, links);
  const reachedFrom = (capture: number) => downstreamOf.filter((after, from) => from !== capture && after.has(capture)).length;
  let server = namedServer;
  if (server === null) {
    server = count - 1;
    for (let capture = count - 1; capture >= 0; capture--) {
      if (downstreamOf[capture].size === 0 && reachedFrom(capture) > reachedFrom(server)) server = capture;
    }
  }
  const place = (capture: number) => (capture === server ? count + 1 : depth[capture]);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => place(a) - place(b) || a - b);
  return { order, server, downstreamOf, links };
}
