/**
 * The discrete-event simulation of a scenario: client hosts open connections to the server on a Poisson
 * schedule, with the Linux SYN retransmission schedule; the path delays and loses packets; the server
 * answers, refuses or drops each SYN (tcp_tw_recycle's PAWS rule among the reasons); connections that
 * are established run a short MySQL-like exchange that the server closes first (as MySQL does on
 * COM_QUIT), so its socket enters TIME-WAIT and, with tcp_tw_recycle=1, stamps the peer's address.
 * Everything is seen by two capture points, and the ground truth records what really happened.
 */
import { TcpFlag } from '../../analyzer/layers/tcpPacket.js';
import { CaptureSink, type WireSegment } from './captureSink.js';
import { type ClientHostState, EPHEMERAL_FIRST, EPHEMERAL_LAST, type NodeNat } from './clientHost.js';
import { ConnectionAttempt } from './connectionAttempt.js';
import { EventQueue } from './eventQueue.js';
import type { AttemptFate, AttemptTruth, CountedFate, ScenarioTruth } from './groundTruth.js';
import { ListenQueue } from './listenQueue.js';
import { PawsStampTable } from './pawsStampTable.js';
import { PortReservations } from './portReservations.js';
import type { ScenarioSpec } from './scenarioSpec.js';
import { SeededRandom } from './seededRandom.js';
import { TsvalClock } from './tsvalClock.js';
import { resetEndsTimeWait, synMeetsTimeWait, TCP_TIMEWAIT_LEN_US, type TimeWaitSocket } from './timeWaitSocket.js';

export interface ScenarioResult {
  clientCapture: Uint8Array;
  serverCapture: Uint8Array;
  /** The node's uplink, when the scenario captures it beside the pods (`captures.node`). */
  nodeCapture?: Uint8Array;
  truth: ScenarioTruth;
}

/** Linux: initial RTO 1 s, doubled per retransmission (tcp_syn_retries=6 gives SYNs at these offsets). */
const SYN_SCHEDULE_S = [0, 1, 3, 7, 15, 31, 63];
/** Linux tcp_synack_retries=5: SYN-ACK retransmissions after the first, seconds. */
const SYNACK_RETRANSMIT_S = [1, 3, 7, 15, 31];
/** A request socket is gone once its last SYN-ACK retransmission (31 s) has gone unanswered as long again. */
const REQUEST_LIFETIME_S = 63;
/** Forwarding time between the pod's veth and the node's uplink. */
const NODE_FORWARD_US = 40;
const INITIAL_TTL = 64;
const MSS = 1460;
const WINDOW_SCALE = 7;
const CLIENT_SYN_WINDOW = 29200;
const SERVER_SYN_WINDOW = 28960;
const ESTABLISHED_WINDOW = 229;
/** MySQL's conversation after the handshake: the server speaks first, the client ends with COM_QUIT. */
const CONVERSATION: { from: 'server' | 'client'; bytes: number }[] = [
  { from: 'server', bytes: 78 }, // initial handshake packet
  { from: 'client', bytes: 112 }, // login request
  { from: 'server', bytes: 11 }, // OK
  { from: 'client', bytes: 37 }, // COM_QUERY
  { from: 'server', bytes: 180 }, // result set
  { from: 'client', bytes: 5 }, // COM_QUIT: the server closes first
];

const FATE_ORDER: CountedFate[] = ['established', 'paws-dropped', 'dropped-at-server', 'lost-before-server', 'reply-lost', 'refused'];
/** syncookies.c: TSBITS, the low bits of a cookie SYN-ACK's TSval that carry the SYN's options. */
const COOKIE_TSBITS = 6;
/** TS_OPT_SACK: bit 4 of those options; the low four are the window scale. */
const COOKIE_TS_OPT_SACK = 0x10;
/**
 * TCP_TIMEOUT_MIN (2 jiffies at HZ=250): since Linux 5.10 tcp_rcv_synsent_state_process re-arms the SYN's
 * timer this short when an unacceptable ACK meets the first transmission ("Previous FIN/ACK or RST/ACK
 * might be ignored"), so the SYN goes again at once rather than after the RTO.
 */
const SYN_AFTER_INVALID_ACK_US = 8_000;

export function runScenario(spec: ScenarioSpec): ScenarioResult {
  return new ScenarioSimulation(spec).run();
}

class ScenarioSimulation {
  private readonly queue = new EventQueue();
  private readonly random: SeededRandom;
  private readonly pathRandom: SeededRandom;
  private readonly serverRandom: SeededRandom;
  private readonly hosts: ClientHostState[];
  private readonly serverClock: TsvalClock;
  private readonly stamps: PawsStampTable;
  private readonly clientSink: CaptureSink;
  private readonly serverSink: CaptureSink;
  private readonly nodeSink: CaptureSink | null;
  private readonly serverOffsetUs: number;
  private readonly attempts: ConnectionAttempt[] = [];
  private listenDrops = 0;
  /** The listening socket's queues, when the scenario models them (`server.listen`). */
  private readonly listenQueue: ListenQueue | null;
  private nextAcceptUs: number | null = null;
  /** The server's TIME-WAIT sockets by four-tuple (tcp_time_wait), with the attempt whose connection each holds. */
  private readonly timeWait = new Map<string, { socket: TimeWaitSocket; attempt: ConnectionAttempt }>();
  private lastAcceptUs = -Infinity;

