/** In place of the table when the capture could not be analysed: what went wrong, where, what was read. */
import { MessageType, type CaptureFailure } from '../shared/webviewProtocol.js';
import { button, codicon, element } from './dom.js';
import { formatBytes, formatCount } from './format.js';
import type { PageContext } from './pageContext.js';

export function renderFailure(context: PageContext, failure: CaptureFailure): HTMLElement {
  const { strings } = context;
  const headline = {
    unreadable: strings.unreadable,
    cancelled: strings.cancelled,
    declined: strings.awaitingConsent,
    failed: strings.failed,
  }[failure.kind];
  const view = element('section', { className: 'failure', testId: 'capture-error', attributes: { role: 'alert', 'data-kind': failure.kind } }, [
    element('h2', {}, [codicon(failure.kind === 'unreadable' || failure.kind === 'failed' ? 'error' : 'info'), element('span', { text: headline })]),
    element('p', { className: 'failure-file', text: `${failure.file} (${formatBytes(failure.size)})` }),
  ]);
  if (failure.reason) view.append(element('p', { className: 'failure-reason', text: failure.reason, testId: 'capture-error-reason' }));
  if (failure.offset !== null) {
    view.append(element('dl', { className: 'failure-facts' }, [
      element('dt', { text: strings.atByte }),
      element('dd', { text: `${formatCount(failure.offset)} ${strings.of} ${formatCount(failure.size)}`, testId: 'capture-error-offset', attributes: { 'data-offset': String(failure.offset) } }),
      element('dt', { text: strings.readBefore }),
      element('dd', { text: `${formatCount(failure.offset)} ${strings.bytes}` }),
    ]));
  }
  const label = failure.kind === 'declined' ? strings.readAnyway : strings.analyseAgain;
  view.append(button(label, 'refresh', 'reanalyze-button', () => context.channel.post({ type: MessageType.Reanalyze })));
  return view;
}
