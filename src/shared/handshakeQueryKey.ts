/**
 * One text per filter and sort of the handshake table: the webview keys its cached pages by it and the
 * language server its cached order, so both agree on when two queries are the same.
 */
import type { HandshakeFilter, HandshakeSort } from './lspExtensions.js';

/** Without a sort the server pages in capture order, which is what `id asc` means. */
export function handshakeQueryKey(filter: HandshakeFilter, sort: HandshakeSort | undefined): string {
  return JSON.stringify([filter.failedOnly ?? false, filter.server ?? '', filter.cause ?? '', filter.text ?? '', filter.expression ?? '', sort?.column ?? 'id', sort?.direction ?? 'asc']);
}