  constructor(private readonly spec: ScenarioSpec) {
    this.random = new SeededRandom(spec.seed);
    this.pathRandom = this.random.fork(1);
    this.serverRandom = this.random.fork(2);
    const nats = new Map<string, NodeNat>();
    this.hosts = spec.clients.map((client, index) => {
      const hostRandom = this.random.fork(100 + index);
      let nat: NodeNat | null = null;
      if (client.nat) {
        nat = nats.get(client.nat.address) ?? {
          address: client.nat.address,
          portMode: client.nat.portMode,
          port: client.nat.port ?? null,
          ports: new PortReservations(this.random.fork(50 + nats.size), 1024, 65535),
          clashWindowUs: client.nat.clashWindowUs ?? 0,
          lastFirstSynUs: new Map<string, number>(),
        };
        nats.set(client.nat.address, nat);
      }
      return {
        spec: client,
        clock: new TsvalClock(client.tsClock, hostRandom.fork(1)),
        ephemeralPorts: new PortReservations(hostRandom.fork(2), EPHEMERAL_FIRST, EPHEMERAL_LAST),
        nat,
        timestamps: client.timestamps ?? true,
      };
    });
    this.serverClock = new TsvalClock(spec.server.tsClock, this.serverRandom.fork(1));
    this.stamps = new PawsStampTable(spec.server.dropSynWithoutTimestamp ?? true);
    this.listenQueue = spec.server.listen ? new ListenQueue(spec.server.listen.backlog) : null;
    this.serverOffsetUs = Math.round(spec.server.clockOffsetSeconds * 1e6);
    this.clientSink = new CaptureSink(spec.captures.client, spec.startEpochSeconds, 0);
    this.serverSink = new CaptureSink(spec.captures.server, spec.startEpochSeconds, this.serverOffsetUs);
    this.nodeSink = spec.captures.node ? new CaptureSink(spec.captures.node, spec.startEpochSeconds, 0) : null;
  }

  run(): ScenarioResult {
    this.scheduleArrivals();
    this.queue.runAll();
    return {
      clientCapture: this.clientSink.bytes(this.queue.nowUs),
      serverCapture: this.serverSink.bytes(this.queue.nowUs),
      ...(this.nodeSink ? { nodeCapture: this.nodeSink.bytes(this.queue.nowUs) } : {}),
      truth: this.truth(),
    };
  }

  // ---- the workload ----

  private scheduleArrivals(): void {
    const durationUs = this.spec.durationSeconds * 1e6;
    this.hosts.forEach((host, index) => {
      const arrivals = host.spec.arrivals ? new SeededRandom(host.spec.arrivals.seed) : this.random.fork(200 + index);
      const delayUs = (host.spec.arrivals?.delayMs ?? 0) * 1000;
      const meanUs = (60 / host.spec.attemptsPerMinute) * 1e6;
      const burst = host.spec.burst ?? { attempts: 1, spacingMs: 0 };
      const periodic = host.spec.periodic;
      const first = periodic ? periodic.firstSeconds * 1e6 : arrivals.exponential(meanUs);
      const next = periodic ? () => periodic.everySeconds * 1e6 : () => arrivals.exponential(meanUs);
      for (let t = first; t < durationUs; t += next()) {
        const targetPorts = host.spec.targetPorts ?? [this.spec.server.listenPorts[0]];
        const port = targetPorts[arrivals.int(0, targetPorts.length - 1)];
        for (let i = 0; i < burst.attempts; i++) this.queue.schedule(t + delayUs + i * burst.spacingMs * 1000, () => this.startAttempt(host, port));
      }
    });
  }

  private startAttempt(host: ClientHostState, serverPort: number): void {
    const now = this.queue.nowUs;
    const podPort = host.ephemeralPorts.allocate(undefined, now);
    const nat = host.nat;
    const wirePort = !nat ? podPort : nat.port !== null && nat.portMode === 'single' ? nat.port : nat.ports.allocate(nat.portMode === 'preserve' ? podPort : undefined, now);
    const attempt = new ConnectionAttempt(
      this.attempts.length + 1, host, podPort, host.nat?.address ?? host.spec.address, wirePort, serverPort,
      this.random.uint32(), this.pathRandom.chance(this.spec.path.replyLossPerFlowProbability), now,
    );
    this.attempts.push(attempt);
    const timeoutUs = this.spec.connectTimeoutSeconds * 1e6;
    for (const offset of SYN_SCHEDULE_S) {
      if (offset * 1e6 >= timeoutUs) break;
      this.queue.schedule(now + offset * 1e6, () => this.sendSyn(attempt));
    }
    this.queue.schedule(now + timeoutUs, () => this.giveUp(attempt));
  }

