/**
 * Which of the table's columns show and how wide, as the column chooser and the header's drag handles
 * change them: a value, kept in the webview state, from which the grid's CSS tracks follow. Pure, so
 * node:test covers it.
 */
import type { HandshakeColumn } from '../shared/lspExtensions.js';
import { readStatePart, writeStatePart, type WebviewStateStore } from './webviewState.js';

export interface ColumnLayout {
  /** Shown columns, in display order (always the order of ALL_COLUMNS). */
  visible: readonly HandshakeColumn[];
  /** Widths in CSS pixels of the columns the user resized; the others take their default track. */
  widths: Partial<Record<HandshakeColumn, number>>;
}

/** Every column the chooser offers, in display order. */
export const ALL_COLUMNS: readonly HandshakeColumn[] = [
  'id', 'time', 'client', 'server', 'syns', 'rtt', 'connect', 'tsval', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame', 'verdict', 'outcome', 'cause',
];

/** Offered in the chooser but hidden at first: what a Wireshark user adds when a question needs it. */
const HIDDEN_AT_FIRST: readonly HandshakeColumn[] = ['id', 'connect', 'isn', 'mss', 'wscale', 'sack', 'ttl', 'frame'];

/** The id (Wireshark's "No.") is hidden at first too: the time already orders the rows. */
export const DEFAULT_LAYOUT: ColumnLayout = { visible: ALL_COLUMNS.filter((column) => !HIDDEN_AT_FIRST.includes(column)), widths: {} };

/** Narrower than this a column shows nothing useful, and its handle is hard to grab again. */
export const MIN_COLUMN_WIDTH = 36;
const MAX_COLUMN_WIDTH = 2000;

/**
 * Default tracks: proportional columns over minimums that fit an IPv4 endpoint, the time as the table
 * prints it (`--time-min`, from the characters of the time format), the id and the frame number as
 * wide as their largest (`--id-min`, `--frame-min`), a verdict badge, and the cause chip
 * `paws-tw-recycle` whole. The default columns take 910 px without dates (942 px with " UTC"), so they fit
 * the editor of a 1280 × 800 window beside the explorer (about 950 px inside the page's margins); wider,
 * the proportional columns share the rest. A column the user resized keeps its width.
 */
const DEFAULT_TRACKS: Record<HandshakeColumn, { track: string; min: string }> = {
  id: { track: 'var(--id-min)', min: 'var(--id-min)' },
  time: { track: 'minmax(var(--time-min), 1.1fr)', min: 'var(--time-min)' },
  client: { track: 'minmax(146px, 1.3fr)', min: '146px' },
  server: { track: 'minmax(161px, 1.3fr)', min: '161px' },
  syns: { track: '48px', min: '48px' },
  rtt: { track: '64px', min: '64px' },
  connect: { track: '96px', min: '96px' },
  tsval: { track: '92px', min: '92px' },
  isn: { track: '104px', min: '104px' },
  mss: { track: '60px', min: '60px' },
  wscale: { track: '72px', min: '72px' },
  sack: { track: '56px', min: '56px' },
  ttl: { track: '48px', min: '48px' },
  frame: { track: 'var(--frame-min)', min: 'var(--frame-min)' },
  verdict: { track: '96px', min: '96px' },
  outcome: { track: 'minmax(84px, 0.8fr)', min: '84px' },
  cause: { track: 'minmax(108px, 1fr)', min: '108px' },
  path: { track: 'minmax(180px, 2fr)', min: '180px' },
};

/** Shows or hides a column; the last shown column stays, or the table would have no rows to click. */
export function toggleColumn(layout: ColumnLayout, column: HandshakeColumn): ColumnLayout {
  const shown = layout.visible.includes(column);
  if (shown && layout.visible.length === 1) return layout;
  const visible = ALL_COLUMNS.filter((candidate) => (candidate === column ? !shown : layout.visible.includes(candidate)));
  return { ...layout, visible };
}

export function resizeColumn(layout: ColumnLayout, column: HandshakeColumn, width: number): ColumnLayout {
  const clamped = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
  return { ...layout, widths: { ...layout.widths, [column]: clamped } };
}

/** `grid-template-columns` of the rows and the width below which the table scrolls sideways. */
export function gridTracks(layout: ColumnLayout): { columns: string; minWidth: string } {
  const tracks = layout.visible.map((column) => {
    const width = layout.widths[column];
    return width === undefined ? DEFAULT_TRACKS[column] : { track: `${width}px`, min: `${width}px` };
  });
  return { columns: tracks.map((entry) => entry.track).join(' '), minWidth: `calc(${tracks.map((entry) => entry.min).join(' + ')})` };
}

export function loadColumnLayout(store: WebviewStateStore): ColumnLayout {
  const saved = readStatePart(store, 'columns');
  if (!saved) return DEFAULT_LAYOUT;
  const listed = Array.isArray(saved.visible) ? saved.visible : [];
  const visible = ALL_COLUMNS.filter((column) => listed.includes(column));
  const widths: ColumnLayout['widths'] = {};
  const savedWidths = saved.widths && typeof saved.widths === 'object' ? saved.widths as Record<string, unknown> : {};
  for (const column of ALL_COLUMNS) {
    const width = savedWidths[column];
    if (typeof width === 'number' && Number.isFinite(width)) widths[column] = resizeColumn(DEFAULT_LAYOUT, column, width).widths[column];
  }
  return { visible: visible.length > 0 ? visible : DEFAULT_LAYOUT.visible, widths };
}

export function saveColumnLayout(store: WebviewStateStore, layout: ColumnLayout): void {
  writeStatePart(store, 'columns', { visible: [...layout.visible], widths: { ...layout.widths } });
}

/** A double-click on a column's handle: back to its default track. */
export function defaultColumnWidth(layout: ColumnLayout, column: HandshakeColumn): ColumnLayout {
  const widths = { ...layout.widths };
  delete widths[column];
  return { ...layout, widths };
}
