/**
 * The SYN retransmission schedules of the common stacks, read from the gaps between one attempt's SYNs.
 * Linux retransmits an unanswered SYN after TCP_TIMEOUT_INIT (1 s) and doubles the timeout each time
 * (tcp_retransmit_timer, net/ipv4/tcp_timer.c): SYNs at 0, 1, 3, 7 s. Since 6.x the first
 * tcp_syn_linear_timeouts retries keep the 1 s timeout (tcp_retransmit_timer: `icsk_retransmits <
 * tcp_syn_linear_timeouts` leaves icsk_rto as it is): 0, 1, 2, 3 s. Windows starts at 3 s and doubles:
 * 0, 3, 9 s. Since 5.10 a SYN that an unacceptable ACK answered (the ACK of another connection on the
 * four-tuple) goes again after TCP_TIMEOUT_MIN, 2 jiffies (tcp_rcv_synsent_state_process): 2 to 20 ms
 * after the first, a gap no timeout gives. The verdict's late-SYN-ACK rule (verdict.ts) and the slow-connect diagnosis both read gaps
 * through this file, so "alike" means the same to both.
 */

/** Two gaps between SYNs this close are one linear schedule's steps, not a doubling. */
const LINEAR_STEP_RATIO = 1.25;

/** Linux's initial SYN retransmission timeout (TCP_TIMEOUT_INIT) and Windows' (InitialRto), seconds. */
const LINUX_INITIAL_RTO = 1;
const WINDOWS_INITIAL_RTO = 3;
/** TCP_TIMEOUT_MIN at HZ=100 (20 ms), with timer slack: a first gap this short is no retransmission timeout. */
const UNACCEPTABLE_ACK_GAP_MAX = 0.025;

export type SynSchedule =
  /** 1 s, then 2 s, 4 s…: Linux without linear timeouts (and any stack doubling from 1 s). */
  | 'linux-doubling'
  /** Several 1 s steps: Linux with tcp_syn_linear_timeouts. */
  | 'linux-linear'
  /** One retransmission 1 s after the first SYN: linear and doubling cannot be told apart. */
  | 'linux-one-second'
  /** The first retransmission within milliseconds: Linux 5.10+ after an unacceptable ACK answered the SYN. */
  | 'linux-unacceptable-ack'
  /** 3 s, then 6 s: Windows. */
  | 'windows'
  /** Gaps that fit none of the above (an application's own retries, a lost capture of a SYN). */
  | 'other';

/** Timers fire a little late, and a capture may miss a retransmission: alike within 25 % either way. */
export function gapsAlike(a: number, b: number): boolean {
  return a <= b * LINEAR_STEP_RATIO && b <= a * LINEAR_STEP_RATIO;
}

/** The schedule the SYN times (earliest first) show; null with fewer than two SYNs. */
export function synScheduleOf(times: readonly number[]): SynSchedule | null {
  if (times.length < 2) return null;
  const first = times[1] - times[0];
  const second = times.length > 2 ? times[2] - times[1] : null;
  if (first <= UNACCEPTABLE_ACK_GAP_MAX) return 'linux-unacceptable-ack';
  if (gapsAlike(first, LINUX_INITIAL_RTO)) {
    if (second === null) return 'linux-one-second';
    if (gapsAlike(second, first)) return 'linux-linear';
    return gapsAlike(second, 2 * first) ? 'linux-doubling' : 'other';
  }
  if (gapsAlike(first, WINDOWS_INITIAL_RTO) && (second === null || gapsAlike(second, 2 * first))) return 'windows';
  return 'other';
}