  // ---- the client host ----

  private clientTsval(attempt: ConnectionAttempt): number {
    const host = attempt.host;
    return host.clock.tsvalAt(this.queue.nowUs, host.spec.address, this.spec.server.address, attempt.podPort, attempt.serverPort);
  }

  private sendSyn(attempt: ConnectionAttempt): void {
    if (attempt.clientState !== 'syn-sent') return;
    const tsval = attempt.host.timestamps ? this.clientTsval(attempt) : null;
    attempt.syns.push({ time: this.clientSink.epochSeconds(this.queue.nowUs), tsval, fate: 'lost-before-server' });
    const synIndex = attempt.syns.length - 1;
    this.clientSend(attempt, {
      seq: attempt.isn, ack: 0, flags: TcpFlag.SYN, window: CLIENT_SYN_WINDOW,
      mss: MSS, sackPermitted: true, windowScale: WINDOW_SCALE,
      timestamp: tsval === null ? undefined : { tsval, tsecr: 0 },
    }, () => this.serverReceivesSyn(attempt, synIndex), true);
  }

  private giveUp(attempt: ConnectionAttempt): void {
    if (attempt.clientState !== 'syn-sent') return;
    // connect() timed out: Linux closes a SYN_SENT socket without sending anything.
    attempt.clientState = 'gave-up';
    this.releasePorts(attempt);
  }

  private clientReceives(attempt: ConnectionAttempt, flags: number, after: () => void): void {
    if (attempt.clientState === 'gave-up' || attempt.clientState === 'closed' || attempt.clientState === 'refused') {
      // No socket any more: the client's kernel answers anything but an RST with an RST.
      if (!(flags & TcpFlag.RST)) {
        this.clientSend(attempt, { seq: attempt.clientNextSeq, ack: 0, flags: TcpFlag.RST, window: 0 }, () => this.serverDropsRequest(attempt));
      }
      return;
    }
    after();
  }

  private clientReceivesSynAck(attempt: ConnectionAttempt): void {
    if (attempt.clientState === 'syn-sent') {
      attempt.clientState = 'established';
      attempt.everEstablished = true;
    }
    // The third ACK; a duplicate SYN-ACK (server retransmission) is acknowledged again.
    this.clientSendAck(attempt, 0, () => this.serverReceivesHandshakeAck(attempt));
  }

  private clientSendAck(attempt: ConnectionAttempt, flags: number, atServer: () => void, payloadLength = 0): void {
    this.clientSend(attempt, {
      seq: attempt.clientNextSeq, ack: attempt.serverNextSeq, flags: TcpFlag.ACK | flags, window: ESTABLISHED_WINDOW,
      timestamp: attempt.host.timestamps ? { tsval: this.clientTsval(attempt), tsecr: attempt.clientTsRecent } : undefined,
      payloadLength,
    }, atServer);
    attempt.clientNextSeq = (attempt.clientNextSeq + payloadLength + (flags & TcpFlag.FIN ? 1 : 0)) >>> 0;
  }

  private clientReceivesData(attempt: ConnectionAttempt, step: number): void {
    const next = step + 1;
    if (next >= CONVERSATION.length) return;
    const thinkUs = this.pathRandom.int(500, 20_000);
    this.queue.schedule(this.queue.nowUs + thinkUs, () => {
      this.clientSendAck(attempt, TcpFlag.PSH, () => this.serverReceivesData(attempt, next), CONVERSATION[next].bytes);
    });
  }

  private clientReceivesFin(attempt: ConnectionAttempt): void {
    // The application sees EOF and closes at once: the ACK of the server's FIN carries the client's FIN.
    attempt.clientState = 'closing';
    this.clientSendAck(attempt, TcpFlag.FIN, () => this.serverReceivesFin(attempt));
  }

  // ---- the server ----

  private serverSeconds(): number {
    return this.spec.startEpochSeconds + Math.floor((this.queue.nowUs + this.serverOffsetUs) / 1e6);
  }

