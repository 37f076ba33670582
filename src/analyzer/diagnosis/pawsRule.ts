/**
 * The passive PAWS check that Linux 3.x–4.11 applies to an incoming SYN when
 * `net.ipv4.tcp_tw_recycle = 1`, written as the kernel writes it so that a replay of a capture predicts
 * exactly which SYNs the server dropped. References are to the 4.4 sources; 3.5–4.11 are the same in
 * substance (before 3.5 the stamp lived in `inet_peer` instead of `tcp_metrics`, with the same rule).
 *
 * The kernel's clock here is `get_seconds()`: wall-clock whole seconds. Capture timestamps stand in for
 * it, so a decision that sits within a second of the 60 s boundary is reported as such.
 */

/** include/net/tcp.h: a remembered timestamp counts for 60 s ("Maximal Segment Lifetime" of PAWS). */
export const TCP_PAWS_MSL = 60;
/** include/net/tcp.h: the tolerance, in TSval ticks, before a TSval counts as older. */
export const TCP_PAWS_WINDOW = 1;

/**
 * Per peer-address memory (`struct tcp_metrics_block`: `tcpm_ts`, `tcpm_ts_stamp`). A new entry has
 * both at 0 (tcp_metrics.c `tcpm_suck_dst`): its age is the whole epoch, so it never drops a SYN and is
 * always replaced. `null` stands for that here.
 */
export interface PawsStamp {
  /** `tcpm_ts`: the peer's TSval, unsigned 32-bit. */
  ts: number;
  /** `tcpm_ts_stamp`: whole seconds (epoch) when that TSval was accepted (`ts_recent_stamp`). */
  when: number;
}

/** `(s32)(a - b)`: the signed distance between two 32-bit serial numbers, as the kernel casts it. */
export function s32Difference(a: number, b: number): number {
  return ((a - b) | 0);
}

/** `get_seconds()` for a capture time. */
export function kernelSeconds(time: number): number {
  return Math.floor(time);
}

/** `(u32)get_seconds() - tcpm_ts_stamp`: the stamp's age in whole seconds. */
export function stampAgeSeconds(stamp: PawsStamp, nowSeconds: number): number {
  return (nowSeconds - stamp.when) >>> 0;
}

/**
 * Which `tcp_peer_is_proven` a server runs. Before 3.17 the check needs the SYN's timestamp
 * (3.10 tcp_v4_conn_request: `if (tmp_opt.saw_tstamp && tcp_death_row.sysctl_tw_recycle && ...)`), so a
 * SYN without one passes; from 3.17 the call passes `tmp_opt.saw_tstamp` and the rule adds `|| !timestamps`.
 */
export type KernelRule = 'pre-3.17' | '3.17+';

/** include/net/tcp.h: the lower bound of the retransmission timeout, seconds (HZ/5). */
export const TCP_RTO_MIN_SECONDS = 0.2;

/**
 * How long a TIME-WAIT socket of a recorded peer lives with tw_recycle on. tcp_minisocks.c
 * `tcp_time_wait`: `const int rto = (icsk->icsk_rto << 2) - (icsk->icsk_rto >> 1);` and, when
 * `tcp_remember_stamp` recorded the peer, `tw->tw_timeout = rto`: 3.5 RTO instead of TCP_TIMEWAIT_LEN.
 * The RTO (`__tcp_set_rto`: srtt + rttvar, rttvar at least TCP_RTO_MIN) is estimated from the handshake's
 * round trip as the capture shows it.
 */
export function recycledTimeWaitSeconds(roundTripSeconds: number): number {
  const rto = TCP_RTO_MIN_SECONDS + Math.max(0, roundTripSeconds);
  return 4 * rto - rto / 2;
}

export type SynCheckReason =
  /** The SYN's TSval is more than TCP_PAWS_WINDOW behind a fresh stamp: dropped. */
  | 'tsval-behind-stamp'
  /** A fresh stamp exists and the SYN carries no timestamp option: dropped (3.17+). */
  | 'no-timestamp-with-stamp'
  /** Nothing remembered for this peer, or the stamp is 60 s old or more: accepted. */
  | 'stamp-stale'
  /** The SYN's TSval is not behind the fresh stamp: accepted. */
  | 'tsval-not-behind'
  /** A fresh stamp exists and the SYN carries no timestamp: accepted before 3.17, which checks only timestamps. */
  | 'no-timestamp-not-checked';

