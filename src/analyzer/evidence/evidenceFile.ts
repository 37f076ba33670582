/**
 * One file given as evidence (`--evidence`): its kind recognised by content (the name only breaks a tie
 * the content leaves open), the host it was taken on, and what it holds. A file is one host's output:
 * its lines are never mixed with another file's. A file that is none of the kinds is a rejection naming
 * the first line that does not fit, and the analysis goes on without it.
 */
import { sniffTextArtifact, type TextArtifactKind } from './artifactSniff.js';
import { readConntrackStats, type ConntrackSnapshot } from './conntrackStats.js';
import { readCounters } from './counterReadings.js';
import { snapshots, type CounterSnapshot } from './counterSnapshots.js';
import { readSocketLines, type SocketLine } from './listenSockets.js';
import { readSysctl, type SysctlAssignment } from './sysctlFile.js';
import { splitLines } from './textLines.js';

export type EvidenceKind = TextArtifactKind;

/**
 * Where the file was taken: the server, the NAT node in front of the clients, or a client. null: neither
 * given (`server=FILE`) nor named by the file's name; such a file is quoted but weighs nothing.
 */
export type EvidenceHost = 'server' | 'node' | 'client';

export const EVIDENCE_HOSTS: readonly EvidenceHost[] = ['server', 'node', 'client'];

/** Larger files are not read: `sysctl -a` is about 100 KB, `nstat -az` 15 KB. */
export const MAX_EVIDENCE_BYTES = 16 * 1024 * 1024;

export interface EvidenceFile {
  /** As given on the command line, without the `host=` prefix. */
  path: string;
  kind: EvidenceKind;
  host: EvidenceHost | null;
  /** `given` with `host=FILE`, `name` when the file's name says it. */
  hostFrom: 'given' | 'name' | null;
  /** What the name says of the file's moment among snapshots of the same counters: `before`, `after`, or nothing. */
  moment: 'before' | 'after' | null;
  /** netstat -s / nstat: each reading in the file, in file order. */
  counters: readonly CounterSnapshot[];
  /** conntrack -S: each reading in the file. */
  conntrack: readonly ConntrackSnapshot[];
  sysctl: readonly SysctlAssignment[];
  sockets: readonly SocketLine[];
}

export type RejectionReason = 'not-evidence' | 'nothing-read' | 'too-large';

export interface EvidenceRejection {
  path: string;
  reason: RejectionReason;
  /** 1-based line that does not fit (the first non-blank one); null for a file too large or empty. */
  line: number | null;
  /** That line, cut to 80 characters. */
  text: string | null;
}

const NAME_HOSTS: ReadonlyArray<[RegExp, EvidenceHost]> = [
  [/(^|[^a-z])(server|srv)/, 'server'],
  [/(^|[^a-z])(node|nat|gateway)/, 'node'],
  [/(^|[^a-z])(client|pod)/, 'client'],
];

/** `server=nstat.txt` → the host and the path; a path holding `=` for another reason stays whole. */
export function splitHostPrefix(argument: string): { host: EvidenceHost | null; path: string } {
  const equals = argument.indexOf('=');
  const host = argument.slice(0, equals) as EvidenceHost;
  return equals > 0 && EVIDENCE_HOSTS.includes(host) ? { host, path: argument.slice(equals + 1) } : { host: null, path: argument };
}

export function hostFromName(path: string): EvidenceHost | null {
  const base = baseName(path);
  return NAME_HOSTS.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

function momentFromName(path: string): 'before' | 'after' | null {
  const base = baseName(path);
  if (/(^|[^a-z])(before|pre|start)([^a-z]|$)/.test(base)) return 'before';
  if (/(^|[^a-z])(after|post|end)([^a-z]|$)/.test(base)) return 'after';
  return null;
}

function baseName(path: string): string {
  const normal = path.replace(/\\/g, '/').toLowerCase();
  return normal.slice(normal.lastIndexOf('/') + 1);
}

/** The name's hint, for content the sniffer leaves open (a file of nstat rows it did not see in its first lines). */
function kindFromName(path: string): EvidenceKind | undefined {
  const base = baseName(path);
  if (/sysctl/.test(base)) return 'sysctl';
  if (/conntrack/.test(base)) return 'conntrack';
  if (/(^|[^a-z])ss([^a-z]|$)|listen/.test(base)) return 'listeners';
  if (/nstat/.test(base)) return 'nstat';
  if (/netstat/.test(base)) return 'netstat';
  return undefined;
}

export function readEvidenceFile(path: string, text: string, givenHost: EvidenceHost | null = null): EvidenceFile | EvidenceRejection {
  if (text.length > MAX_EVIDENCE_BYTES) return { path, reason: 'too-large', line: null, text: null };
  const lines = splitLines(text);
  const kind = sniffTextArtifact(lines) ?? kindFromName(path);
  const file: EvidenceFile = {
    path, kind: kind ?? 'nstat', host: givenHost ?? hostFromName(path), hostFrom: givenHost ? 'given' : hostFromName(path) ? 'name' : null,
    moment: momentFromName(path), counters: [], conntrack: [], sysctl: [], sockets: [],
  };
  const read = kind === undefined ? null : withContent(file, kind, text);
  if (read !== null) return read;
  const first = lines.findIndex((line) => line.trim() !== '');
  return {
    path, reason: kind === undefined ? 'not-evidence' : 'nothing-read',
    line: first < 0 ? null : first + 1, text: first < 0 ? null : printable(lines[first].trim().slice(0, 80)),
  };
}

/** The file with what its kind's reader found; null when it found nothing. */
function withContent(file: EvidenceFile, kind: EvidenceKind, text: string): EvidenceFile | null {
  switch (kind) {
    case 'netstat':
    case 'nstat': {
      const counters = snapshots(readCounters(text));
      return counters.length === 0 ? null : { ...file, counters };
    }
    case 'conntrack': {
      const conntrack = readConntrackStats(text);
      return conntrack.length === 0 ? null : { ...file, conntrack };
    }
    case 'sysctl': {
      const sysctl = readSysctl(text);
      return sysctl.length === 0 ? null : { ...file, sysctl };
    }
    case 'listeners': {
      const sockets = readSocketLines(text);
      return sockets.length === 0 ? null : { ...file, sockets };
    }
  }
}

/** A line quoted in a message: control characters (a binary file's bytes) shown as `?`. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
}

export function isRejection(read: EvidenceFile | EvidenceRejection): read is EvidenceRejection {
  return 'reason' in read;
}
