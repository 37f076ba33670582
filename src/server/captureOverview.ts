/** The first answer about a capture: its summary, diagnoses and charts, without its rows. */
import { toReport } from '../analyzer/buildReport.js';
import type { CaptureInfo } from '../analyzer/capture/types.js';
import { MAX_DETAIL_ITEMS, type BreakdownJson, type CaptureChartsJson, type CaptureCommentJson, type CaptureDetailsJson, type CaptureOverview, type CorrelatedOverview } from '../shared/lspExtensions.js';
import { captureBreakdown } from './captureBreakdown.js';
import { captureCharts } from './captureCharts.js';
import type { PairView } from './captureStore.js';
import type { CaptureView, StoredCapture } from './captureView.js';
import { sentDiagnoses } from './sentIds.js';

const charts = new WeakMap<StoredCapture, CaptureChartsJson>();
const breakdowns = new WeakMap<StoredCapture, BreakdownJson>();
function breakdownOf(capture: StoredCapture): BreakdownJson {
  let cached = breakdowns.get(capture);
  if (!cached) breakdowns.set(capture, (cached = captureBreakdown(capture.analysis.handshakes)));
  return cached;
}

function chartsOf(capture: StoredCapture): CaptureChartsJson {
  let cached = charts.get(capture);
  if (!cached) {
    const { handshakes, summary } = capture.analysis;
    cached = captureCharts(handshakes, summary.start, summary.end);
    charts.set(capture, cached);
  }
  return cached;
}

/** The pcapng reader keeps section strings as `hardware: …`, `os: …`, `application: …` among the comments. */
const SECTION_STRING = /^(hardware|os|application): /;

function commentJson(comment: string): CaptureCommentJson {
  const kind = SECTION_STRING.exec(comment)?.[1] as CaptureCommentJson['kind'] | undefined;
  return kind ? { kind, text: comment.slice(kind.length + 2) } : { kind: 'comment', text: comment };
}

function detailsOf(info: CaptureInfo): CaptureDetailsJson {
  const named = info.interfaces.filter((face) => face.name !== undefined || face.description !== undefined);
  return {
    comments: info.comments.slice(0, MAX_DETAIL_ITEMS).map(commentJson),
    totalComments: info.comments.length,
    interfaces: named.slice(0, MAX_DETAIL_ITEMS).map((face) => ({ name: face.name ?? null, description: face.description ?? null })),
    totalInterfaces: named.length,
  };
}

export function captureOverview(view: CaptureView): CaptureOverview {
  const { capture } = view;
  // The summary only: the rows travel by handshakePage, never all at once.
  const [json] = toReport([{ path: capture.name, role: view.role, analysis: { ...capture.analysis, handshakes: [] } }]).captures;
  return { uri: capture.uri, capture: json, details: detailsOf(capture.analysis.info), totalHandshakes: capture.analysis.handshakes.length, vantage: view.vantage, diagnoses: sentDiagnoses(view.diagnoses, view), charts: chartsOf(capture), breakdown: breakdownOf(capture) };
}

export function correlatedOverview(pair: PairView): CorrelatedOverview {
  const { offset } = pair;
  return {
    client: captureOverview(pair.client),
    server: captureOverview(pair.server),
    clockOffset: offset && { medianMs: offset.medianMs, spreadMs: offset.spreadMs, pairs: offset.pairs },
    translations: pair.translations.map((t) => ({ serverSees: t.serverSees, clients: t.clients.map((c) => ({ ...c })), attempts: t.attempts, portsRewritten: t.portsRewritten })),
    diagnoses: sentDiagnoses(pair.diagnoses, pair.client),
  };
}
