/** Which attempts a packet export is asked for: the failed ones, or attempts named by their ids. */
import type { HandshakeAttempt } from '../model.js';

export type AttemptSelection = { kind: 'failed' } | { kind: 'attempts'; ids: ArrayLike<number> };

/** Ids that name no attempt of the capture: the export is refused rather than silently smaller. */
export class UnknownAttemptsError extends Error {
  constructor(readonly file: string, readonly ids: readonly number[]) {
    super(`${file}: no attempt ${ids.join(', ')} in this capture`);
    this.name = 'UnknownAttemptsError';
  }
}

/**
 * The selected attempts in id order; throws UnknownAttemptsError for ids the analysis does not list.
 * The ids wanted are marked in a bitmap up to the largest id listed (a Set of a selection of ten million
 * took hundreds of megabytes); an id past it names nothing, so no id sizes the bitmap.
 */
export function selectAttempts(handshakes: readonly HandshakeAttempt[], selection: AttemptSelection, file: string): HandshakeAttempt[] {
  if (selection.kind === 'failed') return handshakes.filter((attempt) => attempt.verdict === 'fail');
  let largest = 0;
  for (const attempt of handshakes) if (attempt.id > largest) largest = attempt.id;
  const wanted = new Uint8Array(largest + 1);
  const beyond = new Set<number>();
  let distinct = 0;
  for (let at = 0; at < selection.ids.length; at++) {
    const id = selection.ids[at];
    if (!(Number.isInteger(id) && id >= 0 && id <= largest)) beyond.add(id);
    else if (wanted[id] === 0) {
      wanted[id] = 1;
      distinct++;
    }
  }
  const chosen = handshakes.filter((attempt) => wanted[attempt.id] === 1);
  if (chosen.length < distinct || beyond.size > 0) {
    for (const attempt of chosen) wanted[attempt.id] = 0;
    const missing = [...beyond];
    for (let id = 0; id <= largest; id++) if (wanted[id] === 1) missing.push(id);
    throw new UnknownAttemptsError(file, missing.sort((a, b) => a - b));
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
