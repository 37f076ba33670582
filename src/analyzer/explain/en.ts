/** English explanations. */
import { evidenceEn } from './evidenceEn.js';
import { captureTime, grouped, percent, plural, probability, readableDuration, seconds, serversNamed } from './format.js';
import { pairCheckEn } from './pairCheckEn.js';
import { ruledOutEn } from './ruledOutEn.js';
import { slowConnectEn } from './slowConnectEn.js';
import { synCookieEn } from './synCookieEn.js';
import { timeWaitEn } from './timeWaitEn.js';
import type { LocationCode, Texts } from './texts.js';

const UNITS = { ms: 'ms', s: 's', min: 'min', h: 'hours', days: 'days' };
const behindBy = (ms: number | null) => readableDuration(ms ?? 0, UNITS);

const LOCATION_TITLE: Record<LocationCode, (count: number, servers: string) => string> = {
  'dropped-at-server': (n, s) => `${plural(n, 'connection attempt', 'connection attempts')} reached ${s} but got no answer`,
  'lost-before-server': (n, s) => `${plural(n, 'connection attempt', 'connection attempts')} to ${s} never reached the server`,
  'dropped-at-node': (n, s) => `${plural(n, 'connection attempt', 'connection attempts')} to ${s} died on a node between two capture points, before the server`,
  'reply-lost': (n, s) => `${s} answered ${plural(n, 'connection attempt', 'connection attempts')}, but the answer never reached the client`,
  'refused': (n, s) => `${s} refused ${plural(n, 'connection attempt', 'connection attempts')} with a reset`,
  'reset-by-middlebox': (n, s) => `${plural(n, 'connection attempt', 'connection attempts')} to ${s} were reset by something in front of the server, not by the server`,
  'listen-overflow': (n, s) => `${s} had a full listen queue: ${plural(n, 'connection attempt was', 'connection attempts were')} dropped or never accepted`,
  'not-covered': (n) => `${plural(n, 'failed attempt falls', 'failed attempts fall')} outside the server capture`,
  'unlocated': (n, s) => `${plural(n, 'connection attempt', 'connection attempts')} to ${s} got no answer; where they were lost is unknown`,
};

const LOCATION_EXPLANATION: Record<LocationCode, string> = {
  'dropped-at-server':
    'The SYN arrived at the server (it is in the server capture) and the server sent neither a SYN-ACK nor a reset. ' +
    'The kernel or a firewall on the server discarded it: a full listen queue (the application accepts connections too slowly), ' +
    'an iptables/nftables DROP rule, SYN flood protection, or the tcp_tw_recycle timestamp check (the evidence says whether it can be judged here).',
  'dropped-at-node':
    'The SYN is in a capture taken before a node forwarded it (inside the pod, or on the node before NAT) and missing from a later capture on the way, ' +
    'which was recording at that moment: the node (or router) in between discarded it. On a Linux node that is netfilter: a DROP rule in the FORWARD chain, ' +
    'a full connection-tracking table, or the SNAT race, in which two connections leaving at the same moment are given the same NAT source port and the second ' +
    'is dropped when its conntrack entry is inserted (__nf_conntrack_confirm; counted as insert_failed and drop in conntrack -S); its retransmission then gets another port and passes.',
  'lost-before-server':
    'The client sent the SYN, but it never appeared in the server capture, which was running at that moment. ' +
    'It was lost on the way: a router or security group dropping it, or the connection-tracking table on the NAT node being full.',
  'reply-lost':
    'The server answered with a SYN-ACK, but the answer never reached the client. The way back differs from the way in: ' +
    'asymmetric routing, reverse-path filtering (rp_filter) dropping the reply, or connection tracking on the return path.',
  'refused':
    'The server (or a firewall in front of it) answered the SYN with a reset (RST): nothing listens on that port, ' +
    'or a firewall rule rejects the connection.',
  'reset-by-middlebox':
    'The client received a reset (RST) in answer to its SYN, but the server did not send it: the server capture, which was running, ' +
    'shows no reset leaving the server (and often not even the SYN arriving). A device on the way answered in the server\'s name: ' +
    'a firewall rule with REJECT --reject-with tcp-reset, a load balancer or proxy, or kube-proxy rejecting a service that has no endpoints. ' +
    'Whether the server listens is beside the point.',
  'listen-overflow':
    'The server\'s listen queue was full. While the accept queue holds as many connections as the backlog allows (listen(fd, backlog), capped by net.core.somaxconn), ' +
    'Linux drops new SYNs without an answer (ListenOverflows, ListenDrops) and drops the final ACK of handshakes it has answered: the client believes it is connected, ' +
    'the server keeps resending its SYN-ACK and never takes the connection, and the client waits for an answer or a greeting that never comes. ' +
    'The capture shows both at once: SYNs unanswered while handshakes the server never accepted were pending. A firewall dropping SYNs leaves no such handshakes.',
  'not-covered':
    'The server capture does not cover the moment of these attempts (it started later, ended earlier, or shows no traffic for that port), ' +
    'so it cannot tell where they failed.',
  'unlocated':
    'The SYN got no answer, and with a single capture it is impossible to tell whether it was lost on the way, dropped by the server, ' +
    'or answered with a reply that was lost on the way back.',
};

