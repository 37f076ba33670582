/**
 * What NAT did to each matched attempt, and per capture pair which client addresses appear at the server
 * as which address: `10.244.1.7:51234` in a pod-side capture is `192.168.0.2:51234` at the server.
 */
import { endpointText } from '../model.js';
import type { AttemptMatch } from './attemptMatching.js';

export interface AttemptTranslation {
  clientId: number;
  serverId: number;
  /** The client as the client capture shows it. */
  before: string;
  /** The client as the server capture shows it. */
  after: string;
  addressRewritten: boolean;
  portRewritten: boolean;
  /** The server as the client addressed it, and as the server capture shows it (DNAT). */
  serverBefore: string;
  serverAfter: string;
}

export interface AddressTranslation {
  /** The client address the server sees. */
  serverSees: string;
  /** Client-capture addresses that appear at the server as `serverSees`, with their attempt counts. */
  clients: Array<{ address: string; attempts: number }>;
  attempts: number;
  portsRewritten: number;
}

export function translateAttempt(match: AttemptMatch): AttemptTranslation {
  const { client, server } = match;
  return {
    clientId: client.id,
    serverId: server.id,
    before: endpointText(client.client),
    after: endpointText(server.client),
    addressRewritten: client.client.address !== server.client.address,
    portRewritten: client.client.port !== server.client.port,
    serverBefore: endpointText(client.server),
    serverAfter: endpointText(server.server),
  };
}

export function translateAddresses(matches: readonly AttemptMatch[]): AddressTranslation[] {
  const byServerView = new Map<string, { clients: Map<string, number>; attempts: number; portsRewritten: number }>();
  for (const { client, server } of matches) {
    const entry = byServerView.get(server.client.address) ?? { clients: new Map<string, number>(), attempts: 0, portsRewritten: 0 };
    entry.clients.set(client.client.address, (entry.clients.get(client.client.address) ?? 0) + 1);
    entry.attempts++;
    if (client.client.port !== server.client.port) entry.portsRewritten++;
    byServerView.set(server.client.address, entry);
  }
  return [...byServerView].map(([serverSees, entry]) => ({
    serverSees,
    clients: [...entry.clients].map(([address, attempts]) => ({ address, attempts })).sort((a, b) => b.attempts - a.attempts),
    attempts: entry.attempts,
    portsRewritten: entry.portsRewritten,
  }));
}
