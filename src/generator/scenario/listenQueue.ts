/**
 * A listening socket's two queues, as Linux 4.4 and later admit a SYN with net.ipv4.tcp_syncookies=0
 * (tcp_input.c tcp_conn_request), written from the kernel and not from the analyzer:
 *
 *     if ((syncookies == 2 || inet_csk_reqsk_queue_is_full(sk)) && !isn) {
 *             want_cookie = tcp_syn_flood_action(...);   // false with tcp_syncookies=0
 *             if (!want_cookie) goto drop;
 *     }
 *     if (sk_acceptq_is_full(sk)) { NET_INC_STATS(net, LINUX_MIB_LISTENOVERFLOWS); goto drop; }
 *
 * `inet_csk_reqsk_queue_is_full`: pending requests (SYN_RECV) >= sk_max_ack_backlog; `sk_acceptq_is_full`:
 * established connections not yet accepted > sk_max_ack_backlog. `listen(fd, 1)` sets the backlog to 1.
 * Both drops are silent and count in ListenDrops.
 */

export class ListenQueue {
  /** Requests in SYN_RECV (the "SYN queue"). */
  private pending = 0;
  /** Established connections the application has not accepted yet, oldest first. */
  private readonly established: number[] = [];

  constructor(private readonly backlog: number) {}

  /** Whether tcp_conn_request lets a new SYN through to a request socket. */
  admitsSyn(): boolean {
    return !this.synQueueFull() && !this.acceptQueueFull();
  }

  /** inet_csk_reqsk_queue_is_full: the test that turns to a SYN cookie when tcp_syncookies is on. */
  synQueueFull(): boolean {
    return this.pending >= this.backlog;
  }

  /** sk_acceptq_is_full: a SYN is dropped then, cookie or not. */
  acceptQueueFull(): boolean {
    return this.established.length > this.backlog;
  }

  requestCreated(): void {
    this.pending++;
  }

  /** A request left SYN_RECV without completing (reset by the client, or it expired). */
  requestDropped(): void {
    this.pending = Math.max(0, this.pending - 1);
  }

  /** The handshake's ACK: the request becomes an established child in the accept queue. */
  requestCompleted(attemptId: number): void {
    this.pending = Math.max(0, this.pending - 1);
    this.established.push(attemptId);
  }

  /** A valid cookie in the client's ACK (cookie_v4_check): a child in the accept queue, with no request to free. */
  cookieCompleted(attemptId: number): void {
    this.established.push(attemptId);
  }

  /** accept(2): the oldest established connection, or null when the queue is empty. */
  accept(): number | null {
    return this.established.shift() ?? null;
  }

  get waiting(): number {
    return this.established.length;
  }
}
