/**
 * Every sentence the artifact diagnostics and hovers show, as one interface each language implements in
 * full: a missing translation is a type error. The languages are the analyzer's (`Lang`).
 */
import type { Lang } from '../../analyzer/explain/language.js';
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

export interface ArtifactTexts {
  sysctl: SysctlTexts;
}

export type { SysctlKeyId };
