/**
 * Which artifact a document is, from its name first and then from its first lines, so that output pasted
 * into `notes.txt` or an untitled editor is still recognised. `/proc/net/netstat` and `/proc/net/snmp`
 * (a header line of names, then a line of values) count as nstat: their names are nstat's.
 */
import { splitLines } from './textLines.js';

export type ArtifactLanguage = 'sysctl' | 'netstat' | 'nstat';

const SECTION = '(?:Ip|Icmp|IcmpMsg|Tcp|Udp|UdpLite|TcpExt|IpExt|MPTcpExt)';
const NETSTAT_SECTION = new RegExp(`^${SECTION}:\\s*$`);
const NSTAT_ROW = new RegExp(`^${SECTION}[A-Z]\\w*\\s+\\d+(\\s+[\\d.]+)?\\s*$`);
const PROC_HEADER = new RegExp(`^${SECTION}: [A-Z][A-Za-z0-9]*( [A-Z][A-Za-z0-9]*)+\\s*$`);
const SYSCTL_LINE = /^\s*-?(abi|crypto|debug|dev|fs|kernel|net|sunrpc|user|vm)[./][\w.\/*@:-]+\s*=/;

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

function byContent(lines: readonly string[]): ArtifactLanguage | undefined {
  const meaningful = lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '').slice(0, 20);
  if (meaningful.some((l) => /^#kernel\b/.test(l) || NSTAT_ROW.test(l) || PROC_HEADER.test(l))) return 'nstat';
  if (meaningful.some((l) => NETSTAT_SECTION.test(l))) return 'netstat';
  const settings = meaningful.filter((l) => !/^\s*[#;]/.test(l));
  if (settings.length > 0 && settings.some((l) => SYSCTL_LINE.test(l))) return 'sysctl';
  return undefined;
}
