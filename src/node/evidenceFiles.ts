/**
 * Reads the files given with `--evidence [host=]FILE` for the analyzer: a file that cannot be opened is a
 * CaptureError (exit 2, as for a capture); one too large is not read at all, so no file's size sizes an
 * allocation beyond the limit.
 */
import { readFileSync, statSync } from 'node:fs';
import { MAX_EVIDENCE_BYTES, readEvidenceFile, splitHostPrefix, type EvidenceFile, type EvidenceRejection } from '../analyzer/evidence/evidenceFile.js';
import { fileError } from './openCaptureFile.js';

export function loadEvidenceFile(argument: string): EvidenceFile | EvidenceRejection {
  const { host, path } = splitHostPrefix(argument);
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.size > MAX_EVIDENCE_BYTES) return { path, reason: 'too-large', line: null, text: null };
    return readEvidenceFile(path, readFileSync(path).toString('utf8'), host);
  } catch (error) {
    throw fileError(path, error) ?? error;
  }
}