const LOCATION_FIX: Record<LocationCode, string | null> = {
  'dropped-at-server':
    'On the server, look for the counter that grows while connections fail: ListenOverflows/ListenDrops ("times the listen queue of a socket overflowed", ' +
    '"SYNs to LISTEN sockets dropped") mean a full accept queue (raise the backlog and net.core.somaxconn, or make the application accept faster); ' +
    'packet counters on DROP rules mean a firewall; "SYN flooding" in the kernel log means SYN flood protection.',
  'dropped-at-node':
    'On the node named by the evidence (the last capture that holds the SYN and the next one that misses it), look at what grows while connections fail: ' +
    'insert_failed and drop in conntrack -S (the SNAT race: give the MASQUERADE/SNAT rule --random-fully), "nf_conntrack: table full, dropping packet" in dmesg ' +
    '(raise net.netfilter.nf_conntrack_max), and the packet counters of the FORWARD chain\'s DROP/REJECT rules (iptables -vnL FORWARD).',
  'lost-before-server':
    'Follow the path from the client to the server: security groups and firewalls on the way, and on the NAT node the conntrack table ' +
    '("nf_conntrack: table full, dropping packet" in the kernel log; compare nf_conntrack_count with nf_conntrack_max).',
  'reply-lost':
    'Check the way back from the server to the client: the server\'s route to the client address, reverse-path filtering on the hosts in between, ' +
    'and connection tracking (conntrack) on the return path.',
  'refused':
    'Check that the service listens on that address and port, and look for REJECT rules on the server or on firewalls in front of it.',
  'reset-by-middlebox':
    'Look for the rule that rejects these connections on the devices between the client and the server (firewalls, routers, the node\'s iptables and kube-proxy rules, security groups), not on the server: its packet counter grows with each reset.',
  'listen-overflow':
    'Make the application accept connections faster (more workers, no blocking work before accept()), and raise the backlog it passes to listen() together with net.core.somaxconn ' +
    '(and net.ipv4.tcp_max_syn_backlog); keep net.ipv4.tcp_syncookies=1 so that a full SYN queue still answers. ListenOverflows in netstat -s grows with each drop.',
  'not-covered':
    'Capture on both sides at the same time, for long enough to include the failures.',
  'unlocated':
    'Capture on the server side at the same time, filtering on the server port rather than the client address (behind NAT the server sees the client under another address), and correlate the two captures.',
};

