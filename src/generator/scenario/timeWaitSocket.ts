/**
 * What the server's TIME-WAIT socket of a connection does with a SYN or a RST on the same four-tuple, as
 * Linux's tcp_timewait_state_process (net/ipv4/tcp_minisocks.c) decides it for a socket in real
 * TIME-WAIT (the server closed first and got the client's FIN).
 */
import { isSequenceAfter } from '../../analyzer/handshakes/sequence.js';

/** TCP_TIMEWAIT_LEN (include/net/tcp.h): 60 s. */
export const TCP_TIMEWAIT_LEN_US = 60e6;
/** net.ipv4.tcp_invalid_ratelimit: at most one out-of-window ACK per 500 ms per socket (tcp_oow_rate_limited). */
export const INVALID_RATELIMIT_US = 500e3;

/** The old connection as its TIME-WAIT socket keeps it. */
export interface TimeWaitSocket {
  /** tw_rcv_nxt: the sequence number after the client's FIN. */
  rcvNxt: number;
  /** tw_snd_nxt: the sequence number after the server's FIN. */
  sndNxt: number;
  /** tw_ts_recent: the client's last TSval, null when the connection had no timestamps (tw_ts_recent_stamp 0). */
  tsRecent: number | null;
  /** tw_last_oow_ack_time, µs. */
  lastOowAckUs: number;
}

export type TimeWaitAnswer =
  /** TCP_TW_SYN: a new connection, whose ISN the server takes from the old one (tcp_tw_isn). */
  | { kind: 'new-connection'; serverIsn: number }
  /** TCP_TW_ACK: tcp_v4_timewait_ack answers with the old connection's ACK. */
  | { kind: 'ack'; pawsRejected: boolean }
  /** The same, but within tcp_invalid_ratelimit of the last one: nothing sent (TCPACKSkippedTimeWait). */
  | { kind: 'rate-limited'; pawsRejected: boolean };

/**
 * tcp_paws_reject(&tmp_opt, 0): only when the old connection recorded a timestamp and the SYN carries
 * one, and that TSval is older than tw_ts_recent (tcp_paws_check with a window of 0; a ts_recent of 0
 * never rejects).
 */
function pawsRejects(socket: TimeWaitSocket, synTsval: number | null): boolean {
  if (socket.tsRecent === null || synTsval === null || socket.tsRecent === 0) return false;
  return ((socket.tsRecent - synTsval) | 0) > 0;
}

/** A SYN without ACK meets the TIME-WAIT socket at `nowUs`; the socket's rate-limit time is updated when an ACK is sent. */
export function synMeetsTimeWait(socket: TimeWaitSocket, synSeq: number, synTsval: number | null, nowUs: number): TimeWaitAnswer {
  const pawsRejected = pawsRejects(socket, synTsval);
  const newerTimestamp = socket.tsRecent !== null && synTsval !== null && ((socket.tsRecent - synTsval) | 0) < 0;
  if (!pawsRejected && (isSequenceAfter(synSeq, socket.rcvNxt) || newerTimestamp)) {
    // u32 isn = tcptw->tw_snd_nxt + 65535 + 2; if (isn == 0) isn++;
    const serverIsn = (socket.sndNxt + 65535 + 2) >>> 0;
    return { kind: 'new-connection', serverIsn: serverIsn === 0 ? 1 : serverIsn };
  }
  // tcp_timewait_check_oow_rate_limit(tw, skb, LINUX_MIB_TCPACKSKIPPEDTIMEWAIT): a SYN counts as a possible ACK loop.
  if (nowUs - socket.lastOowAckUs < INVALID_RATELIMIT_US) return { kind: 'rate-limited', pawsRejected };
  socket.lastOowAckUs = nowUs;
  return { kind: 'ack', pawsRejected };
}

/**
 * A RST in the window (seq == tw_rcv_nxt) ends the TIME-WAIT socket ("TIME_WAIT assassination"), unless
 * net.ipv4.tcp_rfc1337 = 1; any other RST is ignored.
 */
export function resetEndsTimeWait(socket: TimeWaitSocket, rstSeq: number, rfc1337: boolean): boolean {
  return !rfc1337 && (rstSeq >>> 0) === (socket.rcvNxt >>> 0);
}
