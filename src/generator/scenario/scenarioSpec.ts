/**
 * What a scenario is made of: client hosts (pods, optionally behind the node's NAT), the path, the
 * server and its tcp_tw_recycle setting, and where the two captures are taken. Plain data, so that the
 * named scenarios are easy to read and a test can build its own.
 */
import type { FrameLinkType } from '../frames.js';
import type { TsvalClockSpec } from './tsvalClock.js';

export interface ClientHostSpec {
  /** 'pod-a': used in the ground truth only. */
  name: string;
  /** The host's own address (the pod's address). */
  address: string;
  /**
   * Source NAT on the node: connections leave with this address. `single`: every connection leaves with
   * `port` too (`SNAT --to-source ADDR:PORT`), the node's conntrack forgetting a mapping as soon as its
   * connection ends (a lowered nf_conntrack_tcp_timeout_time_wait): the arrivals must not overlap.
   * `clashWindowUs`: the conntrack SNAT race; a connection's first SYN that passes SNAT within this long
   * of another connection's first SYN to the same server is given the same NAT tuple, and dropped when its
   * entry is confirmed (`__nf_conntrack_confirm`: insert_failed); its retransmission gets another port.
   */
  nat?: { address: string; portMode: 'preserve' | 'random' | 'single'; port?: number; clashWindowUs?: number };
  tsClock: TsvalClockSpec;
  /** TCP timestamps on this host's SYNs (net.ipv4.tcp_timestamps); true when absent. */
  timestamps?: boolean;
  /** Connection attempts per minute, Poisson arrivals over the scenario's duration. */
  attemptsPerMinute: number;
  /** Ports the application connects to, chosen uniformly; the server's first listening port when absent. */
  targetPorts?: number[];
  /**
   * Arrivals drawn from this seed rather than the host's own, `delayMs` later: replicas that one upstream
   * calls at the same moments, so that their SYNs to the server leave the node close together.
   */
  arrivals?: { seed: number; delayMs: number };
  /** Each arrival opens this many connections at once, `spacingMs` apart (a batch job, a pool refilling). */
  burst?: { attempts: number; spacingMs: number };
  /** Arrivals at fixed times (from `firstSeconds`, every `everySeconds`) instead of Poisson ones. */
  periodic?: { firstSeconds: number; everySeconds: number };
}

export interface ServerSpec {
  address: string;
  listenPorts: number[];
  /** net.ipv4.tcp_tw_recycle: only meaningful on Linux 3.x to 4.11. */
  twRecycle: boolean;
  /** Linux ≥ 3.17 also drops SYNs without timestamps while a fresh stamp exists; true when absent. */
  dropSynWithoutTimestamp?: boolean;
  /** Probability that a SYN which passed the PAWS check is dropped anyway (listen queue overflow, firewall). */
  synDropProbability: number;
  /**
   * The application's listen(2) backlog and how often its accept loop takes a connection, with
   * tcp_syncookies=0 (listenQueue.ts): SYNs beyond the queues are dropped; absent, the queues never fill.
   * With `synCookies` (tcp_syncookies=1) a SYN that finds the SYN queue full is answered with a SYN cookie
   * instead; a full accept queue still drops it.
   */
  listen?: { backlog: number; acceptIntervalMs: number; synCookies?: boolean };
  tsClock: TsvalClockSpec;
  /**
   * net.ipv4.tcp_rfc1337 is set to 1 from this simulation time on (absent: never): a RST no longer ends a
   * TIME-WAIT socket (tcp_timewait_state_process), so a SYN that collides with one collides again.
   */
  rfc1337FromSeconds?: number;
  /** Server capture clock minus client capture clock, seconds. */
  clockOffsetSeconds: number;
}

export interface PathSpec {
  /** One-way delay client → server (and back), milliseconds. */
  oneWayDelayMs: number;
  /** Uniform extra delay per packet, 0..jitterMs. */
  jitterMs: number;
  /** Routers between the node and the server (TTL decrements). */
  hops: number;
  /** Probability that one SYN is lost on the way to the server. */
  synLossProbability: number;
  /** Probability that every reply of a connection is lost on the way back (asymmetric routing, rp_filter). */
  replyLossPerFlowProbability: number;
  /** Probability that a connection's first SYN is lost on the way (its retransmissions pass); none when absent. */
  firstSynLossProbability?: number;
  /**
   * A device just in front of the server (after all but the last of `hops` routers) that answers SYNs to
   * these ports with a RST of its own (a firewall's REJECT --reject-with tcp-reset): the server never
   * sees them.
   */
  middlebox?: { resetPorts: number[] };
}

export interface CaptureSpec {
  format: 'pcap' | 'pcapng';
  linkType: FrameLinkType;
  bigEndian?: boolean;
  nanosecond?: boolean;
  /** pcapng if_name, as tcpdump would record it. */
  interfaceName?: string;
  /**
   * pcapng only: end with an Interface Statistics Block as dumpcap writes one when it stops: when the
   * capture started (the scenario's start) and stopped (its last event), the packets it received and
   * the drops it counted (`droppedByOs`: packets the capture buffer lost; they are still in the file).
   */
  statistics?: { droppedByOs: number };
}

export interface ClientCaptureSpec extends CaptureSpec {
  /** 'node': on the node's uplink, after NAT; 'pod': inside the pods' namespaces, before NAT. */
  point: 'node' | 'pod';
  /** With point 'pod': the pods captured (all when absent). */
  pods?: string[];
}

export interface ScenarioSpec {
  name: string;
  description: string;
  seed: number;
  /** Epoch seconds of simulation time 0 (client capture clock). */
  startEpochSeconds: number;
  /** Attempts start within [0, durationSeconds); the captures run until every connection has ended. */
  durationSeconds: number;
  /** The application gives up connecting after this long (the Linux SYN schedule is 0, 1, 3, 7, 15, 31, 63 s). */
  connectTimeoutSeconds: number;
  clients: ClientHostSpec[];
  server: ServerSpec;
  path: PathSpec;
  /** `node`: the node's uplink captured too (after NAT), beside a pod-side `client` capture. */
  captures: { client: ClientCaptureSpec; server: CaptureSpec; node?: CaptureSpec };
}
