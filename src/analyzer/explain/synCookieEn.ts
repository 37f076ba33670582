/** English sentences of the syn-cookies diagnosis. */
import { grouped, plural, seconds, serversNamed } from './format.js';
import type { SynCookieTexts } from './synCookieTexts.js';

const chance = (p: number) => (p < 1e-6 ? 'less than one in a million' : `p = ${p.toPrecision(2)}`);
const options = (windowScale: number | null, sack: boolean) =>
  `${windowScale === null ? 'no window scale' : `window scale ${windowScale}`}, ${sack ? 'SACK' : 'no SACK'}`;

export const synCookieEn: SynCookieTexts = {
  title: (attempts, servers) =>
    `${serversNamed(servers)} answered ${plural(attempts, 'SYN', 'SYNs')} with SYN cookies: its SYN queue overflowed`,
  explanation: (atServer) =>
    'When a listener\'s SYN queue is full (a SYN flood, or more connections at once than net.ipv4.tcp_max_syn_backlog and the listen() backlog hold), ' +
    'Linux stops keeping a request for each SYN and answers with a SYN cookie: the SYN-ACK\'s sequence number encodes the connection, and the client\'s final ACK is the only state ' +
    '(tcp_conn_request → tcp_syn_flood_action, cookie_v4_init_sequence; the kernel logs "Possible SYN flooding on port …. Sending cookies"). ' +
    'Cookies keep connections coming, at a cost: the client\'s MSS is rounded down to one of four values (IPv4 536, 1300, 1440, 1460; IPv6 1220, 1420, 1440, 8940); ' +
    'without timestamps window scaling and SACK are lost (a 64 KB window, slow recovery from loss); a lost SYN-ACK is never resent by the server, only a retransmitted SYN gets a new one; ' +
    'and while the accept queue is full the final ACK is dropped (ListenOverflows): the client believes it is connected, and the server has no connection until a later segment of the client carries the cookie again. ' +
    'The SYN-ACK still carries the server\'s own MSS, so the rounded one does not show in a handshake. ' +
    (atServer
      ? 'The server-side capture shows whether the server resent SYN-ACKs on its own timer.'
      : 'Only a capture taken at the server shows whether it resent SYN-ACKs on its own timer; this one does not.'),
  tsval: (f) =>
    `${f.server}: ${grouped(f.encoded)} of ${plural(f.judged, 'distinct SYN-ACK TSval', 'distinct SYN-ACK TSvals')} carry the SYN's options in their low bits (cookie_init_timestamp), ` +
    `for example TSval ${f.synAckTsval} (low bits 0x${(f.synAckTsval & 0x3f).toString(16)}: ${options(f.windowScale, f.sackPermitted)}); ` +
    `a random TSval matches 1 time in 32, so as many matches by chance: ${chance(f.pChance)} (SYN-ACKs within one clock tick share a TSval and count once). ` +
    'Ruled out by SYN-ACKs whose low bits do not follow the SYN\'s options once the server runs normally.',
  optionsLost: (f) =>
    `${f.server}: ${plural(f.lost, 'SYN', 'SYNs')} without timestamps offered window scale or SACK and got a SYN-ACK with neither (a cookie without timestamps cannot keep them), ` +
    `while ${plural(f.kept, 'SYN-ACK', 'SYN-ACKs')} of the same server carried them, so it has them on. ` +
    'Ruled out if a device in between strips these options from SYN-ACKs to clients without timestamps.',
  notRetransmitted: (f) =>
    `${f.server}: ${plural(f.notRetransmitted, 'SYN-ACK was', 'SYN-ACKs were')} never resent by the server although the client stayed silent for up to ${seconds(f.longestSilenceSeconds)} s ` +
    '(a request socket resends its SYN-ACK after 1 s, reqsk_timer_handler; a cookie leaves none, and only the client\'s retransmitted SYNs got SYN-ACKs). ' +
    (f.retransmitted > 0
      ? `The same server resent the SYN-ACKs of ${plural(f.retransmitted, 'other connection', 'other connections')} on its timer, so net.ipv4.tcp_synack_retries is not 0.`
      : 'Ruled out if net.ipv4.tcp_synack_retries is 0 on the server: then no SYN-ACK is ever resent.'),
  timerNotJudged:
    'Whether the server resent lost SYN-ACKs on its own timer, as a request socket would and a cookie cannot, shows only in a capture taken at the server.',
  fix:
    'Cookies are the kernel protecting itself: leave net.ipv4.tcp_syncookies on (1) and make the queue fit the load. ' +
    'Raise net.ipv4.tcp_max_syn_backlog and net.core.somaxconn, pass a larger backlog to listen(), and make the application accept faster; ' +
    'if it is a SYN flood, filter it upstream. With tcp_syncookies = 2 the kernel sends cookies for every SYN on purpose.',
};
