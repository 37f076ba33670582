/**
 * The commands each diagnosis suggests: the same in every language, with the client address and the
 * server port of the failures filled in where a command needs them.
 */
import type { DiagnosisCode, Endpoint } from '../model.js';

export interface CommandContext {
  clientAddress: string;
  /** The failures' server ports, each once, in the order of their first failure (one at least). */
  serverPorts: readonly number[];
}

/**
 * Ports a command names at most. A port scan's failures reach thousands: a filter of them all would not
 * fit a line, and only naming the first (as the commands once did) would watch one port of the scan.
 */
export const PORTS_NAMED = 8;

/** The ports of the endpoints, each once, in their order (the distinct servers of the failures, say). */
export function portsOf(servers: Iterable<Endpoint>): number[] {
  return [...new Set(Array.from(servers, (server) => server.port))];
}

/**
 * The distinct server endpoint objects of the attempts, in order of first appearance: records share one
 * object per address and port, so they are few, and a run of one is looked up once.
 */
export function distinctServers(attempts: Iterable<{ server: Endpoint }>): Set<Endpoint> {
  const servers = new Set<Endpoint>();
  let last: Endpoint | null = null;
  for (const attempt of attempts) {
    if (attempt.server !== last) servers.add((last = attempt.server));
  }
  return servers;
}

/** The commands' context of failures whose attempts are `attempts` (the client address is the first's). */
export function commandContextOf(attempts: readonly { client: Endpoint; server: Endpoint }[]): CommandContext {
  return { clientAddress: attempts[0].client.address, serverPorts: portsOf(distinctServers(attempts)) };
}

/** A capture filter for the failures' server ports: past PORTS_NAMED, the handshake segments to any port. */
function portFilter(ports: readonly number[]): string {
  if (ports.length === 1) return `tcp port ${ports[0]}`;
  if (ports.length <= PORTS_NAMED) return `tcp and (${ports.map((port) => `port ${port}`).join(' or ')})`;
  return 'tcp[tcpflags] & (tcp-syn|tcp-rst) != 0';
}

/** ss's filter of sockets on the server ports (`sport`); past PORTS_NAMED, none (every socket). */
function socketFilter(ports: readonly number[]): string {
  if (ports.length > PORTS_NAMED) return '';
  return ports.length === 1 ? ` 'sport = :${ports[0]}'` : ` '( ${ports.map((port) => `sport = :${port}`).join(' or ')} )'`;
}

/** The listening sockets of the server ports, their accept queue (Recv-Q) and backlog (Send-Q). */
function listeners(ports: readonly number[]): string {
  return `ss -lnt${socketFilter(ports)}`;
}

/** Rewrites each line that sets tcp_tw_recycle, in the files sysctl reads at boot, to 0. */
export const PERSIST_TW_RECYCLE_OFF =
  "grep -rlE '^\\s*net\\.ipv4\\.tcp_tw_recycle\\s*=' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i -E 's/^\\s*net\\.ipv4\\.tcp_tw_recycle\\s*=.*/net.ipv4.tcp_tw_recycle = 0/'";
/** Every file that could set it again, to check that none says 1. */
export const CHECK_TW_RECYCLE_FILES = 'grep -rn tcp_tw_recycle /etc/sysctl.conf /etc/sysctl.d/ /run/sysctl.d/ /usr/lib/sysctl.d/';

