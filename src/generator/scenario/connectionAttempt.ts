/**
 * The state of one simulated connection attempt at both ends: the client socket (SYN_SENT →
 * ESTABLISHED → LAST_ACK → CLOSED, or given up) and the server socket (SYN_RECV → ESTABLISHED →
 * FIN_WAIT → TIME-WAIT), with the sequence numbers and timestamps each end last sent or accepted.
 */
import type { SynTransmissionTruth } from './groundTruth.js';
import type { ClientHostState } from './clientHost.js';

export type ClientSocketState = 'syn-sent' | 'established' | 'closing' | 'closed' | 'refused' | 'gave-up';
export type ServerSocketState = 'none' | 'syn-recv' | 'established' | 'closing' | 'time-wait' | 'reset';

export class ConnectionAttempt {
  clientState: ClientSocketState = 'syn-sent';
  serverState: ServerSocketState = 'none';
  everEstablished = false;
  /** The server sent RST to a SYN. */
  refusedByServer = false;
  /** Next sequence number each end will send. */
  clientNextSeq: number;
  serverNextSeq = 0;
  serverIsn = 0;
  /** The SYN cookie the server answered with (secure_tcp_syn_cookie: one SYN gets the same cookie within a minute); null: none sent. */
  cookieIsn: number | null = null;
  /** The last TSval each end received from the other (its next TSecr). */
  clientTsRecent = 0;
  /** Server's ts_recent and ts_recent_stamp (whole seconds of its clock) for this connection. */
  serverTsRecent: { ts: number; when: number } | null = null;
  /** In TIME-WAIT at the server: until when (µs), and when its last out-of-window ACK left (tw_last_oow_ack_time). */
  timeWaitUntilUs = 0;
  lastTimeWaitAckUs = -Infinity;
  /** The server's ISN when the SYN came through a TIME-WAIT socket (tcp_tw_isn); null otherwise. */
  timeWaitIsn: number | null = null;
  /** Last arrival time per direction, so that jitter never reorders one connection's segments. */
  lastArrivalToServerUs = 0;
  lastArrivalToClientUs = 0;
  readonly syns: SynTransmissionTruth[] = [];

  constructor(
    readonly id: number,
    readonly host: ClientHostState,
    readonly podPort: number,
    /** Source address and port as the server sees them (after NAT). */
    readonly wireAddress: string,
    /** Changes once when the SNAT race dropped the first SYN: the retransmission gets another port. */
    public wirePort: number,
    readonly serverPort: number,
    readonly isn: number,
    /** Every reply of this connection is lost on the way back. */
    readonly repliesLost: boolean,
    readonly startUs: number,
  ) {
    this.clientNextSeq = (isn + 1) >>> 0;
  }
}