export interface SynCheck {
  drop: boolean;
  reason: SynCheckReason;
  /** Whole seconds since the stamp was taken, as the kernel computes it. */
  ageSeconds: number;
  /** `(s32)(stamp.ts - syn_tsval)`: ticks the SYN is behind the stamp (negative: ahead); null without TSval. */
  behindTicks: number | null;
}

/** The check of every SYN that meets no stamp, under either rule: one value, as a replay makes thousands. */
const NOTHING_REMEMBERED: SynCheck = Object.freeze({ drop: false, reason: 'stamp-stale', ageSeconds: Infinity, behindTicks: null });

/**
 * tcp_input.c `tcp_conn_request` → tcp_metrics.c `tcp_peer_is_proven(req, dst, paws_check = true,
 * timestamps)`:
 *
 *     if (tm && (u32)get_seconds() - tm->tcpm_ts_stamp < TCP_PAWS_MSL &&
 *         ((s32)(tm->tcpm_ts - req->ts_recent) > TCP_PAWS_WINDOW || !timestamps))
 *             ret = false;   // → NET_INC_STATS(LINUX_MIB_PAWSPASSIVEREJECTED); goto drop_and_release
 *
 * `req->ts_recent` is the SYN's TSval. The `!timestamps` clause exists since Linux 3.17; the rule
 * 'pre-3.17' models the older kernels that let such a SYN through.
 */
export function checkSyn(stamp: PawsStamp | null, nowSeconds: number, synTsval: number | null, rule: KernelRule = '3.17+'): SynCheck {
  const withoutTsDrop = rule === '3.17+';
  if (stamp === null) return NOTHING_REMEMBERED;
  const ageSeconds = stampAgeSeconds(stamp, nowSeconds);
  const behindTicks = synTsval === null ? null : s32Difference(stamp.ts, synTsval);
  if (ageSeconds >= TCP_PAWS_MSL) return { drop: false, reason: 'stamp-stale', ageSeconds, behindTicks };
  if (behindTicks === null) {
    return withoutTsDrop
      ? { drop: true, reason: 'no-timestamp-with-stamp', ageSeconds, behindTicks }
      : { drop: false, reason: 'no-timestamp-not-checked', ageSeconds, behindTicks };
  }
  if (behindTicks > TCP_PAWS_WINDOW) return { drop: true, reason: 'tsval-behind-stamp', ageSeconds, behindTicks };
  return { drop: false, reason: 'tsval-not-behind', ageSeconds, behindTicks };
}

/**
 * tcp_minisocks.c `tcp_time_wait` calls tcp_metrics.c `tcp_remember_stamp` when the socket that closed
 * first enters TIME-WAIT (only with tw_recycle and when timestamps were in use, `ts_recent_stamp != 0`):
 *
 *     if ((s32)(tm->tcpm_ts - tp->rx_opt.ts_recent) <= 0 ||
 *         ((u32)get_seconds() - tm->tcpm_ts_stamp > TCP_PAWS_MSL &&
 *          tm->tcpm_ts_stamp <= (u32)tp->rx_opt.ts_recent_stamp)) {
 *             tm->tcpm_ts_stamp = (u32)tp->rx_opt.ts_recent_stamp;
 *             tm->tcpm_ts = tp->rx_opt.ts_recent;
 *     }
 *
 * So the stored TSval only moves forward, unless the stored one is over 60 s old. Returns the stamp
 * now stored (the same object when nothing changed).
 */
export function rememberStamp(stored: PawsStamp | null, tsRecent: number, tsRecentSeconds: number, nowSeconds: number): PawsStamp {
  if (stored === null) return { ts: tsRecent >>> 0, when: tsRecentSeconds };
  const forward = s32Difference(stored.ts, tsRecent) <= 0;
  const expired = stampAgeSeconds(stored, nowSeconds) > TCP_PAWS_MSL && stored.when <= tsRecentSeconds;
  return forward || expired ? { ts: tsRecent >>> 0, when: tsRecentSeconds } : stored;
}
