/**
 * The analysis results shared by the handshake tracker, the correlation, the diagnoses and every
 * presenter (CLI, language server, webview). Times are epoch seconds as numbers (sub-microsecond
 * precision); TSvals and sequence numbers are unsigned 32-bit integers.
 */

export interface Endpoint {
  /** IPv4 dotted quad or RFC 5952 IPv6 text. */
  address: string;
  port: number;
}

/** `ip:port`, or `[addr]:port` for IPv6: the form used in JSON and tables. */
export function endpointText(endpoint: Endpoint): string {
  return endpoint.address.includes(':') ? `[${endpoint.address}]:${endpoint.port}` : `${endpoint.address}:${endpoint.port}`;
}

export type Verdict = 'pass' | 'fail' | 'unknown';

/**
 * One outcome per attempt. Zeek conn_state equivalents: established ≈ S1/SF/S2/S3/RSTO/RSTR (handshake
 * completed), refused ≈ REJ, no-reply ≈ S0, no-ack ≈ SH/SHR or an S1 that never saw the final ACK,
 * reset-by-client ≈ RSTOS0, capture-ended ≈ S0 too young to judge; syn-ack-after-give-up (the only
 * SYN-ACKs came after the client had stopped retransmitting its SYN, and it reset them) has Zeek
 * history ShR; not-accepted (the handshake completed at the client, but the server never took the
 * connection: nothing the client sent was acknowledged, the SYN-ACK came again, or a server that speaks
 * first never spoke) is an S1/S2 whose server side never moved.
 */
export type Outcome = 'established' | 'refused' | 'no-reply' | 'no-ack' | 'reset-by-client' | 'syn-ack-after-give-up' | 'capture-ended' | 'not-accepted';

/** Which end of the connection the capture was evidently taken at. */
export type Vantage = 'client' | 'server' | 'unknown';

/**
 * Which part of a segment's TCP options the snapshot length cut off. `after-timestamps`: the options after
 * a whole timestamp option; `tsecr`: the TSecr and what follows (TSval kept); `tsval`: the timestamp
 * option before its TSval was whole; `before-timestamps`: the options from before any timestamp option
 * was seen, so whether there was one is unknown.
 */
export type OptionsCutPart = 'after-timestamps' | 'tsecr' | 'tsval' | 'before-timestamps';

export interface TcpOptionsSeen {
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  tsval: number | null;
  tsecr: number | null;
  /** Present when the snapshot length cut options the header announces: an option that is null here may have been there. */
  cut?: OptionsCutPart;
}

export interface SynTransmission {
  /** 0-based frame index in the capture. */
  frame: number;
  time: number;
  tsval: number | null;
  /** Present and true when the snapshot length cut this SYN's TCP options before a whole TSval could be read: `tsval` is then null and says nothing about whether the SYN carried a timestamp. */
  tsvalCut?: boolean;
}

/** The kinds of tunnel the layer decoders open to reach the TCP segment inside. */
export type TunnelKind = 'vxlan' | 'geneve' | 'gre' | 'erspan' | 'ipip' | 'mpls' | 'pppoe';

/**
 * The outermost tunnel a segment arrived in. One value is shared by every segment and record of the same
 * tunnel (kind, outer addresses, identifier): never modified.
 */
export interface TunnelSeen {
  kind: TunnelKind;
  /** The outer IP header's addresses, `"10.0.0.1 → 10.0.0.2"`; null for MPLS and PPPoE, which have none. */
  outer: string | null;
  /**
   * What tells this tunnel's traffic from other tunnels on the same path: the VXLAN or Geneve VNI, the GRE
   * key, the ERSPAN session ID, the bottom MPLS label, the PPPoE session ID; null when there is none
   * (IP-in-IP, GRE without a key, ERSPAN type I).
   */
  vni: number | null;
}

export interface SynAckSeen {
  frame: number;
  time: number;
  /** The server's initial sequence number. */
  isn: number;
  options: TcpOptionsSeen;
  /** How many SYN-ACKs for this attempt (more than one: retransmitted). */
  count: number;
  /** IPv4 TTL or IPv6 hop limit of the first SYN-ACK (absent in records not made by the tracker). */
  ttl?: number;
}

export interface ResetSeen {
  frame: number;
  time: number;
  from: 'client' | 'server';
  /** IPv4 TTL or IPv6 hop limit of the RST (absent in records not made by the tracker). */
  ttl?: number;
}

/**
 * The SYN answered by an ACK without SYN that acknowledges nothing the attempt sent (not ISN + 1): a socket
 * of an earlier connection on the same four-tuple answered it, a TIME-WAIT socket's ACK
 * (tcp_timewait_state_process → tcp_v4_timewait_ack) or an open connection's challenge ACK
 * (tcp_send_challenge_ack).
 */
