/**
 * The sentences of the `time-wait-collision` diagnosis (diagnosis/timeWaitCollision.ts): a member of
 * `Texts`, implemented per language in timeWaitEn.ts and timeWaitZhCn.ts.
 */

/**
 * Who held the previous connection on the four-tuple, from its close in the capture: the server in
 * TIME-WAIT (it sent the first FIN), the client side in TIME-WAIT, nobody (it was reset), or the
 * server with it still open (no FIN, no reset).
 */
export type TimeWaitHolder = 'server-time-wait' | 'client-time-wait' | 'reset' | 'open';

export interface PreviousConnection {
  /** Its attempt id in the capture that shows the four-tuple. */
  id: number;
  client: string;
  closeTime: number | null;
  firstFin: 'client' | 'server' | null;
  holder: TimeWaitHolder;
  /** From its close to the foreign ACK, seconds; null when it never closed in the capture. */
  secondsSinceClose: number | null;
  /** The close was less than TCP_TIMEWAIT_LEN (60 s) before the ACK. */
  withinTimeWait: boolean;
  /** The last TSval the client sent on it (what the TIME-WAIT socket keeps as tw_ts_recent); null without timestamps. */
  lastClientTsval: number | null;
}

/** One attempt whose SYN an earlier connection's socket answered. */
export interface CollisionFacts {
  id: number;
  /** The client as the first capture shows it, and as the capture with the ACK shows it (after NAT). */
  client: string;
  clientAddress: string;
  serverPort: number;
  serverSees: string;
  server: string;
  isn: number;
  /** TSval of the SYN the ACK answered; null when it carried no timestamp. */
  synTsval: number | null;
  expectedAck: number;
  /** The foreign ACK's acknowledgement number, the earliest one's time and how many came. */
  ack: number;
  ackTime: number;
  acks: number;
  /** The client's resets carrying `ack` as sequence number: the earliest one's time and how many. */
  resetTime: number | null;
  resets: number;
  /** From the ACK to the next SYN transmission, ms; null when none followed. */
  retransmissionAfterMs: number | null;
  passed: boolean;
  /** First SYN → SYN-ACK of a passed attempt, ms. */
  connectMs: number | null;
  /** The previous connection on the four-tuple, in the capture that shows the ACK; null when not in it. */
  previous: PreviousConnection | null;
}

export interface TimeWaitTexts {
  title(failed: number, passed: number): string;
  explanation: string;
  summary(collisions: number, failed: number, fourTuples: number): string;
  sighting(facts: CollisionFacts): string;
  more(count: number): string;
  fix: string;
  /** Hover of one failed attempt. */
  hover(serverSees: string | null): string;
}
