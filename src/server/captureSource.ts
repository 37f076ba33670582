/**
 * Where a capture's bytes come from: `file:` URIs are streamed from disk by the server itself, any other
 * scheme (remote and virtual workspaces) arrives as base64 from the client, which can read it.
 */
import { fileURLToPath } from 'node:url';
import type { ByteSource } from '../analyzer/capture/types.js';
import { MemorySource } from '../analyzer/capture/memorySource.js';
import { CaptureError } from '../analyzer/errors.js';
import { openCaptureFile } from '../node/openCaptureFile.js';

export interface OpenedCapture {
  source: ByteSource;
  /** The name errors and reports use: the file path, or the URI for other schemes. */
  name: string;
  close(): void;
}

export function openCaptureUri(uri: string, content: string | undefined): OpenedCapture {
  if (content !== undefined) {
    return { source: new MemorySource(Buffer.from(content, 'base64')), name: uri, close: () => undefined };
  }
  if (!uri.startsWith('file:')) {
    throw new CaptureError(uri, 0, 'cannot read: the client sent no content for this scheme', 'cannot-read');
  }
  const path = fileURLToPath(uri);
  const file = openCaptureFile(path);
  return { source: file, name: path, close: () => file.close() };
}