export function commandsFor(code: DiagnosisCode, context: CommandContext, suspected = false): string[] {
  switch (code) {
    case 'paws-tw-recycle':
      return [
        ...(suspected ? ['sysctl net.ipv4.tcp_tw_recycle net.ipv4.tcp_timestamps'] : []),
        'sysctl -w net.ipv4.tcp_tw_recycle=0',
        // Where the setting is, not a new file: /etc/sysctl.conf is applied after /etc/sysctl.d/*.conf
        // (procps' sysctl --system, systemd-sysctl), so a line there would win at boot.
        PERSIST_TW_RECYCLE_OFF,
        CHECK_TW_RECYCLE_FILES,
        "netstat -s | grep -E 'passive connections rejected because of time stamp|SYNs to LISTEN sockets dropped'",
      ];
    case 'dropped-at-server':
      return [
        "netstat -s | grep -i -E 'listen|SYNs to LISTEN'",
        listeners(context.serverPorts),
        'iptables -L -v -n',
        "dmesg | grep -i 'SYN flooding'",
      ];
    case 'listen-overflow':
      // The accept queue of each listener (Recv-Q: queued, Send-Q: the backlog) and the overflow counters.
      return [listeners(context.serverPorts), "nstat -az TcpExtListenOverflows TcpExtListenDrops TcpExtTCPReqQFullDrop", 'sysctl net.core.somaxconn net.ipv4.tcp_max_syn_backlog net.ipv4.tcp_syncookies'];
    case 'dropped-at-node':
      // On the node the SYN died in: conntrack's insert_failed/drop (the SNAT race, a full table), the
      // FORWARD chain's counters, and whether SNAT picks its ports fully at random.
      return [
        'conntrack -S',
        "dmesg | grep -i -E 'nf_conntrack: table full|conntrack'",
        'sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max',
        'iptables -vnL FORWARD',
        'iptables -t nat -vnL POSTROUTING  # MASQUERADE/SNAT rules: --random-fully',
      ];
    case 'syn-cookies':
      // The listener's queue and backlog settings, the kernel's cookie counters and its log line.
      return [
        listeners(context.serverPorts),
        'nstat -az TcpExtSyncookiesSent TcpExtSyncookiesRecv TcpExtSyncookiesFailed TcpExtTCPReqQFullDoCookies TcpExtListenOverflows',
        'sysctl net.ipv4.tcp_syncookies net.ipv4.tcp_max_syn_backlog net.core.somaxconn',
        "dmesg | grep -i 'SYN flooding'",
      ];
    case 'lost-before-server':
      return ['dmesg | grep -i conntrack', 'sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max', 'conntrack -S'];
    case 'reply-lost':
      return [`ip route get ${context.clientAddress}`, 'sysctl net.ipv4.conf.all.rp_filter', 'conntrack -S'];
    case 'refused':
      return [listeners(context.serverPorts), "iptables -L -v -n | grep -i reject"];
    case 'reset-by-middlebox':
      // On each firewall, router and node in between, not on the server: the server never sent the reset.
      return ["iptables -L -v -n | grep -i reject", "nft list ruleset | grep -i reject", `traceroute -T -p ${context.serverPorts[0]} <server address>`];
    case 'time-wait-collision':
      return [
        // On the NAT node: is the source port chosen at random (--random-fully), and how wide is the clients' range.
        "iptables -t nat -S POSTROUTING | grep -E 'MASQUERADE|SNAT'",
        'sysctl net.ipv4.ip_local_port_range',
        // On both ends: 1, so that a SYN with a newer timestamp passes TIME-WAIT.
        'sysctl net.ipv4.tcp_timestamps net.ipv4.tcp_rfc1337',
        // On the server: the connections it holds in TIME-WAIT on this port, and the counters of its answers.
        `ss -tan state time-wait${socketFilter(context.serverPorts)}`,
        'nstat -az TcpExtPAWSEstab TcpExtTCPACKSkippedTimeWait TcpExtTCPChallengeACK TcpExtTW',
      ];
    case 'unlocated':
      // The server's port, not the client's address: behind NAT the server sees the client as another address.
      return [`tcpdump -i any -w server.pcap '${portFilter(context.serverPorts)}'`];
    case 'not-covered':
    case 'nat-multiple-clocks':
    case 'captures-do-not-correspond':
    case 'isn-rewritten':
    case 'captures-do-not-overlap':
    case 'capture-roles-reversed':
    // Its commands are those of the causes that dropped the first SYNs (slowConnect.ts asks for them).
    case 'slow-connect':
      return [];
  }
}
