/**
 * The words and numbers of a report for people, shared by the terminal table and Markdown: the cells
 * of each handshake row, the summary of each capture and the diagnoses.
 */
import type { CaptureReportJson, DiagnosisJson, HandshakeJson, ReportJson } from '../analyzer/report.js';
import { grouped, utcTime } from '../analyzer/explain/format.js';
import { linkTypeName } from '../analyzer/layers/linkTypes.js';
import type { Messages } from './messages.js';
import { captureShortName } from '../analyzer/captureShortName.js';
import { storedFormat } from '../analyzer/capture/compression/compressionFormat.js';

export type ColumnKey = keyof Messages['columns'];

export interface Column {
  key: ColumnKey;
  /** Numbers read best right-aligned. */
  alignRight: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'id', alignRight: true },
  { key: 'client', alignRight: false },
  { key: 'server', alignRight: false },
  { key: 'synTime', alignRight: false },
  { key: 'syns', alignRight: true },
  { key: 'rtt', alignRight: true },
  { key: 'verdict', alignRight: false },
  { key: 'outcome', alignRight: false },
  { key: 'cause', alignRight: false },
];

const PATH_COLUMN: Column = { key: 'path', alignRight: false };

/** The columns of a report: with several captures along a path, the path of each failed attempt last. */
export function columnsOf(report: ReportJson): readonly Column[] {
  return report.captures.some((capture) => capture.offsetMs !== undefined) ? [...COLUMNS, PATH_COLUMN] : COLUMNS;
}

/** `pod-a ✓ → node-side ✓ → server-side ✗`: where the SYN was seen; only for failed attempts, to stay compact. */
function pathCell(handshake: HandshakeJson, captures: readonly CaptureReportJson[], messages: Messages): string {
  if (handshake.verdict !== 'fail' || handshake.path === undefined) return '';
  return handshake.path.map((step) => {
    const name = captureShortName(captures[step.capture]?.path ?? String(step.capture));
    const side = step.side === null ? '' : ` (${messages.natSides[step.side]})`;
    return `${name}${side} ${step.seen ? '✓' : '✗'}`;
  }).join(' → ');
}

export function handshakeCells(handshake: HandshakeJson, messages: Messages, captures: readonly CaptureReportJson[] = []): Record<ColumnKey, string> {
  const cause = handshake.cause === null ? '' : handshake.confidence === null ? handshake.cause : `${handshake.cause} (${handshake.confidence})`;
  return {
    id: String(handshake.id),
    client: handshake.client,
    server: handshake.server,
    synTime: utcTime(handshake.synTime),
    syns: String(handshake.synCount),
    rtt: handshake.rttMs === null ? '' : handshake.rttMs.toFixed(handshake.rttMs < 10 ? 3 : 1),
    verdict: messages.verdicts[handshake.verdict],
    outcome: handshake.outcome,
    cause,
    path: pathCell(handshake, captures, messages),
  };
}

export function captureSummaryLines(capture: CaptureReportJson, messages: Messages): string[] {
  const { summary } = capture;
  const seconds = capture.start === null || capture.end === null ? '0' : (capture.end - capture.start).toFixed(3);
  const linkTypes = capture.linkTypes.map(linkTypeName).join(', ');
  const lines = [
    messages.captureLine(capture.path, messages.roles[capture.role], storedFormat(capture.format, capture.compression), linkTypes),
    messages.countsLine(grouped(capture.packets), grouped(capture.tcpPackets), seconds),
    messages.attemptsLine(grouped(summary.attempts), grouped(summary.passed), grouped(summary.failed), grouped(summary.unknown)),
    messages.midstreamLine(grouped(summary.midstream), grouped(summary.synRetransmissions)),
  ];
  const failing = summary.perServer.filter((rate) => rate.failed > 0).slice(0, TEXT_LIST_LIMIT);
  if (failing.length > 0) {
    lines.push(messages.failuresByServer);
    for (const rate of failing) {
      lines.push(`  ${rate.server}  ${grouped(rate.failed)}/${grouped(rate.attempts)} (${(rate.failureRate * 100).toFixed(1)}%)`);
    }
    if (summary.serversWithFailures > failing.length) lines.push(`  ${messages.moreFailingServers(grouped(summary.serversWithFailures - failing.length))}`);
  }
  for (const warning of capture.warnings) lines.push(`${messages.warning}: ${warning.message} (byte ${warning.offset})`);
  return lines;
}

/**
 * Lines of a terminal's list (failing servers, a diagnosis's handshake ids) before the rest is counted:
 * a flood's diagnosis explains millions of attempts, a scan fails at millions of servers, and the JSON
 * lists them all.
 */
export const TEXT_LIST_LIMIT = 20;

/** The handshakes a diagnosis explains, the first TEXT_LIST_LIMIT; none for one about the captures themselves (a pairing check). */
function handshakesPart(diagnosis: DiagnosisJson, messages: Messages): string {
  const ids = diagnosis.handshakeIds;
  if (ids.length === 0) return '';
  const listed = ids.slice(0, TEXT_LIST_LIMIT).join(', ');
  return `; ${messages.handshakesLabel} ${ids.length > TEXT_LIST_LIMIT ? messages.andMore(listed, grouped(ids.length - TEXT_LIST_LIMIT)) : listed}`;
}

/** A diagnosis as a block of lines: title, mechanism, evidence, what would rule it out, fix. */
export function diagnosisLines(diagnosis: DiagnosisJson, messages: Messages): string[] {
  const lines = [
    `[${diagnosis.severity}] ${diagnosis.title} (${diagnosis.code}, ${diagnosis.confidence}${handshakesPart(diagnosis, messages)})`,
    ...diagnosis.explanation.split('\n').map((line) => `  ${line}`),
  ];
  if (diagnosis.evidence.length > 0) {
    lines.push(`  ${messages.evidence}:`);
    for (const evidence of diagnosis.evidence) lines.push(`    - ${evidence.text}`);
  }
  if (diagnosis.ruledOutBy !== undefined) lines.push(`  ${messages.ruledOutBy}: ${diagnosis.ruledOutBy}`);
  if (diagnosis.fix !== null) {
    lines.push(`  ${messages.fix}: ${diagnosis.fix.text}`);
    for (const command of diagnosis.fix.commands) lines.push(`    ${command}`);
  }
  return lines;
}