  private serverReceivesSyn(attempt: ConnectionAttempt, synIndex: number): void {
    const syn = attempt.syns[synIndex];
    const server = this.spec.server;
    if (!server.listenPorts.includes(attempt.serverPort)) {
      syn.fate = 'refused';
      attempt.refusedByServer = true;
      // tcp_v4_send_reset: RST|ACK acknowledging the SYN, no timestamp option.
      this.serverSend(attempt, { seq: 0, ack: (attempt.isn + 1) >>> 0, flags: TcpFlag.RST | TcpFlag.ACK, window: 0 }, () =>
        this.clientReceives(attempt, TcpFlag.RST, () => { attempt.clientState = 'refused'; this.releasePorts(attempt); }));
      return;
    }
    if (attempt.serverState === 'syn-recv') {
      // A retransmitted SYN matches the request socket: the SYN-ACK is sent again, no PAWS check.
      syn.fate = 'answered';
      this.sendSynAck(attempt, syn.tsval);
      return;
    }
    if (attempt.serverState !== 'none') return;
    // tcp_v4_rcv finds a TIME-WAIT socket of the four-tuple before the listener.
    if (!this.passesTimeWait(attempt, synIndex)) return;
    // tcp_conn_request: a full SYN queue with tcp_syncookies on sets want_cookie, and a cookie skips
    // tcp_peer_is_proven; a full accept queue drops the SYN all the same.
    if (this.listenQueue && server.listen?.synCookies && this.listenQueue.synQueueFull() && !this.listenQueue.acceptQueueFull()) {
      this.answerWithCookie(attempt, syn);
      return;
    }
    // tcp_conn_request checks the listen queues (ListenOverflows) before tcp_peer_is_proven.
    if (this.listenQueue && !this.listenQueue.admitsSyn()) {
      this.listenDrops++;
      syn.fate = 'dropped-at-server';
      return;
    }
    if (this.serverRandom.chance(server.synDropProbability)) {
      this.listenDrops++;
      syn.fate = 'dropped-at-server';
      return;
    }
    // A SYN let through TIME-WAIT carries tcp_tw_isn, and tcp_conn_request skips the peer check for it.
    if (server.twRecycle && attempt.timeWaitIsn === null) {
      const nowSeconds = this.serverSeconds();
      const decision = this.stamps.check(attempt.wireAddress, syn.tsval ?? undefined, nowSeconds);
      if (!decision.accepted) {
        this.listenDrops++;
        syn.fate = 'paws-dropped';
        syn.stamp = { ts: decision.stamp.ts, when: decision.stamp.when, ageSeconds: nowSeconds - decision.stamp.when, setByAttempt: decision.stamp.setByAttempt };
        return;
      }
    }
    syn.fate = 'answered';
    this.serverAcceptsTsval(attempt, syn.tsval);
    attempt.serverState = 'syn-recv';
    if (this.listenQueue) {
      this.listenQueue.requestCreated();
      this.queue.schedule(this.queue.nowUs + REQUEST_LIFETIME_S * 1e6, () => this.serverDropsRequest(attempt));
    }
    attempt.serverIsn = attempt.timeWaitIsn ?? this.serverRandom.uint32();
    attempt.serverNextSeq = (attempt.serverIsn + 1) >>> 0;
    this.sendSynAck(attempt, syn.tsval);
    for (const offset of SYNACK_RETRANSMIT_S) {
      this.queue.schedule(this.queue.nowUs + offset * 1e6, () => {
        if (attempt.serverState === 'syn-recv') this.sendSynAck(attempt, attempt.serverTsRecent?.ts ?? null);
      });
    }
  }

  /**
   * tcp_conn_request with want_cookie: the SYN-ACK's ISN is the cookie (cookie_v4_init_sequence) and no
   * request socket is kept, so nothing resends the SYN-ACK; only a retransmitted SYN gets another. The
   * SYN-ACK still carries the server's own MSS (tcp_make_synack).
   */
  private answerWithCookie(attempt: ConnectionAttempt, syn: ConnectionAttempt['syns'][number]): void {
    syn.fate = 'answered';
    syn.cookie = true;
    if (attempt.cookieIsn === null) attempt.cookieIsn = this.serverRandom.uint32();
    attempt.serverIsn = attempt.cookieIsn;
    attempt.serverNextSeq = (attempt.serverIsn + 1) >>> 0;
    this.sendSynAck(attempt, syn.tsval, true);
  }

  private fourTuple(attempt: ConnectionAttempt): string {
    return `${attempt.wireAddress}:${attempt.wirePort} ${attempt.serverPort}`;
  }

