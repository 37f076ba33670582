/**
 * Which artifact a document is, from its name first and then from its first lines, so that output pasted
 * into `notes.txt` or an untitled editor is still recognised. `/proc/net/netstat` and `/proc/net/snmp`
 * (a header line of names, then a line of values) count as nstat: their names are nstat's.
 */
import { sniffTextArtifact } from '../../analyzer/evidence/artifactSniff.js';
import { splitLines } from './textLines.js';

export type ArtifactLanguage = 'sysctl' | 'netstat' | 'nstat';

export function detectArtifactLanguage(fileName: string, firstLines: readonly string[] | string): ArtifactLanguage | undefined {
  return byName(fileName) ?? byContent(typeof firstLines === 'string' ? splitLines(firstLines) : firstLines);
}

function byName(fileName: string): ArtifactLanguage | undefined {
  const path = fileName.replace(/\\/g, '/').toLowerCase();
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'sysctl.conf' || base.endsWith('.sysctl') || /\/sysctl\.d\/[^/]+\.conf$/.test(path)) return 'sysctl';
  // The same names as the languages contributed in package.json.
  if (base.endsWith('.netstat') || base === 'netstat.txt' || /^netstat[-_]s.*\.txt$/.test(base)) return 'netstat';
  if (base.endsWith('.nstat') || base === 'nstat.txt' || /^nstat[-_].*\.txt$/.test(base)) return 'nstat';
  return undefined;
}

/** The analyzer's content test, for the kinds that have a language (conntrack and ss output have none). */
function byContent(lines: readonly string[]): ArtifactLanguage | undefined {
  const kind = sniffTextArtifact(lines);
  return kind === 'sysctl' || kind === 'netstat' || kind === 'nstat' ? kind : undefined;
}
