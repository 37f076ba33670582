/**
 * The ladder (sequence) diagram of one attempt: client, NAT and server as columns, every packet of both
 * captures on one timeline (server times shifted by the estimated clock offset). A SYN seen in the client
 * capture runs client → NAT, the same SYN in the server capture NAT → server; what never happened (no
 * SYN-ACK leaving the server, a SYN that never arrives) is drawn as a marked absence.
 */
import { wiresharkFrameNumber } from '../shared/frameNumber.js';
import type { AttemptDetail, LadderPacketJson } from '../shared/lspExtensions.js';
import { svgElement } from './dom.js';
import { formatMs } from './format.js';
import type { PageContext } from './pageContext.js';

const WIDTH = 760;
const X = { client: 190, nat: 430, server: 670 } as const;
const TOP = 58;
const STEP = 46;

type Column = keyof typeof X;

function ends(packet: LadderPacketJson, correlated: boolean): [Column, Column] {
  if (!correlated) return packet.direction === 'to-server' ? ['client', 'server'] : ['server', 'client'];
  if (packet.capture === 'client') return packet.direction === 'to-server' ? ['client', 'nat'] : ['nat', 'client'];
  return packet.direction === 'to-server' ? ['nat', 'server'] : ['server', 'nat'];
}

function packetLabel(packet: LadderPacketJson): string {
  const name = { 'syn': 'SYN', 'syn-ack': 'SYN-ACK', 'ack': 'ACK', 'rst': 'RST', 'fin': 'FIN' }[packet.kind];
  const tsval = packet.tsval === null ? '' : `  TSval ${packet.tsval}`;
  return `${name} [${packet.flags}]${tsval}`;
}

/**
 * One packet's arrow from `x1` to `x2` at row `y`, its label (over the arrow's middle, or from `label`'s
 * x on a short arrow it would overflow), and its time since `first`; `pointName` says whose capture shows it.
 */