  /**
   * A SYN of a new attempt meets the server's TIME-WAIT socket of the previous connection on its
   * four-tuple, if one is alive (timeWaitSocket.ts): true when it goes on to the listener.
   */
  private passesTimeWait(attempt: ConnectionAttempt, synIndex: number): boolean {
    const key = this.fourTuple(attempt);
    const held = this.timeWait.get(key);
    if (!held || held.attempt === attempt) return true;
    const now = this.queue.nowUs;
    if (now >= held.attempt.timeWaitUntilUs) {
      this.timeWait.delete(key);
      return true;
    }
    const syn = attempt.syns[synIndex];
    const answer = synMeetsTimeWait(held.socket, attempt.isn, syn.tsval, now);
    if (answer.kind === 'new-connection') {
      this.timeWait.delete(key);
      attempt.timeWaitIsn = answer.serverIsn;
      return true;
    }
    if (answer.kind === 'rate-limited') {
      syn.fate = 'time-wait-skipped';
      return false;
    }
    syn.fate = 'time-wait-ack';
    const old = held.attempt;
    const ack = held.socket.rcvNxt;
    // tcp_v4_timewait_ack: the old connection's sequence and acknowledgement, its timestamps if it had them.
    this.serverSend(attempt, {
      seq: held.socket.sndNxt, ack, flags: TcpFlag.ACK, window: ESTABLISHED_WINDOW,
      timestamp: held.socket.tsRecent === null ? undefined : { tsval: this.serverTsval(old), tsecr: held.socket.tsRecent },
    }, () => this.clientReceives(attempt, TcpFlag.ACK, () => this.clientReceivesForeignAck(attempt, ack)));
    return false;
  }

  /**
   * The client in SYN-SENT gets an ACK that does not acknowledge its SYN: it answers with a RST whose
   * sequence number is that acknowledgement (tcp_rcv_synsent_state_process → reset_and_undo, then
   * tcp_v4_send_reset), and sends its first SYN again at once (SYN_AFTER_INVALID_ACK_US).
   */
  private clientReceivesForeignAck(attempt: ConnectionAttempt, ack: number): void {
    if (attempt.clientState !== 'syn-sent') return;
    this.clientSend(attempt, { seq: ack, ack: 0, flags: TcpFlag.RST, window: 0 }, () => this.serverReceivesForeignReset(attempt, ack));
    if (attempt.syns.length === 1) this.queue.schedule(this.queue.nowUs + SYN_AFTER_INVALID_ACK_US, () => this.sendSyn(attempt));
  }

  private serverReceivesForeignReset(attempt: ConnectionAttempt, seq: number): void {
    const key = this.fourTuple(attempt);
    const held = this.timeWait.get(key);
    if (!held || held.attempt === attempt) return;
    const from = this.spec.server.rfc1337FromSeconds;
    const rfc1337 = from !== undefined && this.queue.nowUs >= from * 1e6;
    if (resetEndsTimeWait(held.socket, seq, rfc1337)) this.timeWait.delete(key);
  }

  private sendSynAck(attempt: ConnectionAttempt, synTsval: number | null, cookie = false): void {
    this.queue.schedule(this.queue.nowUs + this.serverRandom.int(15, 60), () => this.sendSynAckNow(attempt, synTsval, cookie));
  }

  /**
   * A cookie's options: without timestamps tcp_conn_request clears them (tcp_clear_options), as the ISN has
   * no room for window scale and SACK; with timestamps cookie_init_timestamp writes them into the TSval's
   * low bits, below the clock (a value above it is moved one step of 2^TSBITS down).
   */
  private sendSynAckNow(attempt: ConnectionAttempt, synTsval: number | null, cookie: boolean): void {
    const clock = synTsval === null ? undefined : this.serverTsval(attempt);
    const tsval = clock === undefined || !cookie ? clock : cookieTsval(clock);
    const optionsCleared = cookie && synTsval === null;
    this.serverSend(attempt, {
      seq: attempt.serverIsn, ack: (attempt.isn + 1) >>> 0, flags: TcpFlag.SYN | TcpFlag.ACK, window: SERVER_SYN_WINDOW,
      mss: MSS, sackPermitted: !optionsCleared, windowScale: optionsCleared ? undefined : WINDOW_SCALE,
      timestamp: tsval === undefined || synTsval === null ? undefined : { tsval, tsecr: synTsval },
    }, () => this.clientReceives(attempt, TcpFlag.SYN | TcpFlag.ACK, () => this.clientReceivesSynAck(attempt)));
  }

  private serverTsval(attempt: ConnectionAttempt): number {
    return this.serverClock.tsvalAt(this.queue.nowUs, this.spec.server.address, attempt.wireAddress, attempt.serverPort, attempt.wirePort);
  }

  /** ts_recent follows every in-order segment from the client (tcp_replace_ts_recent). */
  private serverAcceptsTsval(attempt: ConnectionAttempt, tsval: number | null): void {
    if (tsval !== null) attempt.serverTsRecent = { ts: tsval, when: this.serverSeconds() };
  }

  private serverReceivesHandshakeAck(attempt: ConnectionAttempt): void {
    // cookie_v4_check: the ACK of a cookie creates the connection; the scenarios with cookies accept fast
    // enough that the accept queue never fills, so its drop of that ACK (ListenOverflows) is not modelled.
    const cookie = attempt.serverState === 'none' && attempt.cookieIsn !== null;
    if (attempt.serverState !== 'syn-recv' && !cookie) return;
    attempt.serverState = 'established';
    if (!this.listenQueue) {
      this.serverSendData(attempt, 0);
      return;
    }
    // The child waits in the accept queue; the application speaks once its accept loop takes it.
    if (cookie) this.listenQueue.cookieCompleted(attempt.id);
    else this.listenQueue.requestCompleted(attempt.id);
    this.scheduleAccept();
  }

