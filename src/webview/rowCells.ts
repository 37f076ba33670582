/** The cells of one handshake row: text for everything, a PASS/FAIL badge with an icon, a cause chip. */
import { captureShortName } from '../analyzer/captureShortName.js';
import type { HandshakeJson } from '../analyzer/report.js';
import { wiresharkFrameNumber } from '../shared/frameNumber.js';
import type { HandshakeColumn } from '../shared/lspExtensions.js';
import { codicon, element } from './dom.js';
import type { Explanations } from './explanations.js';
import { formatCount, formatMs, formatTime } from './format.js';
import type { PageContext } from './pageContext.js';

const VERDICT_ICON = { pass: 'pass', fail: 'error', unknown: 'question', pending: 'clock' } as const;

export function outcomeLabel(context: PageContext, outcome: HandshakeJson['outcome']): string {
  const s = context.strings;
  return {
    'established': s.outcomeEstablished,
    'refused': s.outcomeRefused,
    'no-reply': s.outcomeNoReply,
    'no-ack': s.outcomeNoAck,
    'reset-by-client': s.outcomeResetByClient,
    'syn-ack-after-give-up': s.outcomeSynAckAfterGiveUp,
    'capture-ended': s.outcomeCaptureEnded,
    'not-accepted': s.outcomeNotAccepted,
  }[outcome];
}

/** A row's verdict, or `pending` for an attempt of a capture being followed that is not decided yet. */
export function rowVerdict(row: HandshakeJson): HandshakeJson['verdict'] | 'pending' {
  return row.pending ? 'pending' : row.verdict;
}

export function verdictBadge(context: PageContext, verdict: HandshakeJson['verdict'] | 'pending'): HTMLElement {
  const s = context.strings;
  const text = { pass: s.verdictPass, fail: s.verdictFail, unknown: s.verdictUnknown, pending: s.verdictPending }[verdict];
  const hint = { pass: s.hintVerdictPass, fail: s.hintVerdictFail, unknown: s.hintVerdictUnknown, pending: s.hintVerdictPending }[verdict];
  return element('span', { className: `badge badge-${verdict}`, title: hint, testId: 'verdict-badge', attributes: { 'data-verdict': verdict } }, [
    codicon(VERDICT_ICON[verdict]),
    element('span', { text }),
  ]);
}

export function causeChip(code: string, explanations: Explanations): HTMLElement {
  return element('span', { className: `chip chip-${code}`, text: code, title: explanations.cause(code) ?? code, testId: 'cause-chip', attributes: { 'data-cause': code } });
}

/**
 * `ip:port` as a host that may shorten with an ellipsis and a port that never does: in a narrow pane a
 * long (IPv6) address loses its middle, never the port that tells attempts apart. The title has it whole.
 */
function addressCell(cell: HTMLElement, endpoint: string): void {
  const colon = endpoint.lastIndexOf(':');
  cell.classList.add('cell-address');
  cell.title = endpoint;
  if (colon < 0) {
    cell.textContent = endpoint;
    return;
  }
  cell.append(element('span', { className: 'address-host', text: endpoint.slice(0, colon) }), element('span', { className: 'address-port', text: endpoint.slice(colon) }));
}

/** A value the attempt lacks (no ACK, no such SYN option) shows as a dash, as a missing RTT does. */
const ABSENT = '—';

const msOrAbsent = (context: PageContext, ms: number | null): string => (ms === null ? ABSENT : `${formatMs(ms)} ${context.strings.ms}`);

const numberOrAbsent = (value: number | null | undefined): string => (value === null || value === undefined ? ABSENT : String(value));

/** SACK offered or not; unknown when the snapshot length cut the SYN's options before the flag was seen. */
function sackText(context: PageContext, options: HandshakeJson['synOptions']): string {
  if (options.sackPermitted) return context.strings.sackYes;
  return options.cut === undefined ? context.strings.sackNo : ABSENT;
}

