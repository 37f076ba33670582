/**
 * The line above the table while the capture is read: how far, and how many rows are there so far.
 * Causes, diagnoses and charts need the whole capture, so the line says they come at the end.
 */
import type { ReadingProgress } from '../shared/webviewProtocol.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import { element } from './dom.js';
import { formatCount } from './format.js';

export interface ReadingStatus {
  element: HTMLElement;
  show(progress: ReadingProgress): void;
}

export function renderReadingStatus(strings: WebviewStrings, progress: ReadingProgress): ReadingStatus {
  const percent = element('span', { testId: 'reading-percent' });
  const counts = element('span', { className: 'muted', testId: 'reading-counts' });
  const statusElement = element('div', { className: 'reading-status', testId: 'reading-status' }, [
    element('span', { className: 'codicon codicon-loading codicon-modifier-spin', attributes: { 'aria-hidden': 'true' } }),
    percent,
    counts,
    element('span', { className: 'muted', text: strings.readingRestAtEnd }),
  ]);
  const show = ({ percent: read, rows, failed, attempts }: ReadingProgress): void => {
    percent.textContent = `${strings.reading} ${read} %`;
    counts.textContent = [
      `${formatCount(rows)} ${strings.readingDecided}`,
      `${formatCount(failed)} ${strings.readingFailed}`,
      `${formatCount(Math.max(0, attempts - rows))} ${strings.readingOpen}`,
    ].join(' · ');
  };
  show(progress);
  return { element: statusElement, show };
}
