/** One card per diagnosis above the table: its title on one line, opening to the explanation, evidence and fix. */
import type { DiagnosisJson, EvidenceJson } from '../analyzer/report.js';
import type { AttemptsToShow } from '../shared/webviewProtocol.js';
import { codicon, element } from './dom.js';
import type { PageContext } from './pageContext.js';

const SEVERITY_ICON: Record<DiagnosisJson['severity'], string> = { error: 'error', warning: 'warning', info: 'info' };
/** Evidence sentences shown unfolded. */
const EVIDENCE_SHOWN = 3;

export function renderCards(context: PageContext, diagnoses: readonly DiagnosisJson[], onSelect: (attempts: AttemptsToShow) => void): HTMLElement {
  const { strings } = context;
  const section = element('section', { className: 'cards', testId: 'diagnosis-cards', attributes: { 'aria-label': strings.diagnoses } });
  if (diagnoses.length === 0) {
    section.append(element('p', { className: 'muted', text: strings.noDiagnoses, testId: 'no-diagnoses' }));
    return section;
  }
  for (const diagnosis of diagnoses) section.append(renderCard(context, diagnosis, onSelect));
  return section;
}

function renderCard(context: PageContext, diagnosis: DiagnosisJson, onSelect: (attempts: AttemptsToShow) => void): HTMLElement {
  const { strings } = context;
  const card = element('article', {
    className: `card severity-${diagnosis.severity}`,
    testId: 'diagnosis-card',
    attributes: { 'data-code': diagnosis.code, 'data-severity': diagnosis.severity, 'data-confidence': diagnosis.confidence },
  });
  const title = element('h2', { className: 'card-title' }, [codicon(SEVERITY_ICON[diagnosis.severity]), element('span', { text: diagnosis.title, testId: 'diagnosis-title' })]);
  const confidence = { high: strings.confidenceHigh, medium: strings.confidenceMedium, low: strings.confidenceLow }[diagnosis.confidence];
  const meta = element('span', { className: 'card-meta', text: `${diagnosis.code} · ${strings.confidence}: ${confidence}` });
  // One line each until opened, so that the table is on the first screen: the title says what happened.
  const fold = element('details', { className: 'card-fold', testId: 'diagnosis-fold' });
  fold.append(element('summary', { className: 'card-head' }, [title, meta]));
  card.append(fold);
  const body = element('div', { className: 'card-body' });
  fold.append(body);
  body.append(element('p', { className: 'card-explanation', text: diagnosis.explanation, testId: 'diagnosis-explanation' }));
  if (diagnosis.evidence.length > 0) {
    // The first facts are shown; the rest (a PAWS card can name hundreds of SYNs) fold away.
    const evidence = element('div', { className: 'card-evidence', testId: 'diagnosis-evidence' }, [element('strong', { text: strings.evidence })]);
    evidence.append(evidenceList(context, diagnosis.evidence.slice(0, EVIDENCE_SHOWN), onSelect));
    if (diagnosis.evidence.length > EVIDENCE_SHOWN) {
      const more = element('details', {}, [element('summary', { text: `+${diagnosis.evidence.length - EVIDENCE_SHOWN}` })]);
      more.append(evidenceList(context, diagnosis.evidence.slice(EVIDENCE_SHOWN), onSelect));
      evidence.append(more);
    }
    body.append(evidence);
  }
  if (diagnosis.ruledOutBy) {
    body.append(element('p', { className: 'card-ruled-out', testId: 'diagnosis-ruled-out' }, [element('strong', { text: `${strings.ruledOutBy}: ` }), document.createTextNode(diagnosis.ruledOutBy)]));
  }
  if (diagnosis.fix) {
    const fix = element('div', { className: 'card-fix', testId: 'diagnosis-fix' }, [element('strong', { text: strings.fix }), element('p', { text: diagnosis.fix.text })]);
    if (diagnosis.fix.commands.length > 0) fix.append(element('pre', { text: diagnosis.fix.commands.join('\n') }));
    body.append(fix);
  }
  return card;
}

/** Evidence sentences; those about particular attempts select them in the table when chosen. */
function evidenceList(context: PageContext, evidence: readonly EvidenceJson[], onSelect: (attempts: AttemptsToShow) => void): HTMLElement {
  const list = element('ul');
  for (const fact of evidence) {
    const item = element('li', { text: fact.text });
    if (fact.handshakeIds.length > 0) {
      item.classList.add('evidence-link');
      item.tabIndex = 0;
      item.dataset.handshakeIds = fact.handshakeIds.join(',');
      const cause = fact.handshakeCause;
      if (cause) {
        item.dataset.handshakeCause = cause;
        item.title = context.strings.showCauseAttempts;
      }
      const select = () => onSelect({ handshakeIds: fact.handshakeIds, ...(cause ? { cause } : {}) });
      item.addEventListener('click', select);
      item.addEventListener('keydown', (event) => { if (event.key === 'Enter') select(); });
    }
    list.append(item);
  }
  return list;
}