/**
 * How far a failed attempt's SYN got: a check or a cross per capture point in path order (the header
 * lists the points), then the first point that missed it; the title has the command line's PATH text,
 * `pod-a ✓ → node-any (before NAT) ✓ → node-any (after NAT) ✗ → server-side ✗`.
 */
function pathCell(context: PageContext, cell: HTMLElement, row: HandshakeJson): void {
  if (row.verdict !== 'fail' || row.path === undefined) return;
  const { strings } = context;
  const files = context.pathFiles ?? [];
  const sides = { 'before-nat': strings.pathBeforeNat, 'after-nat': strings.pathAfterNat };
  const names = row.path.map((step) => `${captureShortName(files[step.capture] ?? String(step.capture))}${step.side === null ? '' : ` (${sides[step.side]})`}`);
  row.path.forEach((step, index) => {
    cell.append(element('span', {
      className: `path-step ${step.seen ? 'seen' : 'missed'}`,
      title: `${names[index]}: ${step.seen ? strings.pathSeen : strings.pathMissed}`,
      attributes: { 'data-seen': String(step.seen), 'data-capture': String(step.capture) },
    }, [codicon(step.seen ? 'check' : 'close')]));
  });
  const missedAt = row.path.findIndex((step) => !step.seen);
  if (missedAt >= 0) cell.append(element('span', { className: 'path-missed-at', text: names[missedAt], testId: 'path-missed-at' }));
  cell.title = row.path.map((step, index) => `${names[index]} ${step.seen ? '✓' : '✗'}`).join(' → ');
  cell.dataset.testid = 'path-cell';
}

/** `timeText`: the time cell as the table's time display format prints it (timeDisplay.ts). */
export function rowCell(context: PageContext, explanations: Explanations, row: HandshakeJson, column: HandshakeColumn, timeText: string): HTMLElement {
  const cell = element('div', { className: `cell cell-${column}`, attributes: { role: 'gridcell', 'data-column': column } });
  switch (column) {
    case 'id': cell.textContent = String(row.id); break;
    case 'time':
      cell.textContent = timeText;
      cell.title = formatTime(row.synTime, context.timeZone);
      break;
    case 'client': addressCell(cell, row.client); break;
    case 'server': addressCell(cell, row.server); break;
    case 'syns':
      cell.textContent = String(row.synCount);
      if (row.synCount > 1) cell.classList.add('retransmitted');
      break;
    case 'rtt': cell.textContent = msOrAbsent(context, row.rttMs); break;
    case 'connect': cell.textContent = msOrAbsent(context, row.connectMs); break;
    case 'isn': cell.textContent = String(row.isn); break;
    case 'mss': cell.textContent = numberOrAbsent(row.synOptions.mss); break;
    case 'wscale': cell.textContent = numberOrAbsent(row.synOptions.windowScale); break;
    case 'sack': cell.textContent = sackText(context, row.synOptions); break;
    case 'ttl': cell.textContent = String(row.ttl); break;
    case 'frame': cell.textContent = numberOrAbsent(row.syns[0] && wiresharkFrameNumber(row.syns[0].frame)); break;
    case 'tsval':
      cell.textContent = row.tsval === null ? ABSENT : formatCount(row.tsval).replace(/,/g, '');
      cell.title = explanations.attempt(row.id) ?? context.strings.hintTsval;
      cell.dataset.testid = 'tsval';
      break;
    case 'verdict': cell.append(verdictBadge(context, rowVerdict(row))); break;
    case 'outcome':
      // Not decided yet: the outcome so far would say "no reply" of a SYN answered a moment later.
      cell.textContent = row.pending ? ABSENT : outcomeLabel(context, row.outcome);
      cell.title = cell.textContent;
      break;
    case 'cause': if (row.cause) cell.append(causeChip(row.cause, explanations)); break;
    case 'path': pathCell(context, cell, row); break;
  }
  return cell;
}
