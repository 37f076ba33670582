/**
 * The row above the table: the time display format (Wireshark's View → Time Display Format), the time
 * reference when one is set, the column chooser's button, and the selection with its exports.
 */
import type { WebviewStrings } from '../shared/webviewStrings.js';
import { codicon, element } from './dom.js';
import { formatCount } from './format.js';
import { TIME_FORMATS, type TimeDisplay, type TimeFormat } from './timeDisplay.js';

export interface TableToolbar {
  element: HTMLElement;
  showTimeDisplay(display: TimeDisplay): void;
  showSelectionCount(count: number): void;
}

export interface ToolbarActions {
  onTimeFormat(format: TimeFormat): void;
  onClearReference(): void;
  onColumnMenu(anchor: HTMLElement): void;
  onExport(format: 'pcapng' | 'csv'): void;
}

const FORMAT_LABEL: Record<TimeFormat, keyof WebviewStrings> = { absolute: 'timeAbsolute', 'since-start': 'timeSinceStart', 'since-previous': 'timeSincePrevious' };

function iconButton(label: string, icon: string, testId: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const node = element('button', { className: 'action-button toolbar-button', testId, title: label, attributes: { type: 'button', 'aria-label': label } }, [codicon(icon)]);
  node.addEventListener('click', () => onClick(node));
  return node;
}

export function renderTableToolbar(strings: WebviewStrings, actions: ToolbarActions): TableToolbar {
  const format = element('select', { testId: 'time-format', attributes: { 'aria-label': strings.timeDisplay } });
  for (const value of TIME_FORMATS) format.append(element('option', { text: strings[FORMAT_LABEL[value]], attributes: { value } }));
  format.addEventListener('change', () => actions.onTimeFormat(format.value as TimeFormat));
  const referenceText = element('span', { testId: 'time-reference-id' });
  const reference = element('span', { className: 'time-reference', testId: 'time-reference', title: strings.timeReferenceHint }, [
    codicon('pin'), element('span', { text: strings.timeReference }), referenceText,
    iconButton(strings.unsetTimeReference, 'close', 'clear-time-reference', () => actions.onClearReference()),
  ]);
  const count = element('span', { className: 'selection-count muted', testId: 'selection-count', title: strings.selectionHint, attributes: { 'aria-live': 'polite' } });
  const exportPcapng = iconButton(strings.exportSelectedPcapng, 'export', 'export-selected-pcapng', () => actions.onExport('pcapng'));
  const exportCsv = iconButton(strings.exportSelectedCsv, 'table', 'export-selected-csv', () => actions.onExport('csv'));
  const bar = element('div', { className: 'table-toolbar', testId: 'table-toolbar' }, [
    element('label', { className: 'toolbar-field' }, [codicon('clock'), element('span', { className: 'muted', text: strings.timeDisplay }), format]),
    reference,
    element('span', { className: 'toolbar-spacer' }),
    count,
    exportPcapng,
    exportCsv,
    iconButton(strings.columnsHint, 'eye', 'columns-button', (button) => actions.onColumnMenu(button)),
  ]);
  return {
    element: bar,
    showTimeDisplay(display) {
      format.value = display.format;
      reference.hidden = display.reference === null;
      referenceText.textContent = display.reference === null ? '' : `#${display.reference.id}`;
    },
    showSelectionCount(selected) {
      count.textContent = `${formatCount(selected)} ${strings.rowsSelected}`;
      count.dataset.count = String(selected);
      exportPcapng.disabled = selected === 0;
      exportCsv.disabled = selected === 0;
    },
  };
}
