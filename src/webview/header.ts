/** The capture's header: what was read, the counts, the warnings, and the correlated server capture. */
import { CANCELLED_WARNING, CAPTURE_GAP_WARNING, CAPTURE_OVERLAP_WARNING, DIAGNOSIS_CANCELLED_WARNING } from '../analyzer/capture/warningCodes.js';
import { linkTypeName } from '../analyzer/layers/linkTypes.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import type { CaptureDetailsJson, CaptureOverview, NatTranslationJson } from '../shared/lspExtensions.js';
import { MessageType, type CorrelationView, type PathCorrelationView, type SuggestionMessage } from '../shared/webviewProtocol.js';
import { button, codicon, element } from './dom.js';
import { formatCount, formatOffset, formatMs, formatSpan, formatTime, formatTimeOfDay } from './format.js';
import type { PageContext } from './pageContext.js';

function fact(label: string, value: string, testId: string): HTMLElement {
  return element('div', { className: 'fact', testId }, [element('span', { className: 'fact-label', text: label }), element('span', { className: 'fact-value', text: value })]);
}

function count(label: string, value: number, verdict: string): HTMLElement {
  return element('div', { className: `count count-${verdict}`, testId: `count-${verdict}`, attributes: { 'data-count': String(value) } }, [
    element('span', { className: 'count-value', text: formatCount(value) }),
    element('span', { className: 'count-label', text: label }),
  ]);
}

export function renderHeader(context: PageContext, overview: CaptureOverview, correlation: CorrelationView | null, path: PathCorrelationView | null = null): HTMLElement {
  const { strings, timeZone } = context;
  const capture = overview.capture;
  const summary = capture.summary;
  const span = capture.start !== null && capture.end !== null
    ? `${formatTime(capture.start, timeZone)} – ${formatTimeOfDay(capture.end, timeZone)} (${formatSpan(capture.end - capture.start)})`
    : '—';
  const title = element('div', { className: 'header-title' }, [
    codicon(capture.files === undefined ? 'file-binary' : 'files'),
    element('h1', { text: context.fileName, testId: 'capture-file' }),
    element('span', { className: 'format-tag', text: capture.format, testId: 'capture-format' }),
  ]);
  const actions = element('div', { className: 'header-actions' }, [
    // A capture taken at the server is paired with a client capture; any other with a server capture.
    button(overview.vantage === 'server' && !correlation ? strings.correlateClient : strings.correlate, 'link', 'correlate-button', () => context.channel.post({ type: MessageType.Correlate })),
    button(strings.textReport, 'output', 'text-report-button', () => context.channel.post({ type: MessageType.OpenTextReport })),
  ]);
  const facts = element('div', { className: 'facts' }, [
    fact(strings.linkTypes, capture.linkTypes.map((type) => `${linkTypeName(type)} (${type})`).join(', ') || '—', 'capture-link-types'),
    fact(strings.packets, `${formatCount(capture.packets)} (${formatCount(capture.tcpPackets)} TCP)`, 'capture-packets'),
    fact(strings.timeSpan, span, 'capture-span'),
  ]);
  const counts = element('div', { className: 'counts', testId: 'capture-counts' }, [
    count(strings.attempts, summary.attempts, 'all'),
    count(strings.passed, summary.passed, 'pass'),
    count(strings.failedCount, summary.failed, 'fail'),
    count(strings.unknownCount, summary.unknown, 'unknown'),
  ]);
  const header = element('header', { className: 'capture-header', testId: 'capture-header' }, [
    element('div', { className: 'header-row' }, [title, actions]),
    element('div', { className: 'header-row' }, [facts, counts]),
  ]);
  const cancelled = capture.warnings.find((warning) => warning.code === CANCELLED_WARNING);
  if (cancelled) header.append(renderCancelled(context, cancelled.offset));
  const undiagnosed = capture.warnings.find((warning) => warning.code === DIAGNOSIS_CANCELLED_WARNING);
  if (undiagnosed) header.append(renderUndiagnosed(context));
  const problems = capture.warnings.filter((warning) => warning !== cancelled && warning !== undiagnosed);
  if (problems.length > 0) header.append(renderWarnings(context, problems));
  if (capture.files !== undefined) header.append(renderSetFiles(context, capture.files));
  const details = renderDetails(context, overview.details);
  if (details) header.append(details);
  header.append(path ? renderPath(path) : renderCorrelation(context, correlation, overview.diagnoses, overview.vantage));
  return header;

  function renderPath(shown: PathCorrelationView): HTMLElement {
    const parts: HTMLElement[] = [codicon('type-hierarchy'), element('span', { className: 'fact-label', text: strings.pathCaptures })];
    shown.order.forEach((index, position) => {
      if (position > 0) parts.push(element('span', { className: 'path-arrow', text: '→' }));
      const name = element(index === shown.shown ? 'strong' : 'span', { text: shown.files[index], testId: 'path-capture', attributes: { 'data-index': String(index) } });
      parts.push(name);
      if (index === shown.server) parts.push(element('span', { className: 'nat-tag', text: strings.pathServerTag, testId: 'path-server' }));
    });
    return element('div', { className: 'correlation', testId: 'correlation', attributes: { 'data-correlated': 'true', 'data-path': 'true' } }, parts);
  }
}

