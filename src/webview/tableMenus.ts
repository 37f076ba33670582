/**
 * The table's two context menus: the column chooser (the header's right-click and the toolbar's button),
 * a check per column and "Reset columns"; and a row's menu, with the time reference and the exports of
 * the selection.
 */
import type { HandshakeJson } from '../analyzer/report.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import { ALL_COLUMNS, DEFAULT_LAYOUT, toggleColumn, type ColumnLayout } from './columnLayout.js';
import type { MenuItem } from './popupMenu.js';
import { HEADER_LABEL } from './tableHeader.js';
import type { TimeDisplay } from './timeDisplay.js';

/** `layout()` is read at each toggle, as the menu stays open while columns come and go. */
export function columnMenuItems(strings: WebviewStrings, layout: () => ColumnLayout, apply: (layout: ColumnLayout) => void): MenuItem[] {
  const items: MenuItem[] = ALL_COLUMNS.map((column) => ({
    kind: 'check',
    label: strings[HEADER_LABEL[column]],
    testId: `column-choice-${column}`,
    checked: layout().visible.includes(column),
    onToggle: () => {
      apply(toggleColumn(layout(), column));
      return layout().visible.includes(column);
    },
  }));
  items.push({ kind: 'separator' }, { kind: 'action', label: strings.resetColumns, testId: 'reset-columns', icon: 'discard', onChoose: () => apply(DEFAULT_LAYOUT) });
  return items;
}

export interface RowMenuActions {
  toggleReference(row: HandshakeJson): void;
  exportSelection(format: 'pcapng' | 'csv'): void;
}

export function rowMenuItems(strings: WebviewStrings, row: HandshakeJson, time: TimeDisplay, actions: RowMenuActions): MenuItem[] {
  const isReference = time.reference?.id === row.id;
  return [
    { kind: 'action', label: isReference ? strings.unsetTimeReference : strings.setTimeReference, testId: 'menu-time-reference', icon: 'pin', keys: 'Ctrl+T', onChoose: () => actions.toggleReference(row) },
    { kind: 'separator' },
    { kind: 'action', label: strings.exportSelectedPcapng, testId: 'menu-export-pcapng', icon: 'export', onChoose: () => actions.exportSelection('pcapng') },
    { kind: 'action', label: strings.exportSelectedCsv, testId: 'menu-export-csv', icon: 'table', onChoose: () => actions.exportSelection('csv') },
  ];
}