export function packetGroup(context: PageContext, packet: LadderPacketJson, y: number, x1: number, x2: number, first: number, pointName: string, label?: { x: number; anchor: 'start' | 'end' }): SVGGElement {
  const { strings } = context;
  const kindClass = `ladder-arrow kind-${packet.kind} capture-${packet.capture}`;
  const head = x2 > x1 ? -8 : 8;
  const group = svgElement('g', { class: 'ladder-packet', 'data-testid': 'ladder-packet', 'data-kind': packet.kind, 'data-capture': packet.capture, 'data-frame': packet.frame ?? '', 'data-point': packet.point ?? '' });
  group.append(svgElement('title', {}, `${packet.source} → ${packet.destination}  seq ${packet.seq ?? '—'}  ack ${packet.ack ?? '—'}  TSval ${packet.tsval ?? '—'}  TSecr ${packet.tsecr ?? '—'}  (${pointName}${packet.frame === null ? '' : ` #${wiresharkFrameNumber(packet.frame)}`})`));
  group.append(svgElement('line', { x1, y1: y + 14, x2, y2: y + 22, class: kindClass }));
  group.append(svgElement('polygon', { points: `${x2},${y + 22} ${x2 + head},${y + 16} ${x2 + head},${y + 24}`, class: `${kindClass} head` }));
  group.append(svgElement('text', { x: label?.x ?? (x1 + x2) / 2, y: y + 10, class: 'ladder-label', 'text-anchor': label?.anchor ?? 'middle' }, packetLabel(packet)));
  // An arrival can be drawn after its send yet be timed a little before it (the clock offset is an
  // estimate): such a time is negative, written with its own sign.
  const sinceFirst = (packet.alignedTime - first) * 1000;
  group.append(svgElement('text', { x: 8, y: y + 20, class: 'ladder-time' }, `${sinceFirst < 0 ? '−' : '+'}${formatMs(Math.abs(sinceFirst))} ${strings.ms}`));
  return group;
}

/** A marked absence at `x`: a cross and what did not happen, written to its left. */
export function noteGroup(x: number, y: number, text: string, kind: string): SVGGElement {
  const group = svgElement('g', { class: `ladder-note note-${kind}`, 'data-testid': 'ladder-note', 'data-kind': kind });
  group.append(svgElement('line', { x1: x - 6, y1: y - 6, x2: x + 6, y2: y + 6, class: 'ladder-cross' }));
  group.append(svgElement('line', { x1: x - 6, y1: y + 6, x2: x + 6, y2: y - 6, class: 'ladder-cross' }));
  group.append(svgElement('text', { x: x - 14, y: y + 4, class: 'ladder-note-text', 'text-anchor': 'end' }, text));
  return group;
}

export function renderLadder(context: PageContext, detail: AttemptDetail): SVGSVGElement {
  const { strings } = context;
  const correlated = detail.capturePoints.length === 2;
  const atServerOnly = !correlated && detail.capturePoints[0] === 'server';
  const handshake = detail.handshake;
  const synAckFromServer = detail.packets.some((p) => p.capture === 'server' && p.kind === 'syn-ack');
  const synAtServer = detail.packets.some((p) => p.capture === 'server' && p.kind === 'syn');
  const notes: Array<{ column: Column; text: string; kind: string }> = [];
  // The server's own capture shows the SYN arriving; whether an answer left it is seen there as well.
  if (handshake.verdict === 'fail' && (correlated || atServerOnly) && synAtServer && !synAckFromServer) notes.push({ column: 'server', text: strings.noSynAck, kind: 'no-syn-ack' });
  if (handshake.verdict === 'fail' && correlated && !synAtServer) notes.push({ column: 'server', text: strings.notSeenAtServer, kind: 'never-arrives' });
  if (atServerOnly) notes.push({ column: 'client', text: strings.noClientCapture, kind: 'not-captured' });
  else if (!correlated) notes.push({ column: 'server', text: strings.noServerCapture, kind: 'not-captured' });

  const height = TOP + STEP * (detail.packets.length + notes.length) + 20;
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'ladder', role: 'img', 'aria-label': `${strings.detail} ${handshake.id}`, 'data-testid': 'ladder' });
  // A client capture taken after the NAT shows the address the server sees: the NAT column has nothing
  // of its own to show, so it says so instead of repeating the client's address.
  const afterNat = detail.clientAfterNat !== null && detail.clientAfterNat === detail.clientBeforeNat;
  const columns: Array<[Column, string, string]> = [
    ['client', afterNat ? strings.clientAfterNat : strings.client, detail.clientBeforeNat],
    ['nat', strings.nat, afterNat ? strings.noTranslationSeen : detail.clientAfterNat ?? '—'],
    ['server', strings.server, handshake.server],
  ];
  if (afterNat) svg.dataset.nat = 'not-visible';
  for (const [column, title, address] of columns) {
    const x = X[column];
    const dimmed = column === 'nat' && (!correlated || afterNat);
    svg.append(svgElement('text', { x, y: 16, class: 'ladder-column-title', 'text-anchor': 'middle' }, title));
    svg.append(svgElement('text', { x, y: 32, class: 'ladder-address', 'text-anchor': 'middle', 'data-testid': `ladder-${column}` }, address));
    svg.append(svgElement('line', { x1: x, y1: 40, x2: x, y2: height - 8, class: dimmed ? 'ladder-lifeline dimmed' : 'ladder-lifeline' }));
  }

  const first = detail.packets[0]?.alignedTime ?? handshake.synTime;
  detail.packets.forEach((packet, index) => {
    const [from, to] = ends(packet, correlated);
    svg.append(packetGroup(context, packet, TOP + index * STEP, X[from], X[to], first, packet.capture === 'client' ? strings.client : strings.server));
  });
  notes.forEach((note, index) => svg.append(noteGroup(X[note.column], TOP + (detail.packets.length + index) * STEP + 16, note.text, note.kind)));
  return svg;
}
