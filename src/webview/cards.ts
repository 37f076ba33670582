/** One card per diagnosis above the table: title, explanation, evidence and fix. */
import type { DiagnosisJson } from '../analyzer/report.js';
import { codicon, element } from './dom.js';
import type { PageContext } from './pageContext.js';

const SEVERITY_ICON: Record<DiagnosisJson['severity'], string> = { error: 'error', warning: 'warning', info: 'info' };
/** Evidence sentences shown before "show all": a PAWS diagnosis can name hundreds of SYNs. */
const EVIDENCE_SHOWN = 6;

export function renderCards(context: PageContext, diagnoses: readonly DiagnosisJson[], onSelect: (ids: number[]) => void): HTMLElement {
  const { strings } = context;
  const section = element('section', { className: 'cards', testId: 'diagnosis-cards', attributes: { 'aria-label': strings.diagnoses } });
  if (diagnoses.length === 0) {
    section.append(element('p', { className: 'muted', text: strings.noDiagnoses, testId: 'no-diagnoses' }));
    return section;
  }
  for (const diagnosis of diagnoses) section.append(renderCard(context, diagnosis, onSelect));
  return section;
}

function renderCard(context: PageContext, diagnosis: DiagnosisJson, onSelect: (ids: number[]) => void): HTMLElement {
  const { strings } = context;
  const card = element('article', {
    className: `card severity-${diagnosis.severity}`,
    testId: 'diagnosis-card',
    attributes: { 'data-code': diagnosis.code, 'data-severity': diagnosis.severity, 'data-confidence': diagnosis.confidence },
  });
  const title = element('h2', { className: 'card-title' }, [codicon(SEVERITY_ICON[diagnosis.severity]), element('span', { text: diagnosis.title, testId: 'diagnosis-title' })]);
  const meta = element('span', { className: 'card-meta', text: `${diagnosis.code} · ${strings.confidence}: ${diagnosis.confidence}` });
  card.append(element('div', { className: 'card-head' }, [title, meta]));
  card.append(element('p', { className: 'card-explanation', text: diagnosis.explanation, testId: 'diagnosis-explanation' }));
  if (diagnosis.evidence.length > 0) {
    const details = element('details', { className: 'card-evidence', testId: 'diagnosis-evidence' });
    details.open = diagnosis.severity === 'error';
    details.append(element('summary', { text: `${strings.evidence} (${diagnosis.evidence.length})` }));
    const list = element('ul');
    diagnosis.evidence.forEach((evidence, index) => {
      const item = element('li', { text: evidence.text, className: index >= EVIDENCE_SHOWN ? 'evidence-more' : undefined });
      if (evidence.handshakeIds.length > 0) {
        item.classList.add('evidence-link');
        item.tabIndex = 0;
        item.dataset.handshakeIds = evidence.handshakeIds.join(',');
        const select = () => onSelect(evidence.handshakeIds);
        item.addEventListener('click', select);
        item.addEventListener('keydown', (event) => { if (event.key === 'Enter') select(); });
      }
      list.append(item);
    });
    details.append(list);
    card.append(details);
  }
  if (diagnosis.fix) {
    const fix = element('div', { className: 'card-fix', testId: 'diagnosis-fix' }, [element('strong', { text: strings.fix }), element('p', { text: diagnosis.fix.text })]);
    if (diagnosis.fix.commands.length > 0) fix.append(element('pre', { text: diagnosis.fix.commands.join('\n') }));
    card.append(fix);
  }
  return card;
}
