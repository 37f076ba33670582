/** Hovers on netstat -s and nstat counters, related to an open capture when the caller knows one. */
import type { Hover } from './lspShapes.js';
import type { Lang } from './texts.js';

/** What an open capture of the same host shows, for the hover to relate a counter to it. */
export interface CaptureContext {
  captureName?: string;
  /** SYNs in the capture that nothing answered. */
  unansweredSyns?: number;
  /** SYNs the PAWS replay (tcp_tw_recycle rule) predicts the server dropped. */
  pawsPredictedDrops?: number;
}

export function hoverCounters(_text: string, _line: number, _character: number, _lang: Lang, _context?: CaptureContext): Hover | null {
  return null;
}