  /** A request socket that never completed is freed (client RST, or its SYN-ACKs ran out). */
  private serverDropsRequest(attempt: ConnectionAttempt): void {
    if (attempt.serverState !== 'syn-recv') return;
    attempt.serverState = 'reset';
    this.listenQueue?.requestDropped();
  }

  /** The application's accept loop: one connection per `acceptIntervalMs`, while any is waiting. */
  private scheduleAccept(): void {
    if (!this.listenQueue || this.nextAcceptUs !== null || this.listenQueue.waiting === 0) return;
    const intervalUs = this.spec.server.listen!.acceptIntervalMs * 1000;
    this.nextAcceptUs = Math.max(this.queue.nowUs, this.lastAcceptUs + intervalUs);
    this.queue.schedule(this.nextAcceptUs, () => {
      this.nextAcceptUs = null;
      this.lastAcceptUs = this.queue.nowUs;
      const id = this.listenQueue!.accept();
      if (id !== null) this.serverSendData(this.attempts[id - 1], 0);
      this.scheduleAccept();
    });
  }

  private serverSendData(attempt: ConnectionAttempt, step: number): void {
    const processingUs = this.serverRandom.int(100, 2_000);
    this.queue.schedule(this.queue.nowUs + processingUs, () => {
      this.serverSendAck(attempt, TcpFlag.PSH, CONVERSATION[step].bytes, () =>
        this.clientReceives(attempt, 0, () => this.clientReceivesData(attempt, step)));
    });
  }

  private serverReceivesData(attempt: ConnectionAttempt, step: number): void {
    const next = step + 1;
    if (next < CONVERSATION.length) {
      this.serverSendData(attempt, next);
      return;
    }
    // COM_QUIT: mysqld closes the connection first.
    attempt.serverState = 'closing';
    this.serverSendAck(attempt, TcpFlag.FIN, 0, () =>
      this.clientReceives(attempt, TcpFlag.FIN, () => this.clientReceivesFin(attempt)));
  }

  private serverReceivesFin(attempt: ConnectionAttempt): void {
    this.serverSendAck(attempt, 0, 0, () =>
      this.clientReceives(attempt, TcpFlag.ACK, () => { attempt.clientState = 'closed'; this.releasePorts(attempt); }));
    // tcp_time_wait: the server closed first, so its socket enters TIME-WAIT here.
    attempt.serverState = 'time-wait';
    attempt.timeWaitUntilUs = this.queue.nowUs + TCP_TIMEWAIT_LEN_US;
    this.timeWait.set(this.fourTuple(attempt), {
      attempt,
      socket: { rcvNxt: attempt.clientNextSeq, sndNxt: attempt.serverNextSeq, tsRecent: attempt.host.timestamps ? (attempt.serverTsRecent?.ts ?? null) : null, lastOowAckUs: -Infinity },
    });
    if (this.spec.server.twRecycle && attempt.serverTsRecent) {
      this.stamps.remember(attempt.wireAddress, attempt.serverTsRecent.ts, attempt.serverTsRecent.when, this.serverSeconds(), attempt.id);
    }
  }

  private serverSendAck(attempt: ConnectionAttempt, flags: number, payloadLength: number, atClient: () => void): void {
    const withTimestamps = attempt.host.timestamps;
    this.serverSend(attempt, {
      seq: attempt.serverNextSeq, ack: attempt.clientNextSeq, flags: TcpFlag.ACK | flags, window: ESTABLISHED_WINDOW,
      timestamp: withTimestamps ? { tsval: this.serverTsval(attempt), tsecr: attempt.serverTsRecent?.ts ?? 0 } : undefined,
      payloadLength,
    }, atClient);
    attempt.serverNextSeq = (attempt.serverNextSeq + payloadLength + (flags & TcpFlag.FIN ? 1 : 0)) >>> 0;
  }

  // ---- the path and the capture points ----

  private delayUs(): number {
    const path = this.spec.path;
    return Math.round(path.oneWayDelayMs * 1000 + this.pathRandom.next() * path.jitterMs * 1000);
  }

  private clientCapturesPod(attempt: ConnectionAttempt): boolean {
    const capture = this.spec.captures.client;
    return capture.point === 'pod' && (!capture.pods || capture.pods.includes(attempt.host.spec.name));
  }

