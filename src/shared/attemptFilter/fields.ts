/**
 * The fields a filter can name, what kind of value each holds, and where it comes from in an attempt and
 * the diagnosis's finding about it. One table, so the parser's checks, the predicate and docs/filters.md
 * name the same fields.
 */
import type { AttemptFinding } from '../../analyzer/diagnosis/attemptFindings.js';
import type { Confidence, DiagnosisCode, HandshakeAttempt, Outcome, Verdict } from '../../analyzer/model.js';
import { connectLatencyMs } from '../../analyzer/handshakes/connectLatency.js';
import { endpointText } from '../../analyzer/model.js';
import { wiresharkFrameNumber } from '../frameNumber.js';

/**
 * number: compared as numbers; duration: milliseconds, literals take a unit (us, ms, s); text: compared
 * case-insensitively, `~` is a substring; choice: one of a fixed set of words; flag: true or false.
 */
export type FieldKind = 'number' | 'duration' | 'text' | 'choice' | 'flag';

export type FieldValue = number | string | boolean | null;

export interface AttemptFacts {
  attempt: HandshakeAttempt;
  finding: AttemptFinding | undefined;
}

export interface FilterField {
  name: string;
  kind: FieldKind;
  /** The words a choice field takes. */
  choices?: readonly string[];
  /** null: the attempt has no such value (no SYN-ACK, no timestamp, no cause). */
  read(facts: AttemptFacts): FieldValue;
}

const VERDICTS: Record<Verdict, true> = { pass: true, fail: true, unknown: true };
const OUTCOMES: Record<Outcome, true> = {
  established: true, refused: true, 'no-reply': true, 'no-ack': true, 'reset-by-client': true, 'syn-ack-after-give-up': true, 'capture-ended': true, 'not-accepted': true,
};
const CONFIDENCES: Record<Confidence, true> = { high: true, medium: true, low: true };
/** Every diagnosis code: a code added to the model does not compile until it is filterable. */
const CAUSES: Record<DiagnosisCode, true> = {
  'paws-tw-recycle': true, 'nat-multiple-clocks': true, 'dropped-at-server': true, 'lost-before-server': true, 'reply-lost': true,
  'dropped-at-node': true, refused: true, 'reset-by-middlebox': true, 'not-covered': true, unlocated: true, 'captures-do-not-correspond': true,
  'isn-rewritten': true, 'captures-do-not-overlap': true, 'capture-roles-reversed': true, 'slow-connect': true, 'listen-overflow': true,
  'syn-cookies': true,
  'time-wait-collision': true,
};

const field = (name: string, kind: FieldKind, read: FilterField['read'], choices?: Record<string, true>): FilterField =>
  ({ name, kind, read, ...(choices ? { choices: Object.keys(choices) } : {}) });

export const FILTER_FIELDS: readonly FilterField[] = [
  field('id', 'number', ({ attempt }) => attempt.id),
  field('time', 'number', ({ attempt }) => attempt.synTime),
  field('client', 'text', ({ attempt }) => endpointText(attempt.client)),
  field('client.address', 'text', ({ attempt }) => attempt.client.address),
  field('client.port', 'number', ({ attempt }) => attempt.client.port),
  field('server', 'text', ({ attempt }) => endpointText(attempt.server)),
  field('server.address', 'text', ({ attempt }) => attempt.server.address),
  field('server.port', 'number', ({ attempt }) => attempt.server.port),
  field('syns', 'number', ({ attempt }) => attempt.syns.length),
  field('rtt', 'duration', ({ attempt }) => attempt.rttMs),
  field('tsval', 'number', ({ attempt }) => attempt.syns[0]?.tsval ?? null),
  field('ts', 'flag', ({ attempt }) => attempt.synOptions.tsval !== null),
  field('verdict', 'choice', ({ attempt }) => attempt.verdict, VERDICTS),
  field('outcome', 'choice', ({ attempt }) => attempt.outcome, OUTCOMES),
  field('cause', 'choice', ({ finding }) => finding?.cause ?? null, CAUSES),
  field('confidence', 'choice', ({ finding }) => finding?.confidence ?? null, CONFIDENCES),
  field('isn', 'number', ({ attempt }) => attempt.isn),
  field('mss', 'number', ({ attempt }) => attempt.synOptions.mss),
  field('wscale', 'number', ({ attempt }) => attempt.synOptions.windowScale),
  field('sack', 'flag', ({ attempt }) => attempt.synOptions.sackPermitted),
  field('ttl', 'number', ({ attempt }) => attempt.ttl),
  field('connect', 'duration', ({ attempt }) => connectLatencyMs(attempt)),
  field('frame', 'number', ({ attempt }) => (attempt.syns[0] ? wiresharkFrameNumber(attempt.syns[0].frame) : null)),
];

const BY_NAME = new Map(FILTER_FIELDS.map((entry) => [entry.name, entry]));

export function filterField(name: string): FilterField | undefined {
  return BY_NAME.get(name.toLowerCase());
}
