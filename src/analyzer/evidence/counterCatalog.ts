/**
 * The kernel counters that point at failed handshakes, by their /proc/net/{snmp,netstat} field name
 * (nstat prefixes it with the section: TcpExtPAWSPassive) and by the sentence net-tools `netstat -s`
 * prints for it. Counters net-tools has no sentence for appear as `Name: value` in its TcpExt section.
 */

export type CounterSection = 'Ip' | 'Tcp' | 'TcpExt';

export type CounterId =
  | 'OutNoRoutes'
  | 'AttemptFails'
  | 'OutRsts'
  | 'PAWSPassive'
  | 'PAWSActive'
  | 'PAWSEstab'
  | 'TWRecycled'
  | 'ListenOverflows'
  | 'ListenDrops'
  | 'TCPBacklogDrop'
  | 'SyncookiesSent'
  | 'SyncookiesRecv'
  | 'SyncookiesFailed'
  | 'TCPReqQFullDrop'
  | 'TCPReqQFullDoCookies'
  | 'TCPTimeWaitOverflow'
  | 'IPReversePathFilter'
  | 'TCPACKSkippedTimeWait'
  | 'TCPChallengeACK'
  | 'TCPSynRetrans';

interface CounterSpec {
  section: CounterSection;
  /** What follows the number in netstat -s, in the wordings net-tools 1.60 to 2.10 use. */
  phrases: readonly string[];
}

export const COUNTERS: Record<CounterId, CounterSpec> = {
  OutNoRoutes: { section: 'Ip', phrases: ['dropped because of missing route'] },
  AttemptFails: { section: 'Tcp', phrases: ['failed connection attempts'] },
  OutRsts: { section: 'Tcp', phrases: ['resets sent'] },
  PAWSPassive: { section: 'TcpExt', phrases: ['passive connections rejected because of time stamp'] },
  PAWSActive: { section: 'TcpExt', phrases: ['active connections rejected because of time stamp'] },
  PAWSEstab: {
    section: 'TcpExt',
    phrases: ['packets rejects in established connections because of timestamp', 'packets rejected in established connections because of timestamp'],
  },
  TWRecycled: { section: 'TcpExt', phrases: ['time wait sockets recycled by time stamp'] },
  ListenOverflows: { section: 'TcpExt', phrases: ['times the listen queue of a socket overflowed'] },
  // net-tools 1.60 said "ignored" where later versions say "dropped".
  ListenDrops: { section: 'TcpExt', phrases: ['SYNs to LISTEN sockets dropped', 'SYNs to LISTEN sockets ignored'] },
  TCPBacklogDrop: { section: 'TcpExt', phrases: [] },
  SyncookiesSent: { section: 'TcpExt', phrases: ['SYN cookies sent'] },
  SyncookiesRecv: { section: 'TcpExt', phrases: ['SYN cookies received'] },
  SyncookiesFailed: { section: 'TcpExt', phrases: ['invalid SYN cookies received'] },
  TCPReqQFullDrop: { section: 'TcpExt', phrases: [] },
  TCPReqQFullDoCookies: { section: 'TcpExt', phrases: [] },
  TCPTimeWaitOverflow: { section: 'TcpExt', phrases: [] },
  IPReversePathFilter: { section: 'TcpExt', phrases: [] },
  TCPACKSkippedTimeWait: { section: 'TcpExt', phrases: [] },
  TCPChallengeACK: { section: 'TcpExt', phrases: ['challenge ACKs sent'] },
  TCPSynRetrans: { section: 'TcpExt', phrases: [] },
};

const BY_NSTAT_NAME = new Map<string, CounterId>(
  (Object.keys(COUNTERS) as CounterId[]).map((id) => [`${COUNTERS[id].section}${id}`, id]),
);

const BY_PHRASE = new Map<string, CounterId>(
  (Object.keys(COUNTERS) as CounterId[]).flatMap((id) => COUNTERS[id].phrases.map((phrase) => [`${COUNTERS[id].section}:${phrase}`, id] as const)),
);

/** TcpExtListenDrops → ListenDrops. */
export function counterByNstatName(name: string): CounterId | null {
  return BY_NSTAT_NAME.get(name) ?? null;
}

/** A field of a section (`TcpExt` + `TCPBacklogDrop`, as /proc and netstat's `Name: value` lines give them). */
export function counterByField(section: string, field: string): CounterId | null {
  return BY_NSTAT_NAME.get(`${section}${field}`) ?? null;
}

/** A netstat -s sentence within its section; a trailing full stop is tolerated. */
export function counterByPhrase(section: string, phrase: string): CounterId | null {
  return BY_PHRASE.get(`${section}:${phrase.replace(/\.$/, '')}`) ?? null;
}

export function nstatName(id: CounterId): string {
  return `${COUNTERS[id].section}${id}`;
}
