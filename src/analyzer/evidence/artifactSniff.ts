/**
 * Which text artifact a file is, from its first meaningful lines, so that output pasted into `notes.txt`
 * is still recognised. `/proc/net/netstat` and `/proc/net/snmp` (a header line of names, then a line of
 * values) count as nstat: their names are nstat's. The language server's document detection and the
 * analysis's `--evidence` files share this one test.
 */

export type TextArtifactKind = 'sysctl' | 'netstat' | 'nstat' | 'conntrack' | 'listeners';

const SECTION = '(?:Ip|Icmp|IcmpMsg|Tcp|Udp|UdpLite|TcpExt|IpExt|MPTcpExt)';
const NETSTAT_SECTION = new RegExp(`^${SECTION}:\\s*$`);
const NSTAT_ROW = new RegExp(`^${SECTION}[A-Z]\\w*\\s+\\d+(\\s+[\\d.]+)?\\s*$`);
const PROC_HEADER = new RegExp(`^${SECTION}: [A-Z][A-Za-z0-9]*( [A-Z][A-Za-z0-9]*)+\\s*$`);
const SYSCTL_LINE = /^\s*-?(abi|crypto|debug|dev|fs|kernel|net|sunrpc|user|vm)[./][\w.\/*@:-]+\s*=/;
/** `conntrack -S`: one line per CPU, `cpu=0 found=0 invalid=3 …`. */
const CONNTRACK_LINE = /^cpu=\d+\s+[a-z_]+=\d+/;
/** `ss -lnt` / `ss -ltn` (and `ss -lntp`, `ss -a -t -n` with a Netid column): the header, or a LISTEN row. */
const SS_HEADER = /^(?:Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local\s+Address:Port/;
const SS_LISTEN = /^(?:tcp6?\s+)?LISTEN\s+\d+\s+\d+\s+\S+\s+\S+/;

/** The first 20 non-blank lines decide. */
export function sniffTextArtifact(lines: readonly string[]): TextArtifactKind | undefined {
  const meaningful = lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '').slice(0, 20);
  if (meaningful.some((l) => /^#kernel\b/.test(l) || NSTAT_ROW.test(l) || PROC_HEADER.test(l))) return 'nstat';
  if (meaningful.some((l) => NETSTAT_SECTION.test(l))) return 'netstat';
  if (meaningful.some((l) => CONNTRACK_LINE.test(l))) return 'conntrack';
  if (meaningful.some((l) => SS_HEADER.test(l) || SS_LISTEN.test(l))) return 'listeners';
  const settings = meaningful.filter((l) => !/^\s*[#;]/.test(l));
  if (settings.length > 0 && settings.some((l) => SYSCTL_LINE.test(l))) return 'sysctl';
  return undefined;
}