export const en: Texts = {
  pawsTitle: (failed, server, suspected) => suspected
    ? `Suspected: ${server} may be dropping SYNs with tcp_tw_recycle (${plural(failed, 'failed attempt', 'failed attempts')}); capture the server side to confirm`
    : `${server} dropped ${plural(failed, 'connection attempt', 'connection attempts')}: tcp_tw_recycle rejected their TCP timestamps (PAWS)`,
  pawsExplanation: (suspected) =>
    'Linux 3.x to 4.11 with net.ipv4.tcp_tw_recycle=1 (and TCP timestamps on) remembers, for every client IP address, the last TCP timestamp (TSval) ' +
    'it received on a connection that the server closed first. For the next 60 seconds it silently drops any SYN from that address ' +
    'whose TSval is older than the remembered one: no SYN-ACK, no reset, only the counters "passive connections rejected because of time stamp" ' +
    'and "SYNs to LISTEN sockets dropped" in netstat -s grow. Every host has its own timestamp clock, so when several hosts share one address ' +
    '(NAT, a Kubernetes node, a load balancer), the SYNs of the hosts whose clocks are behind are dropped while the others get through: ' +
    'connections fail now and then, and retries sometimes help. Kernels that start every connection at a random TSval trip the same check without any NAT.' +
    (suspected ? ' Only the client side was captured, so this is a suspicion: a server-side capture confirms it or rules it out.' : ''),
  pawsFix: (clientTimestampsHelp) =>
    'On the server, turn tcp_tw_recycle off now (sysctl -w), and change every line that sets it to 1 where it is: a new file in /etc/sysctl.d/ ' +
    'does not help, because /etc/sysctl.conf is applied after /etc/sysctl.d/ on Debian and RHEL, so a line there sets it back at boot. ' +
    'The option was removed in Linux 4.12, so newer kernels do not have the problem. ' +
    (clientTimestampsHelp
      ? 'Turning off net.ipv4.tcp_timestamps on the clients also stops the drops, but it loses PAWS protection and RTT measurement; prefer the server setting. '
      : 'Do not turn off net.ipv4.tcp_timestamps on the clients instead: this server (Linux 3.17 or later) drops SYNs without timestamps too while a stamp is fresh, as it did here. ') +
    'Afterwards the netstat -s counters stop growing.',
  pawsCounts: (c) =>
    `Replaying the server's timestamp rule over the capture predicts ${plural(c.predictedDrops, 'dropped SYN', 'dropped SYNs')}; ` +
    `${grouped(c.predictedDropsUnanswered)} of them indeed got no answer and ${grouped(c.predictedDropsAnswered)} were answered. ` +
    `${grouped(c.unansweredSyns)} SYNs went unanswered in all, ${grouped(c.unansweredUnpredicted)} of them not explained by the rule.`,
  pawsSyn: (f) => {
    const who = f.client === f.serverSees ? f.client : `${f.client} (${f.serverSees} at the server)`;
    const behind = f.synTsval === null
      ? 'carried no timestamp while'
      : `had TSval ${f.synTsval}, ${grouped(f.behindTicks ?? 0)} ticks (≈${behindBy(f.behindMs)}) behind`;
    return `SYN from ${who} at ${captureTime(f.time)} ${behind} TSval ${f.stampTsval}, remembered ${seconds(f.ageSeconds)} s earlier ` +
      `when the server closed its connection with ${f.stampFrom} (${captureTime(f.stampCloseTime)}): dropped.` +
      (f.nearBoundary ? ' The stamp was within a second of its 60 s limit, so this decision depends on exact kernel time.' : '');
  },
  pawsBaseRate: (r) =>
    `Against the base rate: of the SYNs the rule drops, ${grouped(r.table.a)} of ${grouped(r.table.a + r.table.b)} went unanswered (${percent(r.dropUnansweredRate)}); ` +
    `of those it let through while a stamp was fresh, ${grouped(r.table.c)} of ${grouped(r.table.c + r.table.d)} (${percent(r.acceptUnansweredRate)}). ` +
    `One-sided Fisher's exact test: p = ${probability(r.pValue)}.`,
  pawsKernelRule: (v) => {
    const seen = `${plural(v.disagreeingUnanswered + v.disagreeingAnswered, 'SYN', 'SYNs')} without timestamps met a fresh stamp: ` +
      `${grouped(v.disagreeingUnanswered)} unanswered, ${grouped(v.disagreeingAnswered)} answered`;
    switch (v.rule) {
      case '3.17+': return `${seen}; the server drops them, as Linux 3.17 and later do.`;
      case 'pre-3.17': return `${seen}; the server lets them through, as Linux before 3.17 (3.10 of CentOS 7 among them) does.`;
      case 'either': return v.disagreeingUnanswered + v.disagreeingAnswered === 0
        ? 'No SYN without timestamps met a fresh stamp, so the kernel rule before 3.17 and the one since fit alike.'
        : `${seen}; neither kernel rule fits them clearly, so they are not counted either way.`;
    }
  },
  pawsNotChecked: (timeWait, synCookie, cut) =>
    [
      timeWait > 0 ? `${plural(timeWait, 'SYN', 'SYNs')} met a TIME-WAIT socket of the same connection, which the timestamp check skips` : '',
      synCookie > 0 ? `${plural(synCookie, 'SYN was', 'SYNs were')} answered with a SYN cookie, which skips the check` : '',
      cut > 0 ? `the snapshot length cut the TSval of ${plural(cut, 'SYN', 'SYNs')}, whose timestamp is therefore unknown` : '',
    ].filter((part) => part !== '').join('; ') + ': not counted either way.',
  pawsNotPredicted: 'Replayed over the server capture, the tcp_tw_recycle timestamp rule drops none of these SYNs.',
  pawsBaseRateRuledOut: (r) =>
    `The tcp_tw_recycle rule does not explain these drops: the SYNs it lets through while a stamp is fresh went unanswered too ` +
    `(${grouped(r.table.c)} of ${grouped(r.table.c + r.table.d)}, ${percent(r.acceptUnansweredRate)}, against ${percent(r.dropUnansweredRate)} of those it drops; ` +
    `one-sided Fisher's exact test p = ${probability(r.pValue)}). The server drops SYNs for another reason, such as a full accept queue.`,
  pawsCannotJudge: (reason, r) => 'The tcp_tw_recycle timestamp check cannot be judged from this capture: ' + {
    'no-timestamps': 'no SYN carries a TCP timestamp, so the server never records a stamp the capture could show.',
    'tsval-cut': 'the snapshot length cut the SYNs\' TCP options before their timestamps; capture again with a larger snapshot length (tcpdump -s 0).',
    'no-time-wait': 'the server never closed a connection first, so no stamp is recorded in the capture (a stamp from before it began can still drop SYNs in its first 60 s).',
    'too-few': `the rule's drops went unanswered (${grouped(r.table.a)} of ${grouped(r.table.a + r.table.b)}), but too few SYNs passed a fresh stamp ` +
      `(${grouped(r.table.c + r.table.d)}) to tell them from the server's other drops (one-sided Fisher's exact test p = ${probability(r.pValue)}).`,
  }[reason],
  pawsBoundary: (n) => `${plural(n, 'decision sits', 'decisions sit')} within a second of the 60 s limit; capture timestamps stand in for the kernel's clock there.`,
  pawsBeforeFirstStamp: (n) => `${plural(n, 'unanswered SYN', 'unanswered SYNs')} in the first 60 s may have met a stamp set before the capture began.`,
  pawsMore: (n) => `… and ${plural(n, 'more SYN', 'more SYNs')} like these.`,
  pawsSuspicion: (address, clocks, perConnection) => perConnection
    ? `${address} starts every connection at a different TSval (per-connection random offsets): a server with tcp_tw_recycle=1 drops some of its SYNs even without NAT.`
    : `${address} carries ${grouped(clocks)} different TSval clocks: several hosts share this address, which is what a tcp_tw_recycle server cannot tell apart.`,
  pawsHover: (f) => f.synTsval === null
    ? `SYN without timestamp dropped: a TSval ${f.stampTsval} was recorded ${seconds(f.ageSeconds)} s ago from ${f.stampFrom} (tcp_tw_recycle)`
    : `TSval ${f.synTsval} is ${behindBy(f.behindMs)} behind ${f.stampTsval} recorded ${seconds(f.ageSeconds)} s ago from ${f.stampFrom} (tcp_tw_recycle dropped the SYN)`,
  pawsSuspectedHover: (address) => `No answer; several TSval clocks share ${address}: tcp_tw_recycle on the server suspected (capture the server side to confirm)`,
  twRecycleOff: (answered, predicted) =>
    `${grouped(answered)} of ${plural(predicted, 'SYN', 'SYNs')} that tcp_tw_recycle would drop were answered: tcp_tw_recycle is evidently off on this server, so the drops have another cause.`,

  clocksTitle: (address, clocks, lone) =>
    `${address} is shared by at least ${grouped(clocks + lone)} hosts with different TCP timestamp clocks`,
  clocksPerConnectionTitle: (address, n) =>
    `${address} starts each of its ${grouped(n)} connections at a different TCP timestamp; the number of hosts behind it cannot be told`,
  clocksExplanation:
    'Each host\'s TCP timestamp (TSval) grows steadily with time, so the SYNs of one host lie on one straight line of TSval against time. ' +
    'The SYNs from this address lie on several such lines far apart: several hosts send from this one address, as behind NAT. ' +
    'A server with tcp_tw_recycle=1 treats them as one peer and drops the SYNs of the hosts whose clocks are behind.',
  clocksPerConnectionExplanation:
    'Current Linux kernels start every connection\'s TSval at a random offset (retransmissions of one SYN keep it), so each connection lies on a line of its own. ' +
    'Timestamps then cannot count the hosts behind the address, and a server with tcp_tw_recycle=1 drops some SYNs from such a client even without NAT.',
  clockLine: (address, index, c) =>
    `Clock ${index + 1} at ${address}: ${plural(c.connections, 'connection', 'connections')} from ${captureTime(c.firstTime)} to ${captureTime(c.lastTime)}, ` +
    `TSval ${c.firstTsval} at the first, advancing at ${grouped(c.rateHz)} Hz.`,
  loneConnections: (n) => `${plural(n, 'connection lies', 'connections lie')} on a line of its own (a host seen once, or a random offset).`,
  natMapping: (serverSees, clients, portsRewritten) =>
    `${clients.map((c) => `${c.address} (${plural(c.attempts, 'attempt', 'attempts')})`).join(', ')} ${clients.length === 1 ? 'appears' : 'appear'} at the server as ${serverSees}` +
    (portsRewritten > 0 ? `; ${plural(portsRewritten, 'source port was', 'source ports were')} rewritten.` : '.'),

  locationTitle: (code, f) => LOCATION_TITLE[code](f.count, serversNamed(f.servers)),
  locationExplanation: (code) => LOCATION_EXPLANATION[code],
  locationEvidence: (code, f) => {
    const span = f.coveredFrom !== null && f.coveredTo !== null ? ` The server capture runs from ${captureTime(f.coveredFrom)} to ${captureTime(f.coveredTo)}.` : '';
    switch (code) {
      case 'dropped-at-server': return `${plural(f.count, 'failed attempt', 'failed attempts')} whose SYNs are in the server capture with no SYN-ACK and no reset.`;
      case 'lost-before-server': return `${plural(f.count, 'failed attempt', 'failed attempts')} whose SYNs never appear in the server capture.${span}`;
      case 'dropped-at-node': return `${plural(f.count, 'failed attempt', 'failed attempts')} whose SYNs stop at a capture point on the client's side: a later one, recording at the time, never holds them.`;
      case 'reply-lost': return `${plural(f.count, 'failed attempt', 'failed attempts')} answered with a SYN-ACK at the server that the client never received.`;
      case 'refused': return `${plural(f.count, 'attempt', 'attempts')} answered with RST.`;
      case 'reset-by-middlebox': return `${plural(f.count, 'attempt', 'attempts')} answered with RST at the client while the server capture shows no reset leaving the server.${span}`;
      case 'listen-overflow': return `${plural(f.count, 'failed attempt', 'failed attempts')} at a server whose unanswered SYNs came while handshakes it never accepted were pending.`;
      case 'not-covered': return `${plural(f.count, 'failed attempt', 'failed attempts')} outside the server capture.${span}`;
      case 'unlocated': return `${plural(f.count, 'attempt', 'attempts')} with no answer in the only capture.`;
    }
  },
  locationFix: (code) => LOCATION_FIX[code],
  locationHover: (code, serverSees) => {
    const as = serverSees ? ` (as ${serverSees})` : '';
    switch (code) {
      case 'dropped-at-server': return `The SYN reached the server${as} and got no answer`;
      case 'lost-before-server': return 'The SYN never reached the server capture';
      case 'dropped-at-node': return 'The SYN died on a node: a later capture on the way, recording at the time, never saw it';
      case 'reply-lost': return `The server answered${as}, but the SYN-ACK never reached the client`;
      case 'refused': return 'Refused with RST';
      case 'reset-by-middlebox': return 'Reset by a device in front of the server: no reset left the server';
      case 'listen-overflow': return `The server's listen queue was full${as}: dropped, or never accepted`;
      case 'not-covered': return 'The server capture does not cover this attempt';
      case 'unlocated': return 'No answer; capture the server side to see where it was lost';
    }
  },
  clockOffset: (medianMs, spreadMs, pairs) =>
    `The server capture's clock is ${grouped(Math.abs(medianMs))} ms ${medianMs >= 0 ? 'ahead of' : 'behind'} the client capture's (median of ${plural(pairs, 'SYN', 'SYNs')} seen in both, spread ±${seconds(spreadMs)} ms).`,
  hopEvidence: (code, lastSeen, missing, n) => {
    const from = en.pointLabel(lastSeen);
    const to = en.pointLabel(missing);
    return code === 'reply-lost'
      ? `${plural(n, 'answer (SYN-ACK) is', 'answers (SYN-ACKs) are')} in ${from} and missing from ${to}, the next capture towards the client: lost in between.`
      : `${plural(n, 'SYN is', 'SYNs are')} last seen in ${from} and missing from ${to}, the next capture on the way, which was recording: lost in between.`;
  },
  snatRaceEvidence: (n, ms) =>
    `${plural(n, 'first SYN was', 'first SYNs were')} lost at the node while another connection's SYN to the same destination left within ${seconds(ms)} ms, ` +
    `and the retransmission left with another NAT source port and passed: the conntrack SNAT race (__nf_conntrack_confirm finds the NAT tuple taken: insert_failed, drop in conntrack -S). ` +
    'Give the MASQUERADE/SNAT rule --random-fully.',
  pointLabel: (point) => point.side === null ? point.capture : `${point.capture} (${point.side === 'before-nat' ? 'before NAT' : 'after NAT'})`,
  pairChecks: pairCheckEn,
  listenOverflowEvidence: (server, drops, notAccepted, mostPending) =>
    `At ${server}, ${plural(drops, 'attempt was', 'attempts were')} left unanswered while ${plural(notAccepted, 'handshake', 'handshakes')} the server never accepted ` +
    `(complete at the client, nothing acknowledged or no greeting) were pending; up to ${grouped(mostPending)} at one dropped SYN.`,
  synAckAfterGiveUpHover: (silenceSeconds) =>
    `The only SYN-ACK came ${seconds(silenceSeconds)} s after the last SYN, when the client had given up and reset it: the SYN-ACKs sent while it was trying never reached it`,
  slowConnect: slowConnectEn,
  ruledOut: ruledOutEn,
  synCookies: synCookieEn,
  evidence: evidenceEn,
  timeWait: timeWaitEn,
};
