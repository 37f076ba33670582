/**
 * The commands each diagnosis suggests: the same in every language, with the client address and the
 * server port of the failures filled in where a command needs them.
 */
import type { DiagnosisCode } from '../model.js';

export interface CommandContext {
  clientAddress: string;
  serverPort: number;
}

export function commandsFor(code: DiagnosisCode, context: CommandContext, suspected = false): string[] {
  switch (code) {
    case 'paws-tw-recycle':
      return [
        ...(suspected ? ['sysctl net.ipv4.tcp_tw_recycle net.ipv4.tcp_timestamps'] : []),
        'sysctl -w net.ipv4.tcp_tw_recycle=0',
        "echo 'net.ipv4.tcp_tw_recycle = 0' > /etc/sysctl.d/90-tcp-tw-recycle.conf",
        "netstat -s | grep -E 'passive connections rejected because of time stamp|SYNs to LISTEN sockets dropped'",
      ];
    case 'dropped-at-server':
      return [
        "netstat -s | grep -i -E 'listen|SYNs to LISTEN'",
        `ss -lnt 'sport = :${context.serverPort}'`,
        'iptables -L -v -n',
        "dmesg | grep -i 'SYN flooding'",
      ];
    case 'lost-before-server':
      return ['dmesg | grep -i conntrack', 'sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max', 'conntrack -S'];
    case 'reply-lost':
      return [`ip route get ${context.clientAddress}`, 'sysctl net.ipv4.conf.all.rp_filter', 'conntrack -S'];
    case 'refused':
      return [`ss -lnt 'sport = :${context.serverPort}'`, "iptables -L -v -n | grep -i reject"];
    case 'unlocated':
      return [`tcpdump -i any -w server.pcap host ${context.clientAddress}`];
    case 'not-covered':
    case 'nat-multiple-clocks':
    case 'captures-do-not-correspond':
    case 'isn-rewritten':
    case 'captures-do-not-overlap':
    case 'capture-roles-reversed':
      return [];
  }
}
