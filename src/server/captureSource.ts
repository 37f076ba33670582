/**
 * Where a capture's bytes come from: `file:` URIs are streamed from disk by the server itself, as are the
 * files of a capture set (captureSetUri.ts); any other scheme (remote and virtual workspaces) arrives as
 * base64 from the client, which can read it.
 */
import { fileURLToPath } from 'node:url';
import type { CaptureOrSet } from '../analyzer/capture/captureSet.js';
import { MemorySource } from '../analyzer/capture/memorySource.js';
import { CaptureError } from '../analyzer/errors.js';
import { captureSetMembers } from '../node/captureSetFiles.js';
import { openCaptureFile } from '../node/openCaptureFile.js';
import { captureSetPaths, CAPTURE_SET_SCHEME } from '../shared/captureSetUri.js';
import { FollowedCapture, type FollowMode } from './followedCapture.js';

export interface OpenedCapture {
  /** A file's bytes, or a set's files in time order (each opened when the reading reaches it). */
  source: CaptureOrSet;
  /** The name errors and reports use: the file path, a set's folder or first file, or the URI for other schemes. */
  name: string;
  /** Set when the file is still being written and is read as it grows. */
  follow?: FollowedCapture;
  close(): void;
}

/** A set's files are listed (a folder read) and ordered by their first packets now, when it is read. */
function openCaptureSetUri(uri: string): OpenedCapture {
  const paths = captureSetPaths(uri);
  if (paths === null) throw new CaptureError(uri, 0, 'cannot read: not a capture set this extension named', 'cannot-read');
  const members = captureSetMembers(paths);
  return { source: members, name: paths.length === 1 ? paths[0] : members[0].name, close: () => undefined };
}

/** `follow`: a local file still being written is read as it grows (followedCapture.ts). */
export function openCaptureUri(uri: string, content: string | undefined, follow?: FollowMode): OpenedCapture {
  if (uri.startsWith(`${CAPTURE_SET_SCHEME}:`)) return openCaptureSetUri(uri);
  if (content !== undefined) {
    return { source: new MemorySource(Buffer.from(content, 'base64')), name: uri, close: () => undefined };
  }
  if (!uri.startsWith('file:')) {
    throw new CaptureError(uri, 0, 'cannot read: the client sent no content for this scheme', 'cannot-read');
  }
  const path = fileURLToPath(uri);
  const followed = follow === undefined ? null : FollowedCapture.open(path, follow);
  if (followed !== null) return { source: followed.file, name: path, follow: followed, close: () => followed.close() };
  const file = openCaptureFile(path);
  return { source: file, name: path, close: () => file.close() };
}
