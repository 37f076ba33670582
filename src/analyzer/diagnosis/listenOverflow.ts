/**
 * Whether a server's listen queue was full, from the server capture. While the accept queue is full
 * Linux drops new SYNs (tcp_conn_request: sk_acceptq_is_full → NET_INC_STATS(LINUX_MIB_LISTENOVERFLOWS),
 * and inet_csk_reqsk_queue_is_full without cookies → TCPReqQFullDrop) and the final ACKs of handshakes
 * it answered (tcp_v4_syn_recv_sock → ListenOverflows), which leaves those handshakes complete at the
 * client and never accepted (outcome `not-accepted`). So the two come together: SYNs dropped while
 * handshakes the server has not taken are pending. A firewall's DROP rule drops SYNs with no such
 * handshakes around, and a slow application alone leaves no SYN unanswered: neither is named here.
 */
import { endpointText, type Confidence, type HandshakeAttempt } from '../model.js';

/** What the server capture shows at one server endpoint. */
export interface ListenOverflowFacts {
  server: string;
  /** Unanswered attempts with a SYN that arrived while a not-accepted handshake was pending. */
  drops: number;
  /** Handshakes complete at the client that the server never took, overlapping those drops. */
  notAccepted: number;
  /** The most not-accepted handshakes pending at the moment of one dropped SYN. */
  mostPending: number;
}

export interface ListenOverflowEvidence {
  /** Server-capture attempt id → confidence, for the drops and the not-accepted handshakes it explains. */
  explained: ReadonlyMap<number, Confidence>;
  facts: readonly ListenOverflowFacts[];
}

export const NO_LISTEN_OVERFLOW: ListenOverflowEvidence = { explained: new Map(), facts: [] };

/** From the client's ACK until the connection's last sign (its close), or the capture's end. */
function pendingSpan(attempt: HandshakeAttempt, captureEnd: number): [number, number] {
  const { teardown, rst } = attempt;
  const start = attempt.ack!.time;
  const end = Math.max(start, teardown.secondFinTime ?? teardown.firstFinTime ?? rst?.time ?? captureEnd);
  return [start, end];
}

/**
 * `high` when the capture shows a burst: at least two dropped attempts and two pending handshakes at
 * one moment; `medium` for less (one drop meeting one pending handshake could be a coincidence of a
 * firewall drop and an application that hung).
 */
export function listenOverflowEvidence(attempts: readonly HandshakeAttempt[], captureEnd: number | null): ListenOverflowEvidence {
  const byServer = new Map<string, HandshakeAttempt[]>();
  for (const attempt of attempts) {
    if (attempt.outcome !== 'not-accepted' && attempt.outcome !== 'no-reply') continue;
    const key = endpointText(attempt.server);
    const group = byServer.get(key);
    if (group) group.push(attempt);
    else byServer.set(key, [attempt]);
  }
  const explained = new Map<number, Confidence>();
  const facts: ListenOverflowFacts[] = [];
  for (const [server, group] of byServer) {
    const pending = group.filter((a) => a.outcome === 'not-accepted' && a.ack !== null);
    if (pending.length === 0) continue;
    // Sorted starts and ends count the spans holding a moment in O(log n): a hostile capture can hold
    // hundreds of thousands of attempts at one server.
    const spans = pending.map((a) => ({ id: a.id, span: pendingSpan(a, captureEnd ?? a.ack!.time) }));
    const starts = spans.map(({ span }) => span[0]).sort((x, y) => x - y);
    const ends = spans.map(({ span }) => span[1]).sort((x, y) => x - y);
    const pendingAt = (time: number): number => countAtMost(starts, time) - countBelow(ends, time);
    const drops: number[] = [];
    const dropTimes: number[] = [];
    let mostPending = 0;
    for (const attempt of group) {
      if (attempt.outcome !== 'no-reply') continue;
      let dropped = false;
      for (const syn of attempt.syns) {
        const held = pendingAt(syn.time);
        if (held === 0) continue;
        dropped = true;
        dropTimes.push(syn.time);
        mostPending = Math.max(mostPending, held);
      }
      if (dropped) drops.push(attempt.id);
    }
    if (drops.length === 0) continue;
    dropTimes.sort((x, y) => x - y);
    // A pending handshake met a drop when a dropped SYN lies inside its span.
    const met = spans.filter(({ span: [from, to] }) => countAtMost(dropTimes, to) - countBelow(dropTimes, from) > 0).map(({ id }) => id);
    const confidence: Confidence = drops.length >= 2 && mostPending >= 2 ? 'high' : 'medium';
    for (const id of [...drops, ...met]) explained.set(id, confidence);
    facts.push({ server, drops: drops.length, notAccepted: met.length, mostPending });
  }
  return { explained, facts };
}

/** How many of the sorted values are at most `value`. */
function countAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the sorted values are below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
