/**
 * What counts as English left in the capture editor's page in Simplified Chinese: the page's text (its
 * commands, filters, codes, addresses and file names taken out, as they are typed or read as they are),
 * without quoted counter texts and paths, minus the names an engineer reads in tools. Shared by the
 * webview test (the page on its own) and the end-to-end test (the page inside code-server).
 */

/** Words that are names, not English: protocols, kernel settings and counters, tools, units. */
export const NAMES = new Set([
  'PASS', 'FAIL', 'UNKNOWN', 'SYN', 'SYN-ACK', 'ACK', 'RST', 'FIN', 'TSval', 'TSecr', 'ISN', 'NAT', 'PAWS', 'TCP', 'MSS', 'RTT', 'SACK', 'TTL', 'UTC', 'Linux',
  'pcap', 'pcapng', 'Ethernet', 'MySQL', 'Kubernetes', 'ms', 'Hz', 'netstat', 'nstat', 'sysctl', 'tcpdump', 'iptables', 'conntrack',
  'Wireshark', 'ListenOverflows', 'ListenDrops', 'PAWSPassive', 'TIME-WAIT', 'Fisher', 'RHEL', 'Debian', 'IP', 'cookie', 'seq', 'ack', 'min',
  // The operating system and the system call by name.
  'Windows', 'connect',
]);

/**
 * The text of the editor's `#app` element without what is data or typed as it is. Runs in the page
 * (playwright's evaluate): self-contained, no helper functions.
 */
export function editorProse(app: Element): string {
  const copy = app.cloneNode(true) as HTMLElement;
  // Commands, filters and codes are typed as they are; addresses and file names are data.
  for (const node of Array.from(copy.querySelectorAll('pre, code, [data-testid="capture-file"], [data-testid="server-capture-file"], .card-meta, .chip, [data-testid="ladder"] .ladder-address'))) node.remove();
  const texts: string[] = [];
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.nodeValue ?? '');
  return texts.join(' ');
}

/** The English words of `prose` (from editorProse), each once. */
export function englishWordsLeft(prose: string): string[] {
  // Quoted counter texts are what netstat -s prints (people grep for them), and paths are paths.
  const unquoted = prose.replace(/“[^”]*”|"[^"]*"/g, ' ').replace(/\/[\w./*-]+/g, ' ');
  const words = [...unquoted.matchAll(/[A-Za-z][A-Za-z_.:-]*[A-Za-z]/g)].map((match) => match[0]);
  // Kernel keys (net.ipv4.tcp_tw_recycle), counters and diagnosis codes contain _ . or - and are names.
  return [...new Set(words.filter((word) => !NAMES.has(word) && !/[_.]/.test(word) && !/^[a-z]+(-[a-z]+)+$/.test(word)))];
}
