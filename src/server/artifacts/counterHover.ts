/** Hovers on netstat -s and nstat counters, related to an open capture when the caller knows one. */
import { artifactTextsFor } from './catalog.js';
import { nstatName, type CounterId } from '../../analyzer/evidence/counterCatalog.js';
import { counterSpan } from './counterDiagnostics.js';
import { readCounters } from '../../analyzer/evidence/counterReadings.js';
import type { Hover } from './lspShapes.js';
import type { CaptureFacts, Lang } from './texts.js';
import { contains } from './textLines.js';
import { grouped } from '../../analyzer/explain/format.js';

/** What an open capture of the same host shows, for the hover to relate a counter to it. */
export type CaptureContext = CaptureFacts;

/** The counters an unanswered SYN in a capture can be one of. */
const SYN_DROPS: ReadonlySet<CounterId> = new Set(['PAWSPassive', 'ListenDrops', 'ListenOverflows', 'TCPReqQFullDrop']);

export function hoverCounters(text: string, line: number, character: number, lang: Lang, context?: CaptureContext): Hover | null {
  const position = { line, character };
  const reading = readCounters(text).find((r) => contains(r.range, position) || (r.labelRange !== null && contains(r.labelRange, position)));
  if (!reading) return null;
  const texts = artifactTextsFor(lang).counters;
  const counter = texts.counters[reading.id];
  const paragraphs = [
    `**${nstatName(reading.id)}** = ${grouped(reading.value)}`,
    counter.summary,
    `${texts.handshakesLabel}: ${counter.handshakes}`,
    texts.spanNote[counterSpan(reading)],
  ];
  const related = context && SYN_DROPS.has(reading.id) ? texts.captureContext(context) : null;
  if (related) paragraphs.push(related);
  const range = reading.labelRange !== null && contains(reading.labelRange, position) ? reading.labelRange : reading.range;
  return { contents: { kind: 'markdown', value: paragraphs.join('\n\n') }, range };
}
