/** English sentences quoting evidence files (evidenceTexts.ts). */
import type { EvidenceSaying } from '../evidence/causeEvidence.js';
import type { EvidenceTexts, CounterQuote, QuotedCounter } from './evidenceTexts.js';
import { grouped } from './format.js';

const SAYINGS: Record<EvidenceSaying, string> = {
  'listen-queue-not-paws': 'the listen queue, not timestamps',
  'listen-queue-and-paws': 'the listen queue overflowed, and the timestamp check rejected SYNs as well',
  'listen-queue-idle': 'neither the accept queue nor the SYN queue overflowed: not the listen queue',
  'paws-rejected': 'the timestamp check (tcp_peer_is_proven) rejected SYNs',
  'paws-idle': 'the timestamp check rejected no SYN: not PAWS',
  'listener-drops-other': 'SYNs were dropped at the listening socket by neither the listen queue nor the timestamp check',
  'no-tcp-drop': 'no TCP drop counter moved: the SYNs were dropped before TCP saw them (a netfilter rule counts in none of them), not by the listen queue or PAWS',
  'points-at-paws': 'the timestamp check (tcp_tw_recycle) rejected SYNs, though the capture cannot show which',
  'points-at-queue': 'the listen queue overflowed, though the capture shows no handshake pending at the drops',
  'backlog-drop': 'segments were dropped while the application held the socket locked (tcp_add_backlog)',
  'rp-filter-drop': 'reverse-path filtering (rp_filter) dropped packets',
  'conntrack-drops': 'conntrack failed to insert or dropped connections on the node: the SNAT source-port race or a full table',
  'conntrack-idle': 'conntrack dropped nothing on the node: not the SNAT race or a full table',
  'synack-resent': 'the server sent SYN-ACKs again (tcp_rtx_synack): its answers were not acknowledged',
  'synack-not-resent': 'the server sent no SYN-ACK again (a client that gives up within a second leaves none)',
  'server-resets': "the server's kernel sent resets (tcp_v4_send_reset)",
  'server-no-resets': 'the server sent no reset: the resets came from another device',
  'syn-cookies-sent': 'the SYN queue overflowed and SYN cookies were sent',
  'syn-cookies-idle': 'no SYN cookie was sent',
  'syn-cookies-failed': 'ACKs carried invalid or expired SYN cookies',
  'time-wait-answers': 'SYNs or segments met TIME-WAIT or established sockets and got ACKs instead of SYN-ACKs',
  'time-wait-idle': 'nothing counted a TIME-WAIT answer (a SYN below the socket\'s sequence space gets an ACK no counter records)',
  'tw-recycle-on': 'tcp_tw_recycle is on: the timestamp check runs',
  'tw-recycle-off': 'tcp_tw_recycle is off: the timestamp check does not run',
  'tw-recycle-gone': 'this kernel has no tcp_tw_recycle (removed in Linux 4.12)',
  'queue-full': 'the accept queue was full when ss ran',
  'queue-room': 'the accept queue had room when ss ran',
  'no-listener': 'nothing listens on the port: the kernel itself refuses',
};

function counterText({ name, value, perCpu }: QuotedCounter): string {
  const cpus = perCpu && perCpu.length > 1 ? ` (${perCpu.map(({ cpu, value: n }) => `cpu${cpu} ${grouped(n)}`).join(', ')})` : '';
  return `\`${name}\` ${grouped(value)}${cpus}`;
}

function spanText(quote: CounterQuote): string {
  if (quote.span === 'interval') return ` between ${quote.fromFile} and ${quote.file}`;
  if (quote.span === 'nstat') return ` in ${quote.file} (since nstat's previous run)`;
  return ` since boot (${quote.file})`;
}

function quoteText(quote: CounterQuote): string {
  const items = quote.counted.map(counterText);
  const counted = items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  const present = quote.zero.filter((z) => !z.absent).map((z) => `\`${z.name}\``);
  const absent = quote.zero.filter((z) => z.absent).map((z) => `\`${z.name}\``);
  const zeroText = [
    present.length === 0 ? '' : `${present.join(' and ')} ${present.length === 1 ? 'is' : 'are'} 0`,
    absent.length === 0 ? '' : `this kernel has no ${absent.join(' or ')} counter`,
  ].filter((part) => part !== '').join(' and ');
  if (counted === '') return zeroText;
  return zeroText === '' ? counted : `${counted} while ${zeroText}`;
}

export const evidenceEn: EvidenceTexts = {
  counterLine: (quote, says) => `${quoteText(quote)}${spanText(quote)}: ${SAYINGS[says]}.`,
  settingLine: (quote, says) => {
    const setting = quote.value === null
      ? `\`${quote.key}\` is absent from ${quote.file}${quote.kernel ? ` (kernel ${quote.kernel})` : ''}`
      : `\`${quote.key} = ${quote.value}\` in ${quote.file}`;
    return `${setting}: ${SAYINGS[says]}.`;
  },
  listenerLine: (quote, says) => {
    const socket = quote.socket;
    const where = socket === null
      ? `No LISTEN socket on port ${quote.ports.join(', ')} in ${quote.file}`
      : `The listener on ${socket.address}:${socket.port}${socket.process ? ` ${socket.process}` : ''} in ${quote.file} has ` +
        `${grouped(socket.recvQ)} connections queued (Recv-Q) of a backlog of ${grouped(socket.sendQ)} (Send-Q)`;
    return `${where}: ${SAYINGS[says]}.`;
  },
  wentDown: (name, before, after, fromFile, file) =>
    `\`${name}\` went down from ${grouped(before)} in ${fromFile} to ${grouped(after)} in ${file}: the counters were reset (a reboot) or the files are of two hosts; not subtracted.`,
  sinceBootOnly: ' These count since boot, so they may have grown before the capture: this confirms nothing by itself.',
  confidenceMoved: (from, to) => `The captures alone give ${from} confidence; with the evidence files, ${to}.`,
  rejected: (r) => {
    if (r.reason === 'too-large') return `${r.path}: larger than 16 MiB; not read as evidence`;
    const at = r.line === null ? 'the file is empty' : `line ${r.line} "${r.text}"`;
    const what = r.reason === 'not-evidence'
      ? 'is not netstat -s, nstat, sysctl, conntrack -S or ss -lnt output'
      : 'holds nothing the analysis reads';
    return `${r.path}: ${at} ${what}; the analysis goes on without it`;
  },
  unknownHost: (path) =>
    `${path}: which host it was taken on is not known (give it as server=${path}, node=${path} or client=${path}, or name the file so); it is quoted and weighs nothing`,
};
