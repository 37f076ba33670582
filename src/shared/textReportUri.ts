/**
 * The URI of a text report names the capture (and the paired server capture) it shows. They travel as
 * base64url in the first path segment, because VS Code re-encodes a URI's query (`=` → `%3D`) and a
 * capture URI nested in a query would not survive the round trip; base64url has only unreserved
 * characters. The last segment is the name the editor tab shows.
 */
import { TEXT_REPORT_SCHEME, type CapturePathRef } from './lspExtensions.js';

export interface TextReportTarget {
  uri: string;
  pairedServerUri?: string;
  /** The path the capture was correlated along, if any. */
  path?: CapturePathRef;
}

function isPathRef(value: unknown): value is CapturePathRef {
  if (typeof value !== 'object' || value === null) return false;
  const { uris, serverUri } = value as { uris?: unknown; serverUri?: unknown };
  return Array.isArray(uris) && uris.every((uri) => typeof uri === 'string') && (serverUri === undefined || typeof serverUri === 'string');
}

function lastSegment(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'capture';
  return encodeURIComponent(name.replace(/[\s\\]/g, '_'));
}

export function textReportUri(target: TextReportTarget): string {
  const parts: unknown[] = [target.uri, target.pairedServerUri ?? null, ...(target.path ? [target.path] : [])];
  const token = Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
  return `${TEXT_REPORT_SCHEME}:/${token}/${lastSegment(target.uri)}.handshakes`;
}

/** null for a URI that is not a text report's, or whose token is damaged. */
export function parseTextReportUri(reportUri: string): TextReportTarget | null {
  const match = /^([a-z-]+):\/([A-Za-z0-9_-]+)\//.exec(reportUri);
  if (!match || match[1] !== TEXT_REPORT_SCHEME) return null;
  try {
    const [uri, pairedServerUri, path] = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as unknown[];
    if (typeof uri !== 'string') return null;
    return { uri, ...(typeof pairedServerUri === 'string' ? { pairedServerUri } : {}), ...(isPathRef(path) ? { path: { uris: path.uris, ...(path.serverUri === undefined ? {} : { serverUri: path.serverUri }) } } : {}) };
  } catch {
    return null;
  }
}
