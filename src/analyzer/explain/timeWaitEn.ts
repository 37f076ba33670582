/** English sentences of the time-wait-collision diagnosis. */
import { captureTime, grouped, plural, seconds } from './format.js';
import type { CollisionFacts, PreviousConnection, TimeWaitTexts } from './timeWaitTexts.js';

function previousText(p: PreviousConnection | null): string {
  if (p === null) return 'This capture does not show the previous connection on the four-tuple (a capture before NAT shows another one; the server-side capture shows it).';
  const since = p.secondsSinceClose === null ? '' : ` ${seconds(p.secondsSinceClose)} s before`;
  switch (p.holder) {
    case 'server-time-wait':
      return `The previous connection on the four-tuple (attempt ${p.id}, ${p.client}) was closed by the server first${since}, so the server held it in TIME-WAIT` +
        (p.withinTimeWait ? ', well within the 60 s of TCP_TIMEWAIT_LEN.' : ', though longer ago than the 60 s of TCP_TIMEWAIT_LEN.');
    case 'client-time-wait':
      return `The previous connection on the four-tuple (attempt ${p.id}, ${p.client}) was closed by the client side first${since}: TIME-WAIT was on the client's side (behind NAT, another host), and the server had no socket left for it.`;
    case 'reset':
      return `The previous connection on the four-tuple (attempt ${p.id}, ${p.client}) ended with a reset, which leaves no TIME-WAIT socket.`;
    case 'open':
      return `The previous connection on the four-tuple (attempt ${p.id}, ${p.client}) was never closed in the capture: the server still had it open and answered with a challenge ACK.`;
  }
}

/** What the SYN's timestamp says against the previous connection's last one (tcp_timewait_state_process). */
function timestampText(f: CollisionFacts): string {
  if (f.synTsval === null) return 'The SYN carried no timestamp, so only a sequence number after the old connection\'s end could have let it through. ';
  const last = f.previous?.lastClientTsval ?? null;
  if (last === null) return '';
  const behind = (last - f.synTsval) | 0;
  if (behind > 0) return `Its TSval ${f.synTsval} is older than the previous connection's last, ${last}: the TIME-WAIT socket's PAWS check rejected it (tcp_paws_reject, counted in PAWSEstab). `;
  if (behind === 0) return `Its TSval ${f.synTsval} is the previous connection's last, not newer. `;
  return `Its TSval ${f.synTsval} is newer than the previous connection's last, ${last}, which a TIME-WAIT socket lets through: what answered still had the connection open, or was not the server. `;
}

export const timeWaitEn: TimeWaitTexts = {
  title: (failed, passed) =>
    failed > 0
      ? `${plural(failed, 'connection attempt', 'connection attempts')} failed on a four-tuple whose previous connection the server still held (TIME-WAIT)` +
        (passed > 0 ? `; ${grouped(passed)} more connected only after resetting it` : '')
      : `${plural(passed, 'connection', 'connections')} met the previous connection on their four-tuple still held by the server (TIME-WAIT) and connected only after resetting it`,
  explanation:
    'The SYN came on a four-tuple (client address and port, server address and port) whose previous connection the server still held: in TIME-WAIT after closing it first, ' +
    'which Linux keeps for 60 s (TCP_TIMEWAIT_LEN), or still open. Behind NAT this happens when two hosts\' connections are given the same source address and port. ' +
    'Linux accepts such a SYN as a new connection only when its sequence number is after the end of the old connection, or its timestamp is newer than the old one\'s ' +
    '(tcp_timewait_state_process); otherwise it answers with an ACK of the old connection. The client, expecting a SYN-ACK, sees an acknowledgement of something it never sent ' +
    'and answers with a reset (tcp_rcv_synsent_state_process), which normally ends the TIME-WAIT socket so that the next SYN connects (within milliseconds on Linux 5.10 and later, ' +
    'after the 1 s retransmission timeout on older kernels). With net.ipv4.tcp_rfc1337 = 1 the reset does not end it, and every retransmission collides again until the client gives up.',
  summary: (collisions, failed, fourTuples) =>
    `${plural(collisions, 'SYN was', 'SYNs were')} answered by an ACK that acknowledges nothing the client sent (not its ISN + 1), on ${plural(fourTuples, 'four-tuple', 'four-tuples')}; ` +
    `${grouped(failed)} of these attempts never connected.`,
  sighting: (f: CollisionFacts) =>
    `${f.client}${f.serverSees !== f.client ? ` (the server saw ${f.serverSees})` : ''} → ${f.server}: the SYN with ISN ${f.isn} was answered at ${captureTime(f.ackTime)} by an ACK ` +
    `acknowledging ${f.ack}, not ${f.expectedAck}` + (f.acks > 1 ? ` (${grouped(f.acks)} such ACKs)` : '') + '; ' +
    (f.resets > 0 ? `the client reset it with sequence number ${f.ack}${f.resets > 1 ? ` (${grouped(f.resets)} times)` : ''}. ` : 'the capture holds no reset of it from the client. ') +
    timestampText(f) +
    (f.retransmissionAfterMs === null ? 'No SYN followed. ' : `The SYN was sent again ${grouped(f.retransmissionAfterMs)} ms later. `) +
    (f.passed ? `It connected after ${f.connectMs === null ? '?' : grouped(f.connectMs)} ms. ` : 'It never connected. ') +
    previousText(f.previous),
  more: (count) => `${plural(count, 'more attempt', 'more attempts')} of the same kind.`,
  fix:
    'Stop reusing four-tuples while the server holds the old connection: let the NAT choose source ports at random (iptables MASQUERADE/SNAT with --random-fully; Kubernetes ' +
    'network plugins have an option for it), give the clients a wider port range (net.ipv4.ip_local_port_range), or let the clients close first so that TIME-WAIT stays on their side. ' +
    'Keep net.ipv4.tcp_timestamps = 1 on both ends: a SYN with a newer timestamp is let through TIME-WAIT. Do not turn on tcp_tw_recycle: behind NAT it drops SYNs of its own (and it is gone since Linux 4.12).',
  hover: (serverSees) =>
    `The server answered the SYN with an ACK of the previous connection on this four-tuple (TIME-WAIT)${serverSees ? `, as ${serverSees}` : ''}`,
};
