/**
 * Reads `ss -lnt` / `ss -ltn` (also with `-p`, and `ss -tan` with its other states): State, Recv-Q,
 * Send-Q, Local Address:Port, Peer Address:Port, then the process column. For a LISTEN socket the kernel
 * reports the accept queue's current length as Recv-Q and its limit, the backlog, as Send-Q
 * (`tcp_diag_get_info`: `r->idiag_rqueue = READ_ONCE(sk->sk_ack_backlog)`, `r->idiag_wqueue =
 * READ_ONCE(sk->sk_max_ack_backlog)`); for other states they are bytes unread and unacknowledged.
 * Local addresses come as `0.0.0.0:3306`, `*:3306`, `[::]:3306`, `:::3306` (older ss) or
 * `127.0.0.53%lo:53`.
 */
import { rangeOn, splitLines, type TextRange } from './textLines.js';

export interface SocketLine {
  /** Zero-based line in the file. */
  line: number;
  range: TextRange;
  state: string;
  recvQ: number;
  sendQ: number;
  /** The local address without brackets or `%interface`; `*` for any. */
  address: string;
  /** null for `*`. */
  port: number | null;
  /** The `-p` column as printed, e.g. `users:(("mysqld",pid=812,fd=21))`; null without it. */
  process: string | null;
}

// The process column is trimmed in code: a lazy group before `\s*$` backtracks quadratically on blanks.
const ROW = /^\s*(?:(?:tcp|tcp6|mptcp)\s+)?([A-Z][A-Z0-9-]{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\S+)\s+(\S+)(?:\s+(\S.*))?\s*$/s;

export function readSocketLines(text: string): SocketLine[] {
  const sockets: SocketLine[] = [];
  splitLines(text).forEach((source, line) => {
    const row = ROW.exec(source);
    if (!row) return;
    const local = splitEndpoint(row[4]);
    if (!local || !splitEndpoint(row[5])) return;
    sockets.push({
      line, range: rangeOn(line, 0, source.trimEnd().length),
      state: row[1], recvQ: Number(row[2]), sendQ: Number(row[3]),
      address: local.address, port: local.port, process: row[6] ? row[6].trimEnd() : null,
    });
  });
  return sockets;
}

/** `[::]:3306`, `0.0.0.0:3306`, `:::3306`, `*:*`, `10.0.0.1%eth0:22` → address and port. */
function splitEndpoint(text: string): { address: string; port: number | null } | null {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return null;
  const portText = text.slice(colon + 1);
  if (portText !== '*' && !/^\d{1,5}$/.test(portText)) return null;
  const port = portText === '*' ? null : Number(portText);
  if (port !== null && port > 65535) return null;
  let address = text.slice(0, colon);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const scope = address.indexOf('%');
  if (scope >= 0) address = address.slice(0, scope);
  if (address === '') address = '::';
  return { address, port };
}
