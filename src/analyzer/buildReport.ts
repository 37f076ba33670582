/** Builds the JSON v1 report (report.ts) from analysed captures. */
import { captureRecording, type CaptureRecording } from './capture/captureRecording.js';
import type { CaptureAnalysis } from './captureScan.js';
import { connectLatencyMs } from './handshakes/connectLatency.js';
import { NO_FINDINGS, type AttemptFinding, type AttemptFindings } from './diagnosis/attemptFindings.js';
import { endpointText, type ForeignAckSeen, type HandshakeAttempt, type ServerView, type SynTransmission, type TcpOptionsSeen, type TunnelSeen } from './model.js';
import {
  REPORT_VERSION, type AtServerJson, type CaptureReportJson, type CaptureRole, type DiagnosisJson, type EvidenceFileJson, type HandshakeJson, type ReportJson,
  type ForeignAckJson, type PathStepJson, type SynJson, type TcpOptionsJson, type TunnelJson,
} from './report.js';
import type { PathStep } from './correlation/attemptPath.js';
import type { CaptureClock } from './correlation/captureOffsets.js';

export interface ReportCapture {
  /** As given on the command line, or the document URI. */
  path: string;
  role: CaptureRole;
  analysis: CaptureAnalysis;
}

function distinctLinkTypes(analysis: CaptureAnalysis): number[] {
  return [...new Set(analysis.info.interfaces.map((face) => face.linkType))];
}

function recordingJson(recording: CaptureRecording | null): CaptureReportJson['recording'] {
  return recording && { start: recording.start, end: recording.end, dropped: recording.dropped };
}

function captureJson({ path, role, analysis }: ReportCapture, clock: CaptureClock | null | undefined): CaptureReportJson {
  const { summary } = analysis;
  const json: CaptureReportJson = {
    path,
    role,
    format: analysis.info.format,
    compression: analysis.info.compression ?? null,
    linkTypes: distinctLinkTypes(analysis),
    packets: summary.packets,
    tcpPackets: summary.tcpPackets,
    start: summary.start,
    end: summary.end,
    recording: recordingJson(captureRecording(analysis.info)),
    warnings: analysis.warnings.map(({ code, message, offset, file }) => (file === undefined ? { code, message, offset } : { code, message, offset, file })),
    summary: {
      attempts: summary.attempts,
      passed: summary.passed,
      failed: summary.failed,
      unknown: summary.unknown,
      midstream: summary.midstream,
      synRetransmissions: summary.synRetransmissions,
      skippedLinkTypes: analysis.skippedLinkTypes.map((skipped) => ({ ...skipped })),
      servers: summary.servers,
      serversWithFailures: summary.serversWithFailures,
      perServer: summary.perServer.map((rate) => ({ ...rate, failureRate: rate.attempts === 0 ? 0 : rate.failed / rate.attempts })),
    },
  };
  // Only a capture set has files: a single file keeps the shape it always had.
  if (analysis.set !== undefined) json.files = analysis.set.files.map((file) => ({ ...file }));
  return clock === undefined ? json : { ...json, offsetMs: clock?.offsetMs ?? null, offsetSpreadMs: clock?.spreadMs ?? null };
}

function optionsJson(options: TcpOptionsSeen): TcpOptionsJson {
  const json = { mss: options.mss, windowScale: options.windowScale, sackPermitted: options.sackPermitted, tsval: options.tsval, tsecr: options.tsecr };
  return options.cut === undefined ? json : { ...json, cut: options.cut };
}

function synJson({ frame, time, tsval, tsvalCut }: SynTransmission): SynJson {
  return tsvalCut === true ? { frame, time, tsval, tsvalCut } : { frame, time, tsval };
}

export function atServerJson(view: ServerView | null): AtServerJson | null {
  return view && { client: view.client, seen: view.seen, replied: view.replied, offsetMs: view.offsetMs };
}

