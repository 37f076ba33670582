/**
 * Which source ports are taken, for a pod's ephemeral ports and for the node's source NAT (iptables
 * MASQUERADE, as flannel sets up: Linux keeps the pod's port when that tuple is free, `--random-fully`
 * always picks a random one). A port stays reserved for the conntrack TIME_WAIT timeout (120 s) after its
 * connection ends, longer than the server's 60 s TIME-WAIT, so the simulation never sends a SYN into one
 * of the server's TIME-WAIT sockets (a different kernel path, not simulated).
 */
import { SeededRandom } from './seededRandom.js';

const CONNTRACK_TIME_WAIT_US = 120e6;

export class PortReservations {
  /** port → time (µs) from which it may be used again. */
  private readonly busyUntil = new Map<number, number>();

  constructor(private readonly random: SeededRandom, private readonly first: number, private readonly last: number) {}

  /** `preferred` when it is free, a random free port otherwise. */
  allocate(preferred: number | undefined, nowUs: number): number {
    let port = preferred ?? this.random.int(this.first, this.last);
    while (!this.isFree(port, nowUs)) port = this.random.int(this.first, this.last);
    this.busyUntil.set(port, Number.POSITIVE_INFINITY);
    return port;
  }

  release(port: number, nowUs: number): void {
    this.busyUntil.set(port, nowUs + CONNTRACK_TIME_WAIT_US);
  }

  private isFree(port: number, nowUs: number): boolean {
    const until = this.busyUntil.get(port);
    return until === undefined || until <= nowUs;
  }
}
