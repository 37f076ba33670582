/**
 * Whether a reset that came from the server's direction was sent by the server, told from one capture.
 * A host sends its SYN-ACKs and its resets with the same initial TTL (Linux: net.ipv4.ip_default_ttl for
 * both, tcp_v4_send_reset and tcp_v4_send_synack), so along one path they arrive with the same TTL. A reset
 * arriving with a TTL none of that server's SYN-ACKs in the capture had crossed another number of hops,
 * or started from another initial TTL: another device sent it.
 */
import type { HandshakeAttempt } from '../model.js';

export type ResetOrigin = 'server' | 'elsewhere' | 'unknown';

/** The TTLs the SYN-ACKs of each server address arrived with in one capture. */
export type ServerTtls = ReadonlyMap<string, ReadonlySet<number>>;

export function synAckTtlsByServer(attempts: readonly HandshakeAttempt[]): ServerTtls {
  const ttls = new Map<string, Set<number>>();
  for (const attempt of attempts) {
    const ttl = attempt.synAck?.ttl;
    if (ttl === undefined) continue;
    const seen = ttls.get(attempt.server.address);
    if (seen) seen.add(ttl);
    else ttls.set(attempt.server.address, new Set([ttl]));
  }
  return ttls;
}

/** `unknown` without a reset from the server's side, without its TTL, or without SYN-ACKs to compare. */
export function resetOrigin(attempt: HandshakeAttempt, ttls: ServerTtls): ResetOrigin {
  const rst = attempt.rst;
  const ttl = rst?.from === 'server' ? rst.ttl : undefined;
  if (ttl === undefined) return 'unknown';
  const known = ttls.get(attempt.server.address);
  if (!known || known.size === 0) return 'unknown';
  return known.has(ttl) ? 'server' : 'elsewhere';
}