/** A handshake row: what the tracker saw, with what a diagnosis found about it (`finding`, if any). */
export function handshakeJson(handshake: HandshakeAttempt, finding?: AttemptFinding): HandshakeJson {
  const { synAck, ack, rst, teardown } = handshake;
  return {
    id: handshake.id,
    client: endpointText(handshake.client),
    server: endpointText(handshake.server),
    ipVersion: handshake.ipVersion,
    isn: handshake.isn,
    synTime: handshake.synTime,
    synCount: handshake.syns.length,
    tsval: handshake.syns[0]?.tsval ?? null,
    syns: handshake.syns.map(synJson),
    synOptions: optionsJson(handshake.synOptions),
    ttl: handshake.ttl,
    synAck: synAck && { frame: synAck.frame, time: synAck.time, isn: synAck.isn, options: optionsJson(synAck.options), count: synAck.count, ttl: synAck.ttl ?? null },
    ack: ack && { frame: ack.frame, time: ack.time, withData: ack.withData },
    rst: rst && { frame: rst.frame, time: rst.time, from: rst.from, ttl: rst.ttl ?? null },
    teardown: { ...teardown },
    verdict: handshake.verdict,
    outcome: handshake.outcome,
    rttMs: handshake.rttMs,
    ackDelayMs: handshake.ackDelayMs,
    connectMs: connectLatencyMs(handshake),
    vantage: handshake.vantage,
    cause: finding?.cause ?? null,
    confidence: finding?.confidence ?? null,
    atServer: atServerJson(finding?.atServer ?? null),
    natViews: (handshake.natViews ?? []).map(({ client, frame, time }) => ({ client, frame, time })),
    tunnel: tunnelJson(handshake.tunnel ?? null),
    foreignAck: foreignAckJson(handshake.foreignAck ?? null),
    ...(finding?.path ? { path: finding.path.map(pathStepJson) } : {}),
  };
}

function foreignAckJson(seen: ForeignAckSeen | null): ForeignAckJson | null {
  return seen && { frame: seen.frame, time: seen.time, ack: seen.ack, count: seen.count, reset: seen.reset && { ...seen.reset } };
}

function pathStepJson({ capture, side, client, seen, replied, firstSynTime }: PathStep): PathStepJson {
  return { capture, side, client, seen, replied, firstSynTime };
}

function tunnelJson(tunnel: TunnelSeen | null): TunnelJson | null {
  return tunnel && { kind: tunnel.kind, outer: tunnel.outer, vni: tunnel.vni };
}

/** What the diagnosis of the captures returned: the diagnoses, and the findings about the first capture's attempts. */
export interface ReportDiagnosis {
  diagnoses: DiagnosisJson[];
  findings: AttemptFindings;
  /**
   * With several captures along a path (correlation/correlatePath.ts): the rows, one per attempt wherever
   * it was seen, instead of the first capture's attempts; and each capture's clock against the first's.
   */
  path?: { rows: readonly HandshakeAttempt[]; clocks: ReadonlyArray<CaptureClock | null>; server: number };
  /** The evidence files given beside the captures (evidence/evidenceReport.ts); none when absent. */
  evidenceFiles?: EvidenceFileJson[];
}

const UNDIAGNOSED: ReportDiagnosis = { diagnoses: [], findings: NO_FINDINGS };

/**
 * The report of one capture (role `single`) or of a client and a server capture. Rows are the first
 * capture's attempts, with the diagnosis's findings (`cause`, `confidence`, `atServer`) laid over them.
 */
export function toReport(captures: readonly ReportCapture[], diagnosis: ReportDiagnosis = UNDIAGNOSED): ReportJson {
  return { ...reportWithoutRows(captures, diagnosis), handshakes: [...reportRows(captures, diagnosis.findings, diagnosis.path?.rows)] };
}

/** The report with `handshakes` empty but in its place: what is written around rows streamed from reportRows. */
export function reportWithoutRows(captures: readonly ReportCapture[], diagnosis: ReportDiagnosis = UNDIAGNOSED): ReportJson {
  const clocks = diagnosis.path?.clocks;
  return { version: REPORT_VERSION, captures: captures.map((capture, index) => captureJson(capture, clocks && (clocks[index] ?? null))), handshakes: [], diagnoses: diagnosis.diagnoses, evidenceFiles: diagnosis.evidenceFiles ?? [] };
}

/** The report's rows one at a time, so that a writer never holds them all; `rows`: a path's rows instead of the first capture's attempts. */
export function* reportRows(captures: readonly ReportCapture[], findings: AttemptFindings = NO_FINDINGS, rows?: readonly HandshakeAttempt[]): Generator<HandshakeJson> {
  if (captures.length === 0) return;
  for (const handshake of rows ?? captures[0].analysis.handshakes) yield handshakeJson(handshake, findings.get(handshake.id));
}
