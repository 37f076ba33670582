/**
 * The two charts: TSval of SYNs against time, one series per source address or inferred clock, dropped
 * SYNs crossed out (the picture that makes the PAWS cause obvious); and attempts and failures over time.
 * A drag across either filters the table to that time range (chartTimeRange.ts).
 * Only the chart.js parts used are registered, so the rest is tree-shaken. chart.js sizes its canvas
 * through the CSSOM (element.style), which the Content Security Policy allows; it injects no stylesheet.
 */
import {
  BarController,
  BarElement,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { AttemptBucketJson, CaptureChartsJson, TsvalPointJson, TsvalSeriesJson } from '../shared/lspExtensions.js';
import { ChartTimeRange } from './chartTimeRange.js';
import { button, element } from './dom.js';
import { formatClock, formatCount, formatTime } from './format.js';
import type { PageContext } from './pageContext.js';
import type { TimeRange } from './timeRangeFilter.js';

Chart.register(ScatterController, BarController, PointElement, BarElement, LinearScale, Tooltip, Legend);

/** Series colours: VS Code's chart palette, read from the theme at draw time. */
const SERIES_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-orange', '--vscode-charts-yellow'];

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

interface ThemeColors {
  text: string;
  grid: string;
  dropped: string;
  series: string[];
}

function themeColors(): ThemeColors {
  return {
    text: themeColor('--vscode-foreground', '#888'),
    grid: themeColor('--vscode-editorWidget-border', themeColor('--vscode-panel-border', 'rgba(128,128,128,0.3)')),
    dropped: themeColor('--vscode-charts-red', '#e51400'),
    series: SERIES_VARIABLES.map((name, index) => themeColor(name, ['#1a85ff', '#388a34', '#652d90', '#d18616', '#bf8803'][index]!)),
  };
}

type TsvalDatum = TsvalPointJson & { x: number; y: number };

/** What a time range dragged on a chart does: the table's filter (main.ts). */
export interface TimeRangeActions {
  onRange(range: TimeRange): void;
  onClear(): void;
}

export class CaptureCharts {
  readonly element: HTMLElement;
  private readonly charts: Chart[] = [];

  /** The drag-to-filter of each chart (TSval, then attempts over time): both show the table's one range. */
  private readonly timeRanges: ChartTimeRange[];
  private readonly clearButtons: HTMLButtonElement[];
  private range: TimeRange | null = null;

  constructor(private readonly context: PageContext, private readonly data: CaptureChartsJson, rangeActions: TimeRangeActions) {
    const { strings } = context;
    const dropped = data.tsval.reduce((sum, series) => sum + series.points.filter((p) => p.dropped).length, 0);
    const tsval = this.frame('tsval-chart', strings.chartTsval, `${strings.chartTsvalHint} ${strings.chartRangeHint}`, { 'data-series': String(data.tsval.length), 'data-dropped': String(dropped) });
    const attempts = this.frame('attempts-chart', strings.chartAttempts, strings.chartRangeHint, { 'data-buckets': String(data.attempts.length), 'data-legend': `${strings.passed}|${strings.failedCount}` });
    this.element = element('section', { className: 'charts', testId: 'charts', attributes: { 'aria-label': strings.charts } }, [tsval, attempts]);
    const frames = [{ frame: tsval, clearId: 'clear-time-range' }, { frame: attempts, clearId: 'clear-time-range-attempts' }];
    this.clearButtons = frames.map(({ frame, clearId }) => {
      const clear = button(strings.clearTimeRange, 'clear-all', clearId, () => rangeActions.onClear());
      clear.hidden = true;
      frame.querySelector('figcaption')!.append(clear);
      return clear;
    });
    this.timeRanges = frames.map(({ frame }, index) =>
      new ChartTimeRange(frame.querySelector<HTMLElement>('.chart-canvas')!, () => this.charts[index], rangeActions.onRange, rangeActions.onClear));
  }

  /** The band of the table's time range on both charts (null: the table has none). */
  showTimeRange(range: TimeRange | null): void {
    this.range = range;
    for (const clear of this.clearButtons) clear.hidden = range === null;
    for (const timeRange of this.timeRanges) timeRange.show(range);
  }

  private frame(testId: string, title: string, hint: string, attributes: Record<string, string>): HTMLElement {
    const canvas = element('canvas', { attributes: { role: 'img', 'aria-label': title } });
    return element('figure', { className: 'chart', testId, attributes }, [
      element('figcaption', { title: hint || title }, [element('span', { text: title })]),
      element('div', { className: 'chart-canvas' }, [canvas]),
    ]);
  }

  /** Draws (again, after a theme change) once the element is in the document and has a size. */
  draw(): void {
    for (const chart of this.charts.splice(0)) chart.destroy();
    const colors = themeColors();
    Chart.defaults.color = colors.text;
    Chart.defaults.borderColor = colors.grid;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const [tsvalCanvas, attemptsCanvas] = Array.from(this.element.querySelectorAll('canvas'));
    if (tsvalCanvas) this.charts.push(this.tsvalChart(tsvalCanvas, colors));
    if (attemptsCanvas) this.charts.push(this.attemptsChart(attemptsCanvas, colors));
    for (const timeRange of this.timeRanges) timeRange.show(this.range);
  }

  private tsvalChart(canvas: HTMLCanvasElement, colors: ThemeColors): Chart {
    const { strings, timeZone } = this.context;
    const seriesPerAddress = new Map<string, number>();
    for (const series of this.data.tsval) seriesPerAddress.set(series.address, (seriesPerAddress.get(series.address) ?? 0) + 1);
    // Labels in the page's language: the address, and the clock or "other SYNs" when it has several series.
    const labelOf = (series: TsvalSeriesJson): string => {
      if (series.address === '') return `${formatCount(series.addresses ?? 0)} ${strings.seriesOtherAddresses}`;
      if ((seriesPerAddress.get(series.address) ?? 0) <= 1) return series.address;
      return series.clock === null ? `${series.address} ${strings.seriesOther}` : `${series.address} ${strings.seriesClock} ${series.clock}`;
    };
    const datasets: ChartDataset<'scatter', TsvalDatum[]>[] = this.data.tsval.map((series, index): ChartDataset<'scatter', TsvalDatum[]> => {
      const color = colors.series[index % colors.series.length]!;
      // Per-point option arrays (chart.js "indexable" options) mark the dropped SYNs of every series.
      const pick = <T>(whenDropped: T, otherwise: T): T[] => series.points.map((point) => (point.dropped ? whenDropped : otherwise));
      return {
        label: labelOf(series),
        data: series.points.map((point) => ({ ...point, x: point.time, y: point.tsval })),
        backgroundColor: pick(colors.dropped, color),
        borderColor: pick(colors.dropped, color),
        pointStyle: pick<'crossRot' | 'circle'>('crossRot', 'circle'),
        pointRadius: pick(6, 3),
        pointBorderWidth: pick(2, 1),
      };
    });
    // A legend entry for the crosses, which every series shares. Legend entries and axis titles are
    // capitalised like the header's counts (Passed, Failed), whose labels the attempts chart reuses.
    datasets.push({ label: strings.legendDropped, data: [], backgroundColor: colors.dropped, borderColor: colors.dropped, pointStyle: 'crossRot' });
    const seriesColor = (index: number) => colors.series[index % colors.series.length]!;
    return new Chart(canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: strings.colTime }, ticks: { callback: (value) => formatClock(Number(value), timeZone), maxTicksLimit: 8 } },
          y: { type: 'linear', title: { display: true, text: strings.tsvalAxis }, ticks: { precision: 0, callback: (value) => formatCount(Number(value)) } },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              usePointStyle: true,
              boxWidth: 8,
              // The legend would take a series' first point, which may be a dropped SYN's red cross.
              generateLabels: (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((label, index) =>
                index < this.data.tsval.length ? { ...label, pointStyle: 'circle', fillStyle: seriesColor(index), strokeStyle: seriesColor(index) } : label),
            },
          },
          tooltip: {
            callbacks: {
              label: (item) => {
                const point = item.raw as TsvalDatum;
                return `#${point.handshakeId} TSval ${point.tsval} ${formatTime(point.time, timeZone)} ${point.dropped ? strings.dropped : strings.answered}`;
              },
            },
          },
        },
      },
    });
  }

  private attemptsChart(canvas: HTMLCanvasElement, colors: ThemeColors): Chart {
    const { strings, timeZone } = this.context;
    const { attempts: buckets, bucketSeconds } = this.data;
    // A time axis (each bar at its bucket's middle), so that a drag across it is a time range as on the TSval chart.
    const at = (bucket: AttemptBucketJson, count: number) => ({ x: bucket.start + bucketSeconds / 2, y: count });
    const first = buckets[0];
    const last = buckets[buckets.length - 1];
    return new Chart(canvas, {
      type: 'bar',
      data: {
        datasets: [
          { label: strings.passed, data: buckets.map((b) => at(b, b.attempts - b.failed)), backgroundColor: colors.series[1], stack: 'attempts', barPercentage: 1, categoryPercentage: 0.9 },
          { label: strings.failedCount, data: buckets.map((b) => at(b, b.failed)), backgroundColor: colors.dropped, stack: 'attempts', barPercentage: 1, categoryPercentage: 0.9 },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            type: 'linear', stacked: true, min: first?.start, max: last === undefined ? undefined : last.start + bucketSeconds,
            ticks: { callback: (value) => formatClock(Number(value), timeZone), maxTicksLimit: 10 },
          },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: strings.attempts }, ticks: { precision: 0 } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 10 } },
          tooltip: { callbacks: { title: (items) => items.length === 0 ? '' : formatClock(Number(items[0]!.parsed.x) - bucketSeconds / 2, timeZone) } },
        },
      },
    });
  }

  dispose(): void {
    for (const chart of this.charts.splice(0)) chart.destroy();
  }
}
