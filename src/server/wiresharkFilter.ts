/** The Wireshark display filter that shows one attempt: its client port and the server's address. */
import type { HandshakeAttempt } from '../analyzer/model.js';

export function wiresharkFilter(attempt: HandshakeAttempt): string {
  const field = attempt.ipVersion === 6 ? 'ipv6.addr' : 'ip.addr';
  return `tcp.port == ${attempt.client.port} && ${field} == ${attempt.server.address}`;
}