  /** A segment from the client: seen in the pod, NATed and seen on the node, then across the path. */
  private clientSend(attempt: ConnectionAttempt, fields: Omit<WireSegment, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'ttl'>, atServer: () => void, isSyn = false): void {
    const now = this.queue.nowUs;
    const nat = attempt.host.nat;
    const server = this.spec.server.address;
    const inPod: WireSegment = { ...fields, src: attempt.host.spec.address, dst: server, srcPort: attempt.podPort, dstPort: attempt.serverPort, ttl: INITIAL_TTL };
    const leavesNodeUs = nat ? now + NODE_FORWARD_US : now;
    const onNode: WireSegment = nat ? { ...inPod, src: nat.address, srcPort: attempt.wirePort, ttl: INITIAL_TTL - 1 } : inPod;
    if (this.clientCapturesPod(attempt)) this.clientSink.record(now, inPod);
    if (isSyn && nat && this.lostToSnatRace(attempt, nat, now)) return;
    if (this.spec.captures.client.point === 'node') this.clientSink.record(leavesNodeUs, onNode);
    this.nodeSink?.record(leavesNodeUs, onNode);
    if (isSyn && (this.pathRandom.chance(this.spec.path.synLossProbability) || this.firstSynLost(attempt))) return;
    if (isSyn && this.spec.path.middlebox?.resetPorts.includes(attempt.serverPort)) {
      this.middleboxResets(attempt, leavesNodeUs);
      return;
    }
    const arrival = Math.max(leavesNodeUs + this.delayUs(), attempt.lastArrivalToServerUs + 1);
    attempt.lastArrivalToServerUs = arrival;
    const atServerSegment: WireSegment = { ...onNode, ttl: onNode.ttl - this.spec.path.hops };
    this.queue.schedule(arrival, () => {
      this.serverSink.record(arrival, atServerSegment);
      if ((attempt.serverState !== 'none' || attempt.cookieIsn !== null) && atServerSegment.timestamp) this.serverAcceptsTsval(attempt, atServerSegment.timestamp.tsval);
      atServer();
    });
  }

  /** Only the first SYN of a connection, lost now and then (`firstSynLossProbability`); draws nothing when absent. */
  private firstSynLost(attempt: ConnectionAttempt): boolean {
    return attempt.syns.length === 1 && this.pathRandom.chance(this.spec.path.firstSynLossProbability ?? 0);
  }

  /**
   * The device in front of the server rejects the SYN in the server's name (netfilter's nf_send_reset:
   * RST|ACK acknowledging the SYN, the device's own initial TTL), so the reset crosses one router fewer
   * than the server's replies and the server never sees the SYN.
   */
  private middleboxResets(attempt: ConnectionAttempt, leavesNodeUs: number): void {
    attempt.syns[attempt.syns.length - 1].fate = 'reset-by-middlebox';
    const atDeviceUs = leavesNodeUs + this.delayUs();
    const reset: WireSegment = {
      src: this.spec.server.address, dst: attempt.wireAddress, srcPort: attempt.serverPort, dstPort: attempt.wirePort,
      seq: 0, ack: (attempt.isn + 1) >>> 0, flags: TcpFlag.RST | TcpFlag.ACK, window: 0, ttl: INITIAL_TTL,
    };
    this.queue.schedule(atDeviceUs, () => this.towardClient(attempt, reset, INITIAL_TTL - (this.spec.path.hops - 1), () =>
      this.clientReceives(attempt, TcpFlag.RST, () => { attempt.clientState = 'refused'; this.releasePorts(attempt); })));
  }

  /** A segment from the server: seen at the server, across the path (unless this flow's replies are lost), on the node, in the pod. */
  private serverSend(attempt: ConnectionAttempt, fields: Omit<WireSegment, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'ttl'>, atClient: () => void): void {
    const fromServer: WireSegment = { ...fields, src: this.spec.server.address, dst: attempt.wireAddress, srcPort: attempt.serverPort, dstPort: attempt.wirePort, ttl: INITIAL_TTL };
    this.serverSink.record(this.queue.nowUs, fromServer);
    if (attempt.repliesLost) return;
    this.towardClient(attempt, fromServer, INITIAL_TTL - this.spec.path.hops, atClient);
  }

  /** A segment from the server's side across the path: on the node with `ttlAtNode`, then in the pod. */
  private towardClient(attempt: ConnectionAttempt, segment: WireSegment, ttlAtNode: number, atClient: () => void): void {
    const now = this.queue.nowUs;
    const nat = attempt.host.nat;
    const arrival = Math.max(now + this.delayUs(), attempt.lastArrivalToClientUs + 1);
    attempt.lastArrivalToClientUs = arrival;
    const onNode: WireSegment = { ...segment, ttl: ttlAtNode };
    const inPod: WireSegment = nat ? { ...onNode, dst: attempt.host.spec.address, dstPort: attempt.podPort, ttl: onNode.ttl - 1 } : onNode;
    const inPodUs = nat ? arrival + NODE_FORWARD_US : arrival;
    this.queue.schedule(arrival, () => {
      if (this.spec.captures.client.point === 'node') this.clientSink.record(arrival, onNode);
      this.nodeSink?.record(arrival, onNode);
    });
    this.queue.schedule(inPodUs, () => {
      if (this.clientCapturesPod(attempt)) this.clientSink.record(inPodUs, inPod);
      if (inPod.timestamp) attempt.clientTsRecent = inPod.timestamp.tsval;
      atClient();
    });
  }

