/**
 * What really happened in a simulated scenario, written next to its captures so that tests can assert
 * the analyzer's causes attempt by attempt. Fate names follow the analyzer's cause codes where they
 * mean the same thing (`lost-before-server`, `reply-lost`, `refused`, `dropped-at-server`).
 */

/** What became of one SYN transmission. */
export type SynFate =
  | 'answered' // the server sent a SYN-ACK (which may still be lost on the way back: see replyLost)
  | 'refused' // the server answered RST: nothing listens on the port
  | 'paws-dropped' // tcp_tw_recycle: older TSval than the peer's fresh stamp, or no timestamp
  | 'dropped-at-server' // reached the server and dropped for another reason (listen queue, firewall)
  | 'dropped-at-node' // dropped on the node by the conntrack SNAT race (insert_failed), before the uplink
  | 'lost-before-server' // lost on the path, never reached the server
  | 'reset-by-middlebox' // a device in front of the server answered RST in its name; the server never saw it
  | 'time-wait-ack' // met the server's TIME-WAIT socket of the previous connection on the four-tuple, which answered with its ACK
  | 'time-wait-skipped'; // met that TIME-WAIT socket, whose ACK was rate-limited (TCPACKSkippedTimeWait): no answer

/** The fate of a whole connection attempt, from the most decisive of its SYNs. */
export type AttemptFate = CountedFate | 'reset-by-middlebox' | 'time-wait-collision';

/** The fates every truth file counts, zero included; the later ones only where a scenario has them. */
export type CountedFate = 'established' | 'paws-dropped' | 'dropped-at-server' | 'lost-before-server' | 'reply-lost' | 'refused';

export interface SynTransmissionTruth {
  /** Client capture clock, epoch seconds. */
  time: number;
  /** null when the host does not send timestamps. */
  tsval: number | null;
  fate: SynFate;
  /** Present and true for an answered SYN the server answered with a SYN cookie (no request socket kept). */
  cookie?: true;
  /** For paws-dropped: the stamp that dropped it and how old it was (server clock, seconds). */
  stamp?: { ts: number; when: number; ageSeconds: number; setByAttempt: number };
}

export interface AttemptTruth {
  /** 1-based, in order of the first SYN. */
  id: number;
  host: string;
  /** `ip:port` as the client host sees it (before NAT). */
  client: string;
  /** `ip:port` as the server sees it (after NAT). */
  atServer: string;
  server: string;
  isn: number;
  /** First SYN, client capture clock, epoch seconds. */
  start: number;
  fate: AttemptFate;
  syns: SynTransmissionTruth[];
  /** Whether the client capture holds this attempt (a pod-side capture holds only its pods). */
  inClientCapture: boolean;
}

export interface ScenarioTruth {
  scenario: string;
  description: string;
  seed: number;
  /** `dropSynWithoutTimestamp`: the server's rule is 3.17+ (true) or older (false); meaningful with twRecycle. */
  server: { address: string; listenPorts: number[]; twRecycle: boolean; clockOffsetSeconds: number; dropSynWithoutTimestamp: boolean };
  clientCapture: { point: 'node' | 'pod'; format: string; linkType: number };
  /** The node's uplink capture beside a pod-side client capture, when the scenario has one. */
  nodeCapture?: { format: string; linkType: number };
  serverCapture: { format: string; linkType: number };
  hosts: { name: string; address: string; natAddress: string | null; tsvalOffsetScope: string; tsvalHz: number; timestamps: boolean }[];
  /** The server's netstat -s counters at the end. */
  counters: { pawsPassiveRejected: number; listenDrops: number };
  /**
   * Attempts per fate: every fate of the first version listed, zero included; `reset-by-middlebox` and
   * `time-wait-collision`, added later, only where they happened, so that the truth files written before
   * them stay the same.
   */
  fates: Record<CountedFate, number> & Partial<Record<'reset-by-middlebox' | 'time-wait-collision', number>>;
  attempts: AttemptTruth[];
}
