/**
 * The table's header row: a sort button per shown column and, on its right edge, a handle that resizes
 * the column by dragging (or by the arrow keys once focused; a double-click gives the column its default
 * width back). A right-click, the context-menu key or Shift+F10 on the header opens the column chooser.
 */
import type { HandshakeColumn, HandshakeSort } from '../shared/lspExtensions.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import type { ColumnLayout } from './columnLayout.js';
import { codicon, element } from './dom.js';
import { ariaSort } from './tableState.js';

export const HEADER_LABEL: Record<HandshakeColumn, keyof WebviewStrings> = {
  id: 'colId', time: 'colTime', client: 'colClient', server: 'colServer', syns: 'colSyns', rtt: 'colRtt',
  connect: 'colConnect', tsval: 'colTsval', isn: 'colIsn', mss: 'colMss', wscale: 'colWscale', sack: 'colSack', ttl: 'colTtl', frame: 'colFrame',
  verdict: 'colVerdict', outcome: 'colOutcome', cause: 'colCause', path: 'colPath',
};
const HEADER_HINT: Record<HandshakeColumn, keyof WebviewStrings> = {
  id: 'hintId', time: 'hintTime', client: 'hintClient', server: 'hintServer', syns: 'hintSyns', rtt: 'hintRtt',
  connect: 'hintConnect', tsval: 'hintTsval', isn: 'hintIsn', mss: 'hintMss', wscale: 'hintWscale', sack: 'hintSack', ttl: 'hintTtl', frame: 'hintFrame',
  verdict: 'hintVerdict', outcome: 'hintOutcome', cause: 'hintCause', path: 'hintPath',
};

/** Pixels an arrow key moves a focused handle. */
const KEY_STEP = 8;

export interface HeaderActions {
  onSort(column: HandshakeColumn): void;
  /** A width while dragging (`done` false) and the final one (`done` true, to be kept); null: the default width. */
  onResize(column: HandshakeColumn, width: number | null, done: boolean): void;
  onColumnMenu(at: { x: number; y: number }): void;
}

export function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
}

export function renderHeaderCells(strings: WebviewStrings, layout: ColumnLayout, sort: HandshakeSort, actions: HeaderActions): HTMLElement[] {
  return layout.visible.map((column, index) => {
    const order = ariaSort(sort, column);
    const header = element('div', {
      className: `cell header-cell cell-${column}`,
      testId: `column-${column}`,
      title: strings[HEADER_HINT[column]],
      attributes: { role: 'columnheader', 'aria-sort': order, 'aria-colindex': String(index + 1), 'data-column': column },
    });
    const button = element('button', { className: 'sort-button', attributes: { type: 'button' } }, [element('span', { className: 'header-label', text: strings[HEADER_LABEL[column]] })]);
    if (order !== 'none') button.append(codicon(order === 'ascending' ? 'arrow-up' : 'arrow-down'));
    button.addEventListener('click', () => actions.onSort(column));
    header.append(button, resizeHandle(strings, column, header, actions));
    header.addEventListener('contextmenu', (event) => {
      event.preventDefault();
      actions.onColumnMenu({ x: event.clientX, y: event.clientY });
    });
    header.addEventListener('keydown', (event) => {
      if (!isMenuKey(event)) return;
      // The grid would open the row's menu for the same key.
      event.preventDefault();
      event.stopPropagation();
      const box = header.getBoundingClientRect();
      actions.onColumnMenu({ x: box.left, y: box.bottom + 2 });
    });
    return header;
  });
}

function resizeHandle(strings: WebviewStrings, column: HandshakeColumn, header: HTMLElement, actions: HeaderActions): HTMLElement {
  const label = `${strings.resizeColumn}: ${strings[HEADER_LABEL[column]]}`;
  const handle = element('div', {
    className: 'column-resizer',
    testId: `resize-${column}`,
    title: label,
    attributes: { role: 'separator', 'aria-orientation': 'vertical', 'aria-label': label, tabindex: '0' },
  });
  let drag: { pointer: number; startX: number; startWidth: number; width: number } | undefined;
  handle.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    handle.setPointerCapture(event.pointerId);
    const startWidth = header.getBoundingClientRect().width;
    drag = { pointer: event.pointerId, startX: event.clientX, startWidth, width: startWidth };
    handle.classList.add('dragging');
  });
  handle.addEventListener('pointermove', (event) => {
    if (drag?.pointer !== event.pointerId) return;
    drag.width = drag.startWidth + event.clientX - drag.startX;
    actions.onResize(column, drag.width, false);
  });
  const end = (event: PointerEvent) => {
    if (drag?.pointer !== event.pointerId) return;
    const { width } = drag;
    drag = undefined;
    handle.classList.remove('dragging');
    actions.onResize(column, width, true);
  };
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);
  // A click on the handle must not sort the column beside it.
  handle.addEventListener('click', (event) => event.stopPropagation());
  handle.addEventListener('dblclick', (event) => {
    event.stopPropagation();
    actions.onResize(column, null, true);
  });
  handle.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    event.stopPropagation();
    const width = header.getBoundingClientRect().width + (event.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP);
    actions.onResize(column, width, true);
  });
  return handle;
}
