/**
 * The sentences of the `slow-connect` diagnosis (diagnosis/slowConnect.ts): a member of `Texts`,
 * implemented per language in slowConnectEn.ts and slowConnectZhCn.ts.
 */
import type { SynSchedule } from '../handshakes/synSchedule.js';

/** What dropped the first SYNs of a group of slow connects, as far as the captures show it. */
export type SlowConnectGroup = 'time-wait-collision' | 'paws-tw-recycle' | 'dropped-at-server' | 'reply-lost' | 'dropped-at-node' | 'lost-before-server' | 'unlocated';

/** Where the latencies were measured: at the client (first SYN → SYN-ACK) or at the server (first SYN → the client's ACK). */
export type LatencyVantage = 'client' | 'server';

export interface SlowGroupFacts {
  group: SlowConnectGroup;
  count: number;
  /** The schedule most of the group's SYNs followed; null when none of them had two SYNs before the answer in this capture. */
  schedule: SynSchedule | null;
}

export interface LatencyFacts {
  server: string;
  passed: number;
  slow: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Below a second in milliseconds (a healthy connect's few), above it in seconds with the language's unit (a retransmission's). */
export function latencyText(ms: number, secondsUnit: string): string {
  return ms < 1000 ? `${Number(ms.toPrecision(2))} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} ${secondsUnit}`;
}

export interface SlowConnectTexts {
  title(slow: number, maxMs: number): string;
  explanation(vantage: LatencyVantage): string;
  group(facts: SlowGroupFacts): string;
  latency(facts: LatencyFacts, vantage: LatencyVantage): string;
  /** What to change for one group; the diagnosis's fix joins those of its groups. */
  fix(group: SlowConnectGroup): string;
}
