/**
 * The server's per-peer timestamp memory under net.ipv4.tcp_tw_recycle=1 (Linux 3.x to 4.11), written
 * from the kernel sources and NOT from the analyzer, so that the scenarios can check the analyzer:
 *
 * - net/ipv4/tcp_minisocks.c tcp_time_wait: when a socket that saw timestamps enters TIME-WAIT (here:
 *   the server closed first) and tw_recycle is on, tcp_remember_stamp is called.
 * - net/ipv4/tcp_metrics.c tcp_remember_stamp: the stamp (tcpm_ts, tcpm_ts_stamp) becomes
 *   (ts_recent, ts_recent_stamp) when (s32)(tcpm_ts - ts_recent) <= 0, or when the stored stamp is more
 *   than TCP_PAWS_MSL old and not newer than ts_recent_stamp. A new entry starts at (0, 0).
 * - tcp_metrics.c tcp_peer_is_proven (paws_check), from tcp_conn_request: a SYN is dropped, silently,
 *   when get_seconds() - tcpm_ts_stamp < TCP_PAWS_MSL and either (s32)(tcpm_ts - syn_tsval) >
 *   TCP_PAWS_WINDOW or (since 3.17) the SYN carries no timestamp.
 */

export const TCP_PAWS_MSL_SECONDS = 60;
export const TCP_PAWS_WINDOW = 1;

/** One peer address's remembered timestamp. */
export interface PawsStamp {
  /** tcpm_ts: the peer's TSval. */
  ts: number;
  /** tcpm_ts_stamp: the server's clock, whole seconds, when that TSval was accepted. */
  when: number;
  /** The attempt whose TIME-WAIT set this stamp (for the ground truth). */
  setByAttempt: number;
}

export type PawsDecision = { accepted: true } | { accepted: false; stamp: PawsStamp; reason: 'older-tsval' | 'no-timestamp' };

export class PawsStampTable {
  private readonly stamps = new Map<string, PawsStamp>();
  /** netstat -s "passive connections rejected because of time stamp" (LINUX_MIB_PAWSPASSIVEREJECTED). */
  pawsPassiveRejected = 0;

  constructor(private readonly dropSynWithoutTimestamp: boolean) {}

  /** tcp_remember_stamp at TIME-WAIT entry; `nowSeconds` is get_seconds() at that moment. */
  remember(peerAddress: string, tsRecent: number, tsRecentStamp: number, nowSeconds: number, attempt: number): void {
    const stored = this.stamps.get(peerAddress) ?? { ts: 0, when: 0, setByAttempt: -1 };
    const newer = ((stored.ts - tsRecent) | 0) <= 0;
    const expired = nowSeconds - stored.when > TCP_PAWS_MSL_SECONDS && stored.when <= tsRecentStamp;
    if (newer || expired) this.stamps.set(peerAddress, { ts: tsRecent >>> 0, when: tsRecentStamp, setByAttempt: attempt });
  }

  /** tcp_peer_is_proven for a SYN arriving at `nowSeconds`; counts the rejection when it drops. */
  check(peerAddress: string, synTsval: number | undefined, nowSeconds: number): PawsDecision {
    const stamp = this.stamps.get(peerAddress);
    if (!stamp || nowSeconds - stamp.when >= TCP_PAWS_MSL_SECONDS) return { accepted: true };
    if (synTsval === undefined) {
      if (!this.dropSynWithoutTimestamp) return { accepted: true };
      this.pawsPassiveRejected++;
      return { accepted: false, stamp: { ...stamp }, reason: 'no-timestamp' };
    }
    if (((stamp.ts - synTsval) | 0) > TCP_PAWS_WINDOW) {
      this.pawsPassiveRejected++;
      return { accepted: false, stamp: { ...stamp }, reason: 'older-tsval' };
    }
    return { accepted: true };
  }
}