/** "server.pcap shares 36 of 36 attempts — Correlate": the one workspace capture that clearly holds this capture's traffic. */
export function renderSuggestion(context: PageContext, suggestion: SuggestionMessage): HTMLElement {
  const { strings } = context;
  const text = strings.suggestionShares.replace('{0}', suggestion.file).replace('{1}', formatCount(suggestion.matched)).replace('{2}', formatCount(suggestion.attempts));
  return element('div', { className: 'suggestion', testId: 'suggestion', attributes: { role: 'status' } }, [
    codicon('lightbulb'),
    element('span', { text, testId: 'suggestion-text' }),
    button(strings.suggestionCorrelate, 'link', 'suggestion-correlate', () => context.channel.post({ type: MessageType.CorrelateSuggested })),
  ]);
}

/**
 * What the file says about itself (pcapng comments, OS, application, hardware, interface names and
 * descriptions), folded away. Anyone can write these strings: each goes in by textContent, whole.
 */
function renderDetails(context: PageContext, details: CaptureDetailsJson): HTMLElement | null {
  if (details.totalComments === 0 && details.totalInterfaces === 0) return null;
  const { strings } = context;
  const label = { comment: strings.detailComment, hardware: strings.detailHardware, os: strings.detailOs, application: strings.detailApplication };
  const item = (kind: string, name: string, testId: string, value: string) => element('li', { attributes: { 'data-kind': kind } }, [
    element('span', { className: 'fact-label', text: `${name}: ` }),
    element('span', { className: 'capture-string', text: value, testId }),
  ]);
  const items = details.comments.map((comment) => item(comment.kind, label[comment.kind], 'capture-comment', comment.text));
  for (const face of details.interfaces) {
    const parts = [element('span', { className: 'fact-label', text: `${strings.detailInterface}: ` })];
    if (face.name !== null) parts.push(element('span', { className: 'capture-string', text: face.name, testId: 'interface-name' }));
    if (face.description !== null) parts.push(element('span', { className: 'capture-string muted', text: face.description, testId: 'interface-description' }));
    items.push(element('li', { attributes: { 'data-kind': 'interface' } }, parts));
  }
  const hidden = details.totalComments - details.comments.length + details.totalInterfaces - details.interfaces.length;
  if (hidden > 0) items.push(element('li', { className: 'muted', text: `+${formatCount(hidden)} ${strings.moreNotShown}` }));
  return element('details', { className: 'capture-details', testId: 'capture-details' }, [
    element('summary', { text: strings.captureDetails }),
    element('ul', {}, items),
  ]);
}

/** The last path segment: the files of a set share their folder, shown once as the editor's title. */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || path;
}

/** A capture set's files in the order they were read (time order), each with its packets and time span. */
function renderSetFiles(context: PageContext, files: NonNullable<CaptureOverview['capture']['files']>): HTMLElement {
  const { strings, timeZone } = context;
  const items = files.map((file) => {
    const span = file.firstPacketTime !== null && file.lastPacketTime !== null
      ? `${formatTime(file.firstPacketTime, timeZone)} – ${formatTimeOfDay(file.lastPacketTime, timeZone)}`
      : strings.setFileNoPackets;
    return element('li', { testId: 'set-file', attributes: { 'data-packets': String(file.packets), title: file.path } }, [
      element('span', { className: 'capture-string', text: baseName(file.path), testId: 'set-file-name' }),
      element('span', { className: 'muted', text: ` · ${formatCount(file.packets)} ${strings.setFilePackets} · ${span}` }),
    ]);
  });
  return element('details', { className: 'capture-details', testId: 'set-files', attributes: { 'data-files': String(files.length) } }, [
    element('summary', { text: `${strings.setFiles} (${formatCount(files.length)})` }),
    element('ol', {}, items),
  ]);
}

/** The user stopped the analysis: how far it got, that the rows are what was read, and a way to finish. */
function renderCancelled(context: PageContext, offset: number): HTMLElement {
  const { strings } = context;
  const percent = context.size > 0 ? Math.min(100, Math.floor((100 * offset) / context.size)) : 100;
  return element('div', { className: 'banner banner-info', testId: 'cancelled-banner', attributes: { role: 'status', 'data-percent': String(percent) } }, [
    codicon('debug-pause'),
    element('span', { text: `${strings.cancelledAt} ${percent} % ${strings.cancelledRest}` }),
    button(strings.analyseAgain, 'refresh', 'reanalyze-button', () => context.channel.post({ type: MessageType.Reanalyze })),
  ]);
}