export interface ForeignAckSeen {
  /** The earliest such ACK. */
  frame: number;
  time: number;
  /** Its acknowledgement number: the earlier connection's next expected sequence number (tw_rcv_nxt). */
  ack: number;
  /** How many such ACKs answered the attempt's SYNs. */
  count: number;
  /**
   * The client's RSTs carrying that acknowledgement as their sequence number, the earliest one's frame,
   * time and TTL: a client in SYN-SENT resets an ACK it does not expect (tcp_rcv_synsent_state_process).
   * Null when the capture holds none.
   */
  reset: { frame: number; time: number; ttl: number; count: number } | null;
}

/** How the connection ended, as far as the capture shows: what the PAWS replay needs. */
export interface Teardown {
  /**
   * Who sent the first FIN (the side that closed first enters TIME-WAIT). Of two FINs with one timestamp,
   * the one that acknowledges the other is the second.
   */
  firstFin: 'client' | 'server' | null;
  firstFinTime: number | null;
  /** Time of the FIN from the other side, completing the close. */
  secondFinTime: number | null;
  /** The last TSval the client sent on this connection, and when (what the server's ts_recent holds). */
  lastClientTsval: number | null;
  lastClientTsvalTime: number | null;
}

export type DiagnosisCode =
  | 'paws-tw-recycle'
  | 'nat-multiple-clocks'
  | 'dropped-at-server'
  | 'lost-before-server'
  | 'dropped-at-node'
  | 'reply-lost'
  | 'refused'
  | 'reset-by-middlebox'
  | 'listen-overflow'
  | 'not-covered'
  | 'unlocated'
  | 'captures-do-not-correspond'
  | 'isn-rewritten'
  | 'captures-do-not-overlap'
  | 'capture-roles-reversed'
  | 'slow-connect'
  | 'syn-cookies'
  | 'time-wait-collision';

export type Confidence = 'high' | 'medium' | 'low';

/** What the server-side capture shows of a client attempt, once correlated (diagnosis/attemptFindings.ts). */
export interface ServerView {
  /** The client as the server saw it (after NAT). */
  client: string;
  seen: boolean;
  replied: boolean;
  /** Server capture time minus client capture time for this attempt's SYN, in milliseconds. */
  offsetMs: number;
}

/**
 * The same SYN captured again with another client endpoint: after NAT, in a capture that holds both
 * sides of the NAT (`tcpdump -i any` on the NAT node).
 */
export interface NatView {
  /** The client endpoint in that view, `ip:port`. */
  client: string;
  /** 0-based frame and time of that view's earliest SYN. */
  frame: number;
  time: number;
}

export interface HandshakeAttempt {
  /** 1-based, in order of the first SYN within the capture. */
  id: number;
  client: Endpoint;
  server: Endpoint;
  ipVersion: 4 | 6;
  /** The client's initial sequence number. */
  isn: number;
  synTime: number;
  syns: SynTransmission[];
  synOptions: TcpOptionsSeen;
  /** TTL or hop limit of the first SYN. */
  ttl: number;
  synAck: SynAckSeen | null;
  /** The client's third ACK or first data segment. */
  ack: { frame: number; time: number; withData: boolean } | null;
  rst: ResetSeen | null;
  teardown: Teardown;
  /** SYN → SYN-ACK as seen in this capture, ms. */
  rttMs: number | null;
  /** SYN-ACK → ACK, ms. */
  ackDelayMs: number | null;
  vantage: Vantage;
  verdict: Verdict;
  outcome: Outcome;
  /**
   * The other client endpoints this attempt's SYN was captured with (handshakes/natViews.ts); `client`
   * is the one seen first, before NAT. Absent when the SYN was seen with one client endpoint only.
   */
  natViews?: NatView[];
  /** The outermost tunnel the attempt's first SYN arrived in; absent or null when it came without one. */
  tunnel?: TunnelSeen | null;
  /** A SYN answered by an ACK of an earlier connection on the four-tuple; absent or null when none was. */
  foreignAck?: ForeignAckSeen | null;
}

export interface ServerFailureRate {
  server: string;
  attempts: number;
  failed: number;
}

/**
 * How a capture's connection attempts came out: the counts the summary and the JSON report share, so
 * they follow the report's rule (fields added, never renamed or removed).
 */
export interface AttemptCounts {
  attempts: number;
  passed: number;
  failed: number;
  unknown: number;
  /** TCP connections seen without their SYN (not connection attempts). */
  midstream: number;
  /** SYN transmissions beyond the first of each attempt. */
  synRetransmissions: number;
}

export interface CaptureSummary extends AttemptCounts {
  packets: number;
  tcpPackets: number;
  /** Epoch seconds of the first and last record (null for an empty capture). */
  start: number | null;
  end: number | null;
  /** Server endpoints the attempts went to, and those of them with a failure. */
  servers: number;
  serversWithFailures: number;
  /** The first SUMMARY_SERVERS servers (summary.ts), the most failures first. */
  perServer: ServerFailureRate[];
}
