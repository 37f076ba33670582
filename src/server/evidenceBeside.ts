/**
 * The evidence files beside a capture in the editor: in the capture's folder, the files whose names say
 * netstat, nstat, sysctl, conntrack, ss or listen (as `notes.txt` need not be evidence, a name is needed
 * here where `--evidence` needs none), whose content is one of the kinds (artifactSniff.ts, as the
 * artifact documents are detected). Files whose host neither the name nor anything else says are left
 * out, as on the command line they weigh nothing. Only `file:` captures have a folder to look in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRejection, MAX_EVIDENCE_BYTES, readEvidenceFile, type EvidenceFile } from '../analyzer/evidence/evidenceFile.js';

const EVIDENCE_NAME = /(^|[^a-z])(n?stat|netstat|sysctl|conntrack|ss|listen)/i;
/** A folder of captures may hold thousands of files: only so many evidence names are read. */
const MAX_FILES = 64;

/** The evidence files in the folders of these capture paths, each folder once, in name order. */
export function evidenceBeside(capturePaths: readonly string[]): EvidenceFile[] {
  const files: EvidenceFile[] = [];
  for (const folder of new Set(capturePaths.map((path) => dirname(path)))) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((name) => EVIDENCE_NAME.test(name)).sort().slice(0, MAX_FILES);
    } catch {
      continue;
    }
    for (const name of names) {
      const read = readIfEvidence(join(folder, name));
      if (read !== null && read.host !== null) files.push(read);
    }
  }
  return files;
}

function readIfEvidence(path: string): EvidenceFile | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_EVIDENCE_BYTES) return null;
    const read = readEvidenceFile(path, readFileSync(path).toString('utf8'));
    return isRejection(read) ? null : read;
  } catch {
    // A file that vanished or cannot be read is simply not evidence.
    return null;
  }
}
