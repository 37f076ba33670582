/**
 * Two captures whose recorded times do not overlap: either one machine's clock was off (the attempts
 * still match on ISN, port and TSval, and the offset says by how much), or they were taken at different
 * times and the server capture covers no moment of the client capture.
 */
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson } from '../report.js';
import type { CaptureSide } from '../diagnosis/captureSide.js';
import type { ClockOffset } from './clockOffset.js';

export interface OverlapGap {
  client: { start: number; end: number };
  server: { start: number; end: number };
  /** Seconds between the end of the earlier capture and the start of the later one (recorded times). */
  gapSeconds: number;
}

/** Null when the recorded spans overlap, or when a capture has no records to say when it ran. */
export function findOverlapGap(client: CaptureSide, server: CaptureSide): OverlapGap | null {
  const c = client.summary;
  const s = server.summary;
  if (c.start === null || c.end === null || s.start === null || s.end === null) return null;
  const gapSeconds = Math.max(s.start - c.end, c.start - s.end);
  if (gapSeconds <= 0) return null;
  return { client: { start: c.start, end: c.end }, server: { start: s.start, end: s.end }, gapSeconds };
}

/** Info: the gap is a fact; what it means for the pair is said by the matches and the other checks. */
export function overlapDiagnosis(texts: Texts, gap: OverlapGap, offset: ClockOffset | null): DiagnosisJson {
  const t = texts.pairChecks;
  const facts = {
    clientFrom: gap.client.start, clientTo: gap.client.end, serverFrom: gap.server.start, serverTo: gap.server.end,
    gapSeconds: gap.gapSeconds, offsetMs: offset?.medianMs ?? null,
  };
  return {
    code: 'captures-do-not-overlap',
    severity: 'info',
    confidence: 'high',
    title: t.noOverlapTitle(facts),
    explanation: t.noOverlapExplanation(offset !== null),
    evidence: [{
      text: t.noOverlapEvidence(facts),
      values: {
        clientCaptureStart: facts.clientFrom, clientCaptureEnd: facts.clientTo, serverCaptureStart: facts.serverFrom, serverCaptureEnd: facts.serverTo,
        gapSeconds: facts.gapSeconds, offsetMs: facts.offsetMs,
      },
      handshakeIds: [],
    }],
    fix: null,
    handshakeIds: [],
  };
}
