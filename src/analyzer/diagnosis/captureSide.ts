/**
 * What the diagnosis needs of an analysed capture: its attempts and its time span. An analysis from
 * analyze.ts fits as it is; a bare list of attempts (tests, the language server's cache) is accepted too.
 */
import type { CaptureInfo } from '../capture/types.js';
import type { HandshakeAttempt } from '../model.js';

export interface CaptureSide {
  handshakes: HandshakeAttempt[];
  summary: { start: number | null; end: number | null };
  /**
   * Set when the capture holds more attempts than were listed: from `firstSynTime` on, an attempt of
   * the capture may be missing from `handshakes`, so its absence there proves nothing.
   */
  unlisted?: { firstSynTime: number } | null;
  /** The capture's interfaces, whose statistics may say when it ran and what it dropped (pcapng). */
  info?: Pick<CaptureInfo, 'interfaces'>;
  /** A capture set's times between two files that neither recorded (captureSet.ts `CaptureGap`). */
  set?: { gaps: readonly { from: number; to: number }[] };
}

export type CaptureInput = CaptureSide | HandshakeAttempt[];

export function captureSide(input: CaptureInput): CaptureSide {
  if (!Array.isArray(input)) return input;
  let start = Infinity;
  let end = -Infinity;
  for (const attempt of input) {
    for (const syn of attempt.syns) {
      start = Math.min(start, syn.time);
      end = Math.max(end, syn.time);
    }
    end = Math.max(end, attempt.synAck?.time ?? -Infinity, attempt.teardown.secondFinTime ?? -Infinity);
  }
  return { handshakes: input, summary: { start: input.length ? start : null, end: input.length ? end : null } };
}
