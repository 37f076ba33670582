/** Which attempts a packet export is asked for: the failed ones, or attempts named by their ids. */
import type { HandshakeAttempt } from '../model.js';

export type AttemptSelection = { kind: 'failed' } | { kind: 'attempts'; ids: readonly number[] };

/** Ids that name no attempt of the capture: the export is refused rather than silently smaller. */
export class UnknownAttemptsError extends Error {
  constructor(readonly file: string, readonly ids: readonly number[]) {
    super(`${file}: no attempt ${ids.join(', ')} in this capture`);
    this.name = 'UnknownAttemptsError';
  }
}

/** The selected attempts in id order; throws UnknownAttemptsError for ids the analysis does not list. */
export function selectAttempts(handshakes: readonly HandshakeAttempt[], selection: AttemptSelection, file: string): HandshakeAttempt[] {
  if (selection.kind === 'failed') return handshakes.filter((attempt) => attempt.verdict === 'fail');
  const wanted = new Set(selection.ids);
  const chosen = handshakes.filter((attempt) => wanted.has(attempt.id));
  if (chosen.length < wanted.size) {
    const found = new Set(chosen.map((attempt) => attempt.id));
    throw new UnknownAttemptsError(file, [...wanted].filter((id) => !found.has(id)).sort((a, b) => a - b));
  }
  return chosen;
}

/** Most ids the file comment names one by one; beyond them it gives the count (a pcapng option holds 64 KiB). */
const COMMENT_IDS = 100;

/** The section comment of an export: `Handshake Lens: attempts 3, 7, 12 of story-client.pcap`. */
export function exportComment(attempts: readonly HandshakeAttempt[], captureName: string): string {
  const ids = attempts.map((attempt) => attempt.id);
  const listed = ids.slice(0, COMMENT_IDS).join(', ');
  const rest = ids.length > COMMENT_IDS ? ` and ${ids.length - COMMENT_IDS} more` : '';
  const noun = ids.length === 1 ? 'attempt' : 'attempts';
  const base = captureName.split(/[\\/]/).pop() ?? captureName;
  return `Handshake Lens: ${noun} ${listed}${rest} of ${base}`;
}
