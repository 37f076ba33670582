/** The selected attempt: its verdict and cause, the explanation, the ladder and its Wireshark filter. */
import type { HandshakeJson } from '../analyzer/report.js';
import type { AttemptDetail } from '../shared/lspExtensions.js';
import { MessageType } from '../shared/webviewProtocol.js';
import { button, element } from './dom.js';
import type { Explanations } from './explanations.js';
import { formatTime } from './format.js';
import { renderLadder } from './ladder.js';
import { renderPathLadder } from './pathLadder.js';
import type { PageContext } from './pageContext.js';
import { causeChip, outcomeLabel, rowVerdict, verdictBadge } from './rowCells.js';

export class DetailPane {
  readonly element: HTMLElement;
  private shownId: number | null = null;

  constructor(private readonly context: PageContext, private readonly explanations: Explanations) {
    this.element = element('aside', { className: 'detail', testId: 'detail-pane', attributes: { 'aria-label': context.strings.detail, 'aria-live': 'polite' } });
    this.clear();
  }

  /** Back to the prompt to select an attempt: the row shown is no longer selected. */
  clear(): void {
    this.shownId = null;
    delete this.element.dataset.id;
    delete this.element.dataset.loading;
    this.element.replaceChildren(element('p', { className: 'muted', text: this.context.strings.selectAttempt, testId: 'detail-empty' }));
  }

  async show(row: HandshakeJson): Promise<void> {
    if (this.shownId === row.id) return;
    this.shownId = row.id;
    this.element.dataset.id = String(row.id);
    this.element.dataset.loading = 'true';
    const reply = await this.context.channel.requestDetail(row.id);
    // The user may have moved on while the ladder was on its way.
    if (this.shownId !== row.id) return;
    delete this.element.dataset.loading;
    this.element.replaceChildren(...this.render(row, reply.detail));
    this.bringIntoView();
  }

  /**
   * Below the table (narrow editors) the pane can be off-screen, so that selecting a row seems to do
   * nothing: then the page scrolls until the pane's top is in view, the table's last rows still above it.
   */
  private bringIntoView(): void {
    const top = this.element.getBoundingClientRect().top;
    if (top > window.innerHeight - 120) window.scrollBy({ top: top - window.innerHeight * 0.45 });
  }

  private render(row: HandshakeJson, detail: AttemptDetail | null): Node[] {
    const { strings } = this.context;
    const heading = element('div', { className: 'detail-head' }, [
      element('h2', { text: `${strings.detail} #${row.id}` }),
      verdictBadge(this.context, rowVerdict(row)),
      // A pending attempt's outcome so far is no outcome yet, as in its row.
      ...(row.pending ? [] : [element('span', { className: 'muted', text: outcomeLabel(this.context, row.outcome) })]),
    ]);
    if (row.cause) heading.append(causeChip(row.cause, this.explanations));
    const nodes: Node[] = [heading, element('p', { className: 'detail-route', text: `${formatTime(row.synTime, this.context.timeZone)}  ${row.client} → ${row.server}` })];
    const explanation = detail?.explanation ?? this.explanations.attempt(row.id);
    if (explanation) nodes.push(element('p', { className: 'detail-explanation', text: explanation, testId: 'detail-explanation' }));
    if (!detail) return nodes;
    nodes.push(element('div', { className: 'ladder-frame' }, [detail.points ? renderPathLadder(this.context, detail, detail.points) : renderLadder(this.context, detail)]));
    nodes.push(element('div', { className: 'filter-copy' }, [
      element('code', { text: detail.wiresharkFilter, testId: 'wireshark-filter' }),
      button(strings.copyFilter, 'copy', 'copy-filter-button', () => this.context.channel.post({ type: MessageType.CopyWiresharkFilter, filter: detail.wiresharkFilter })),
      button(strings.openInWireshark, 'link-external', 'open-in-wireshark-button', () => this.context.channel.post({ type: MessageType.OpenInWireshark, filter: detail.wiresharkFilter })),
      button(strings.exportAttemptPackets, 'export', 'export-packets-button', () => this.context.channel.post({ type: MessageType.ExportAttemptPackets, handshakeId: row.id })),
    ]));
    return nodes;
  }
}