/** The diagnosis stopped by the user: the rows are all there, their causes are not; asked again, the server diagnoses them. */
function renderUndiagnosed(context: PageContext): HTMLElement {
  const { strings } = context;
  return element('div', { className: 'banner banner-info', testId: 'undiagnosed-banner', attributes: { role: 'status' } }, [
    codicon('debug-pause'),
    element('span', { text: strings.diagnosisCancelled }),
    button(strings.diagnoseAgain, 'refresh', 'rediagnose-button', () => context.channel.post({ type: MessageType.Reanalyze })),
  ]);
}

/** Warnings that say how a set's files cover time, not that something could not be read. */
const SET_COVERAGE = new Set([CAPTURE_GAP_WARNING, CAPTURE_OVERLAP_WARNING]);

function renderWarnings(context: PageContext, warnings: CaptureOverview['capture']['warnings']): HTMLElement {
  const heading = warnings.every((warning) => SET_COVERAGE.has(warning.code)) ? context.strings.setCoverage : context.strings.partialRead;
  const list = element('ul', { className: 'warning-list' }, warnings.slice(0, 20).map((warning) =>
    // The message says what happened; the stable code is for scripts and stays in the tooltip.
    element('li', { attributes: { 'data-code': warning.code, title: warning.code } }, [
      element('span', { text: `${warning.message} ` }),
      element('span', { className: 'muted', text: `(${context.strings.byteOffset} ${formatCount(warning.offset)})` }),
    ])));
  return element('div', { className: 'banner banner-warning', testId: 'warnings-banner', attributes: { role: 'status' } }, [
    codicon('warning'),
    element('div', {}, [element('strong', { text: heading }), list]),
  ]);
}

/** A `nat-multiple-clocks` diagnosis counts at least two TSval clocks (hosts) behind `address`. */
function severalClocksBehind(diagnoses: readonly DiagnosisJson[], address: string): boolean {
  return diagnoses.some((diagnosis) => diagnosis.code === 'nat-multiple-clocks'
    && diagnosis.evidence.filter((evidence) => evidence.values.address === address && typeof evidence.values.clock === 'number').length >= 2);
}

/** The client capture shows the very address and ports the server sees: no translation between them. */
function showsNoTranslation(translation: NatTranslationJson): boolean {
  return translation.portsRewritten === 0 && translation.clients.every((client) => client.address === translation.serverSees);
}

function renderCorrelation(context: PageContext, correlation: CorrelationView | null, diagnoses: readonly DiagnosisJson[], vantage: 'client' | 'server'): HTMLElement {
  const { strings } = context;
  if (!correlation) return element('div', { className: 'correlation muted', testId: 'correlation', attributes: { 'data-correlated': 'false' } }, [codicon('link'), element('span', { text: vantage === 'server' ? strings.notCorrelatedClient : strings.notCorrelated })]);
  const offset = correlation.clockOffset;
  const parts: HTMLElement[] = [
    codicon('link'),
    element('span', { className: 'fact-label', text: strings.serverCapture }),
    element('strong', { text: correlation.serverFile, testId: 'server-capture-file' }),
  ];
  if (offset) {
    parts.push(element('span', { className: 'fact-label', text: strings.clockOffset }));
    parts.push(element('span', {
      testId: 'clock-offset',
      text: `${formatOffset(offset.medianMs)} (${strings.clockSpread} ±${formatMs(offset.spreadMs)} ${strings.ms}, ${formatCount(offset.pairs)} ${strings.matchedSyns})`,
    }));
  }
  for (const translation of correlation.translations) {
    if (showsNoTranslation(translation)) {
      // The server sees the address the client capture shows. That capture was taken after a NAT only if
      // several hosts' TSval clocks share the address; otherwise nothing says there is a NAT at all.
      const afterNat = severalClocksBehind(diagnoses, translation.serverSees);
      parts.push(afterNat
        ? element('span', { className: 'nat-tag', testId: 'nat-translation', title: strings.natNotVisibleHint, text: strings.natNotVisible, attributes: { 'data-nat': 'not-visible' } })
        : element('span', { className: 'nat-tag', testId: 'nat-translation', title: strings.natNoneHint, text: strings.natNone, attributes: { 'data-nat': 'none' } }));
      continue;
    }
    const clients = translation.clients.map((client) => client.address).join(', ');
    parts.push(element('span', { className: 'nat-tag', testId: 'nat-translation', text: `${strings.natTranslation}: ${clients} → ${translation.serverSees}`, attributes: { 'data-nat': 'translated' } }));
  }
  return element('div', { className: 'correlation', testId: 'correlation', attributes: { 'data-correlated': 'true' } }, parts);
}
