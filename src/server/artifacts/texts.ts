/**
 * Every sentence the artifact diagnostics and hovers show, as one interface each language implements in
 * full: a missing translation is a type error. The languages are the analyzer's (`Lang`).
 */
import type { Lang } from '../../analyzer/explain/language.js';
import type { CounterId } from '../../analyzer/evidence/counterCatalog.js';
import type { SysctlKeyId } from './sysctlKeys.js';

export type { Lang };

/** What a hover says about one sysctl key. */
export interface SysctlKeyText {
  /** What the key does. */
  summary: string;
  /** Its default, as the kernel (or the usual distribution) sets it. */
  defaultValue: string;
  /** How it shows up in failed or slow handshakes. */
  handshakes: string;
}

export interface SysctlTexts {
  /** tcp_tw_recycle on; `timestampsLine` is the 1-based line turning timestamps on, null when by default. */
  twRecycleEnabled(value: string, timestampsLine: number | null): string;
  /** tcp_tw_recycle on while tcp_timestamps = 0 (1-based line) disarms it. */
  twRecycleWithoutTimestamps(value: string, timestampsLine: number): string;
  /** The key was removed in Linux 4.12; `ignoreErrors`: the line has the `-` prefix. */
  twRecycleRemoved(ignoreErrors: boolean): string;
  /** tcp_timestamps on, with tcp_tw_recycle on at this 1-based line. */
  timestampsFeedTwRecycle(twRecycleLine: number): string;
  fixSetToZero(key: string): string;
  fixRemoveLine(key: string): string;
  keys: Record<SysctlKeyId, SysctlKeyText>;
  defaultLabel: string;
  valueHereLabel: string;
  handshakesLabel: string;
}

/** How far back a reading counts: netstat -s and /proc since boot, nstat since its previous run (or boot with -a). */
export type CounterSpan = 'since-boot' | 'nstat';

/** ListenDrops with the counters that explain it; null when the reading does not show that counter. */
export interface ListenDropFacts {
  drops: number;
  overflows: number | null;
  paws: number | null;
  span: CounterSpan;
}

/** What an open capture of the same host shows. */
export interface CaptureFacts {
  captureName?: string;
  unansweredSyns?: number;
  pawsPredictedDrops?: number;
}

/** What a hover says about one counter. */
export interface CounterText {
  summary: string;
  handshakes: string;
}

export interface CounterTexts {
  pawsPassive(count: number, span: CounterSpan): string;
  pawsActive(count: number): string;
  pawsEstablished(count: number): string;
  /** ListenDrops far above ListenOverflows, with PAWSPassive > 0. */
  listenDropsPaws(facts: ListenDropFacts): string;
  /** ListenDrops about equal to ListenOverflows. */
  listenDropsOverflow(facts: ListenDropFacts): string;
  /** ListenDrops that neither overflows nor timestamps account for. */
  listenDropsOther(facts: ListenDropFacts): string;
  listenOverflows(count: number): string;
  synQueueFullDrop(count: number): string;
  syncookiesSent(count: number): string;
  syncookiesFailed(count: number): string;
  backlogDrop(count: number): string;
  noRoute(count: number): string;
  rpFilterDrop(count: number): string;
  timeWaitOverflow(count: number): string;
  counters: Record<CounterId, CounterText>;
  /** A hover's note on what the number counts. */
  spanNote: Record<CounterSpan, string>;
  /** The sentence relating a SYN-drop counter to an open capture; null when the facts say nothing. */
  captureContext(facts: CaptureFacts): string | null;
  handshakesLabel: string;
}

export interface ArtifactTexts {
  sysctl: SysctlTexts;
  counters: CounterTexts;
}

export type { CounterId, SysctlKeyId };
