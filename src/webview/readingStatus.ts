/**
 * The line above the table while the capture is read: how far, and how many rows are there so far.
 * Causes, diagnoses and charts need the whole capture, so the line says they come at the end; for a
 * capture still being written, followed as it grows, the line says so and offers Pause instead, and
 * the causes of what was written so far come above the table every few seconds (main.ts showLive).
 */
import type { ReadingProgress } from '../shared/webviewProtocol.js';
import type { WebviewStrings } from '../shared/webviewStrings.js';
import { element } from './dom.js';
import { formatCount } from './format.js';
import { renderFollowing } from './followControls.js';
import type { HostChannel } from './hostChannel.js';

export interface ReadingStatus {
  element: HTMLElement;
  show(progress: ReadingProgress): void;
}

export function renderReadingStatus(strings: WebviewStrings, channel: HostChannel, progress: ReadingProgress): ReadingStatus {
  const percent = element('span', { testId: 'reading-percent' });
  const counts = element('span', { className: 'muted', testId: 'reading-counts' });
  const restAtEnd = element('span', { className: 'muted', text: strings.readingRestAtEnd });
  const spinner = element('span', { className: 'codicon codicon-loading codicon-modifier-spin', attributes: { 'aria-hidden': 'true' } });
  const statusElement = element('div', { className: 'reading-status', testId: 'reading-status' }, [spinner, percent, counts, restAtEnd]);
  let following = false;
  const show = ({ percent: read, rows, pending, decided, failed, attempts, following: nowFollowing }: ReadingProgress): void => {
    // Once followed, the file has no size to read a percentage of: the badge says it grows.
    if (nowFollowing && !following) {
      following = true;
      spinner.remove();
      percent.remove();
      restAtEnd.replaceWith(renderFollowing(strings, channel));
      statusElement.prepend(statusElement.lastChild!);
    }
    percent.textContent = `${strings.reading} ${read} %`;
    // Past the first 100,000 decided attempts the server counts the rest until the end: the table holds fewer.
    const shown = rows - pending;
    counts.textContent = [
      `${formatCount(decided)} ${strings.readingDecided}`,
      `${formatCount(failed)} ${strings.readingFailed}`,
      `${formatCount(Math.max(0, attempts - decided))} ${strings.readingOpen}`,
      ...(shown < decided ? [`${formatCount(shown)} ${strings.readingShownUntilEnd}`] : []),
    ].join(' · ');
  };
  show(progress);
  return { element: statusElement, show };
}
