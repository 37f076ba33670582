/**
 * The ladder of one attempt along a path: a column per capture point (pod, node before NAT, node after
 * NAT, server), each packet drawn arriving at the point whose capture shows it, on the first capture's
 * clock. A SYN leaves the first point and a SYN-ACK the server's with a short stub; where the path lost
 * the SYN, the first point without it is marked.
 */
import { captureShortName } from '../analyzer/captureShortName.js';
import type { AttemptDetail, LadderPacketJson, LadderPointJson } from '../shared/lspExtensions.js';
import { svgElement } from './dom.js';
import { noteGroup, packetGroup } from './ladder.js';
import type { PageContext } from './pageContext.js';

const LEFT = 150;
const RIGHT = 60;
const MIN_SPACING = 170;
const TOP = 58;
const STEP = 46;

function pointTitle(context: PageContext, point: LadderPointJson): string {
  const name = captureShortName(point.file);
  if (point.side === null) return name;
  return `${name} (${point.side === 'before-nat' ? context.strings.pathBeforeNat : context.strings.pathAfterNat})`;
}

export function renderPathLadder(context: PageContext, detail: AttemptDetail, points: readonly LadderPointJson[]): SVGSVGElement {
  const { strings } = context;
  const handshake = detail.handshake;
  const spacing = Math.max(MIN_SPACING, points.length > 1 ? 600 / (points.length - 1) : 0);
  const width = LEFT + RIGHT + spacing * Math.max(1, points.length - 1);
  const x = (point: number) => LEFT + point * spacing;
  const firstMissing = points.findIndex((point) => !point.seen);
  const notes = handshake.verdict === 'fail' && firstMissing >= 0 ? 1 : 0;
  const height = TOP + STEP * (detail.packets.length + notes) + 20;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'ladder ladder-path', role: 'img', 'aria-label': `${strings.detail} ${handshake.id}`, 'data-testid': 'ladder', 'data-points': points.length });
  points.forEach((point, index) => {
    svg.append(svgElement('text', { x: x(index), y: 16, class: 'ladder-column-title', 'text-anchor': 'middle', 'data-testid': 'ladder-point' }, pointTitle(context, point)));
    svg.append(svgElement('text', { x: x(index), y: 32, class: 'ladder-address', 'text-anchor': 'middle' }, point.server ? handshake.server : point.client ?? '—'));
    svg.append(svgElement('line', { x1: x(index), y1: 40, x2: x(index), y2: height - 8, class: point.seen ? 'ladder-lifeline' : 'ladder-lifeline dimmed', 'data-seen': String(point.seen) }));
  });
  const last = points.length - 1;
  const ends = (packet: LadderPacketJson): [number, number] => {
    const at = packet.point ?? 0;
    if (packet.direction === 'to-server') return at === 0 ? [x(0), x(0) + spacing * 0.35] : [x(at - 1), x(at)];
    return at === last ? [x(last), x(last) - spacing * 0.35] : [x(at + 1), x(at)];
  };
  const first = detail.packets[0]?.alignedTime ?? handshake.synTime;
  detail.packets.forEach((packet, index) => {
    const [x1, x2] = ends(packet);
    // A stub is shorter than its label: the label starts beside the lifeline it leaves, on the stub's side.
    const stub = Math.abs(x2 - x1) < spacing;
    const label = stub ? { x: x1 + (x2 > x1 ? 6 : -6), anchor: x2 > x1 ? 'start' as const : 'end' as const } : undefined;
    svg.append(packetGroup(context, packet, TOP + index * STEP, x1, x2, first, pointTitle(context, points[packet.point ?? 0]), label));
  });
  if (notes > 0) svg.append(noteGroup(x(firstMissing), TOP + detail.packets.length * STEP + 16, strings.pathMissed, 'never-arrives'));
  return svg;
}
