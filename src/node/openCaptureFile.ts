/** Opens a capture file for the analyzer, turning the operating system's refusals into CaptureErrors. */
import { statSync } from 'node:fs';
import { CaptureError } from '../analyzer/errors.js';
import { FileSource } from './fileSource.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The errno-style failure of a file operation (reading, or writing an export), as a CaptureError about `path`. */
export function fileError(path: string, error: unknown, action: 'read' | 'write' = 'read'): CaptureError | null {
  if (error instanceof CaptureError) return null;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return null;
  const reason = REASONS[code] ?? ((error as Error).message.split(',')[0] || code).toLowerCase();
  return new CaptureError(path, 0, `cannot ${action}: ${reason}`, `cannot-${action}`);
}

export function openCaptureFile(path: string): FileSource {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return new FileSource(path);
  } catch (error) {
    throw fileError(path, error) ?? error;
  }
}
