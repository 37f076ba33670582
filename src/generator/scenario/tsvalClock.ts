/**
 * A host's TCP timestamp clock. Linux sends tsval = (offset + elapsed ms) mod 2^32 (tcp_time_stamp at
 * 1 kHz; older kernels used jiffies, e.g. 250 Hz). Before 4.10 the offset is the same for every
 * connection of a host (its uptime), which is what lets several hosts behind one NAT address disagree.
 * Linux 4.10/4.11 add a random offset per (source, destination) address pair, and 4.13 onwards per
 * connection (four-tuple), kept by retransmissions of the same SYN.
 */
import { SeededRandom } from './seededRandom.js';

export type TsvalOffsetScope = 'host' | 'address-pair' | 'connection';

export interface TsvalClockSpec {
  /** Ticks per second: 1000 on current Linux. */
  hz?: number;
  /** The clock's value at simulation time 0 (the host's uptime in ticks); random when absent. */
  startTicks?: number;
  offsetScope?: TsvalOffsetScope;
}

export class TsvalClock {
  readonly hz: number;
  readonly startTicks: number;
  readonly offsetScope: TsvalOffsetScope;
  private readonly offsets = new Map<string, number>();
  private readonly random: SeededRandom;

  constructor(spec: TsvalClockSpec, random: SeededRandom) {
    this.random = random;
    this.hz = spec.hz ?? 1000;
    // Uptimes of minutes to ~40 days, so that different hosts' lines are far apart as in real clusters.
    this.startTicks = spec.startTicks ?? random.int(60_000, 3_500_000_000);
    this.offsetScope = spec.offsetScope ?? 'host';
  }

  /** TSval at simulation time `timeUs` for a connection from `src` to `dst` (address or address:port text). */
  tsvalAt(timeUs: number, srcAddress: string, dstAddress: string, srcPort: number, dstPort: number): number {
    const elapsed = Math.floor((timeUs * this.hz) / 1e6);
    return (this.startTicks + elapsed + this.offsetFor(srcAddress, dstAddress, srcPort, dstPort)) >>> 0;
  }

  private offsetFor(srcAddress: string, dstAddress: string, srcPort: number, dstPort: number): number {
    if (this.offsetScope === 'host') return 0;
    const key = this.offsetScope === 'address-pair'
      ? `${srcAddress}>${dstAddress}`
      : `${srcAddress}:${srcPort}>${dstAddress}:${dstPort}`;
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      // The kernel hashes with a boot-time secret; a seeded draw per key gives the same spread.
      offset = this.random.uint32();
      this.offsets.set(key, offset);
    }
    return offset;
  }
}
