/**
 * The hosts of the benchmark traffic: pods behind a node (10.244.0.0/16) talking to a few dozen
 * servers, the MySQL server of the story among them. A small share of clients speak IPv6, as in a
 * dual-stack cluster, so the decoders' IPv6 path is on the measured mix too.
 */
import { CLIENT_HOSTS } from './trafficPlan.js';

export interface Endpoint {
  address: string;
  port: number;
}

/** One client host in fifty is IPv6-only. */
const IPV6_CLIENT_EVERY = 50;
const SERVER_PORTS = [3306, 443, 80, 5432, 6379, 8080];
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

export function isIpv6Client(host: number): boolean {
  return host % IPV6_CLIENT_EVERY === 0;
}

export function clientAddress(host: number): string {
  return isIpv6Client(host) ? `fd00:244::${(host + 1).toString(16)}` : `10.244.${(host + 1) >> 8}.${(host + 1) & 0xff}`;
}

/** Server 0 is the story's MySQL server; the others serve the usual ports. */
export function serverEndpoint(server: number, ipv6: boolean): Endpoint {
  if (ipv6) return { address: `2001:db8:11::${(server + 1).toString(16)}`, port: SERVER_PORTS[server % SERVER_PORTS.length] };
  if (server === 0) return { address: '192.168.11.250', port: 3306 };
  return { address: `172.16.${server >> 4}.${(server & 0x0f) + 10}`, port: SERVER_PORTS[server % SERVER_PORTS.length] };
}

/** Ephemeral ports handed out in turn per host, from a different starting point on each host, as Linux's range. */
export class EphemeralPorts {
  private readonly next: number[];

  constructor() {
    this.next = Array.from({ length: CLIENT_HOSTS }, (_, host) => EPHEMERAL_FIRST + ((host * 7919) % (EPHEMERAL_LAST - EPHEMERAL_FIRST)));
  }

  take(host: number): number {
    const port = this.next[host];
    this.next[host] = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
    return port;
  }
}