  /**
   * The conntrack SNAT race: a first SYN passing SNAT within the window of another connection's first SYN
   * to the same server gets the tuple the other is being given, and is dropped when its entry is confirmed
   * (insert_failed); the retransmission is given a fresh port. Only a first SYN races: later ones find
   * the other's entry confirmed.
   */
  private lostToSnatRace(attempt: ConnectionAttempt, nat: NodeNat, now: number): boolean {
    if (attempt.syns.length !== 1 || nat.clashWindowUs <= 0) return false;
    const key = `${this.spec.server.address}:${attempt.serverPort}`;
    const previous = nat.lastFirstSynUs.get(key);
    nat.lastFirstSynUs.set(key, now);
    if (previous === undefined || now - previous > nat.clashWindowUs) return false;
    attempt.syns[0].fate = 'dropped-at-node';
    nat.ports.release(attempt.wirePort, now);
    attempt.wirePort = nat.ports.allocate(undefined, now);
    return true;
  }

  private releasePorts(attempt: ConnectionAttempt): void {
    const now = this.queue.nowUs;
    attempt.host.ephemeralPorts.release(attempt.podPort, now);
    attempt.host.nat?.ports.release(attempt.wirePort, now);
  }

  // ---- the ground truth ----

  private fateOf(attempt: ConnectionAttempt): AttemptFate {
    if (attempt.everEstablished) return 'established';
    const fates = new Set(attempt.syns.map((syn) => syn.fate));
    if (fates.has('time-wait-ack') || fates.has('time-wait-skipped')) return 'time-wait-collision';
    if (attempt.refusedByServer) return attempt.repliesLost ? 'reply-lost' : 'refused';
    if (fates.has('reset-by-middlebox')) return 'reset-by-middlebox';
    if (fates.has('answered')) return 'reply-lost';
    if (fates.has('paws-dropped')) return 'paws-dropped';
    if (fates.has('dropped-at-server')) return 'dropped-at-server';
    return 'lost-before-server';
  }

  private truth(): ScenarioTruth {
    const spec = this.spec;
    const server = spec.server;
    const attempts: AttemptTruth[] = this.attempts.map((attempt) => ({
      id: attempt.id,
      host: attempt.host.spec.name,
      client: `${attempt.host.spec.address}:${attempt.podPort}`,
      atServer: `${attempt.wireAddress}:${attempt.wirePort}`,
      server: `${server.address}:${attempt.serverPort}`,
      isn: attempt.isn,
      start: this.clientSink.epochSeconds(attempt.startUs),
      fate: this.fateOf(attempt),
      syns: attempt.syns,
      inClientCapture: spec.captures.client.point === 'node' || this.clientCapturesPod(attempt),
    }));
    const fates: ScenarioTruth['fates'] = Object.fromEntries(FATE_ORDER.map((fate) => [fate, 0])) as Record<CountedFate, number>;
    for (const attempt of attempts) fates[attempt.fate] = (fates[attempt.fate] ?? 0) + 1;
    return {
      scenario: spec.name,
      description: spec.description,
      seed: spec.seed,
      server: {
        address: server.address, listenPorts: server.listenPorts, twRecycle: server.twRecycle, clockOffsetSeconds: server.clockOffsetSeconds,
        dropSynWithoutTimestamp: server.dropSynWithoutTimestamp ?? true,
      },
      clientCapture: { point: spec.captures.client.point, format: spec.captures.client.format, linkType: spec.captures.client.linkType },
      ...(spec.captures.node ? { nodeCapture: { format: spec.captures.node.format, linkType: spec.captures.node.linkType } } : {}),
      serverCapture: { format: spec.captures.server.format, linkType: spec.captures.server.linkType },
      hosts: this.hosts.map((host) => ({
        name: host.spec.name,
        address: host.spec.address,
        natAddress: host.nat?.address ?? null,
        tsvalOffsetScope: host.clock.offsetScope,
        tsvalHz: host.clock.hz,
        timestamps: host.timestamps,
      })),
      counters: { pawsPassiveRejected: this.stamps.pawsPassiveRejected, listenDrops: this.listenDrops },
      fates,
      attempts,
    };
  }
}

/** syncookies.c `cookie_init_timestamp`: the clock with its low TSBITS replaced by the SYN's window scale and SACK, never above the clock. */
function cookieTsval(clock: number): number {
  const options = WINDOW_SCALE | COOKIE_TS_OPT_SACK;
  let tsval = Math.floor(clock / 2 ** COOKIE_TSBITS) * 2 ** COOKIE_TSBITS + options;
  if (tsval > clock) tsval -= 2 ** COOKIE_TSBITS;
  return tsval >>> 0;
}
