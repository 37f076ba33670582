/** The files of a capture set on disk: paths given one by one, or a folder's captures, in time order. */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureSetMember } from '../analyzer/capture/captureSet.js';
import { compressionOf } from '../analyzer/capture/compression/compressionFormat.js';
import { isPcapMagic } from '../analyzer/capture/pcap.js';
import { BlockType } from '../analyzer/capture/pcapng.js';
import { orderCaptureSet } from '../analyzer/capture/setOrder.js';
import { CaptureError } from '../analyzer/errors.js';
import { fileError, openCaptureFile } from './openCaptureFile.js';

/** A file of the set: opened when the set reaches it (a file gone by then is a damaged-file warning there). */
export function setMember(path: string): CaptureSetMember {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw fileError(path, error) ?? error;
  }
  return {
    name: path,
    size,
    open: () => {
      const source = openCaptureFile(path);
      return { source, close: () => source.close() };
    },
  };
}

/** Whether the first bytes are those of a capture or of a compressed file: a folder holds other files too. */
function looksLikeCapture(path: string): boolean {
  const head = new Uint8Array(4);
  let descriptor = -1;
  try {
    descriptor = openSync(path, 'r');
    if (readSync(descriptor, head, 0, 4, 0) < 4) return false;
  } catch {
    return false;
  } finally {
    if (descriptor >= 0) closeSync(descriptor);
  }
  const magic = new DataView(head.buffer).getUint32(0, true);
  return isPcapMagic(magic) || magic === BlockType.SectionHeader || compressionOf(head) !== null;
}

/** The captures directly in a folder (not in its subfolders), by name; the set orders them by time. */
export function folderCaptures(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    throw fileError(folder, error) ?? error;
  }
  return names.map((name) => join(folder, name)).filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true && looksLikeCapture(path));
}

export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The members of the set the paths name, folders expanded, in reading order (setOrder.ts). */
export function captureSetMembers(paths: readonly string[]): CaptureSetMember[] {
  const files = paths.flatMap((path) => (isFolder(path) ? folderCaptures(path) : [path]));
  if (files.length === 0) throw new CaptureError(paths[0], 0, 'no capture files in the folder', 'empty-set');
  return orderCaptureSet(files.map(setMember));
}
