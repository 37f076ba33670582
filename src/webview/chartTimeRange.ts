/**
 * Dragging across a chart with a time axis (TSval, attempts over time) picks a time range: a band in the
 * theme's focus colour follows the pointer, and on release the table is filtered to the attempts whose
 * first SYN lies in it. A double-click on the chart, or the caption's clear button, removes it. The band
 * is drawn from the filter (show), never kept apart from it.
 */
import type { Chart } from 'chart.js';
import { element } from './dom.js';
import type { TimeRange } from './timeRangeFilter.js';

/** A press that moves less than this is a click (chart.js shows its tooltip), not a range. */
const MIN_DRAG_PX = 4;

export class ChartTimeRange {
  private readonly band: HTMLElement;
  private shown: TimeRange | null = null;

  constructor(
    private readonly area: HTMLElement,
    private readonly chart: () => Chart | undefined,
    onRange: (range: TimeRange) => void,
    onClear: () => void,
  ) {
    this.band = element('div', { className: 'chart-range', testId: 'chart-range', attributes: { 'aria-hidden': 'true' } });
    this.band.hidden = true;
    area.append(this.band);
    let drag: { pointer: number; startX: number; x: number } | undefined;
    area.addEventListener('pointerdown', (event) => {
      const x = this.plotX(event);
      if (event.button !== 0 || x === null) return;
      area.setPointerCapture(event.pointerId);
      drag = { pointer: event.pointerId, startX: x, x };
    });
    area.addEventListener('pointermove', (event) => {
      if (drag?.pointer !== event.pointerId) return;
      drag.x = this.clampedX(event);
      if (Math.abs(drag.x - drag.startX) >= MIN_DRAG_PX) this.place(drag.startX, drag.x);
    });
    const end = (event: PointerEvent) => {
      if (drag?.pointer !== event.pointerId) return;
      const { startX, x } = drag;
      drag = undefined;
      const scale = this.chart()?.scales.x;
      if (Math.abs(x - startX) < MIN_DRAG_PX || !scale || event.type === 'pointercancel') {
        this.show(this.shown);
        return;
      }
      const a = scale.getValueForPixel(startX) ?? 0;
      const b = scale.getValueForPixel(x) ?? 0;
      onRange({ from: Math.min(a, b), to: Math.max(a, b) });
    };
    area.addEventListener('pointerup', end);
    area.addEventListener('pointercancel', end);
    area.addEventListener('dblclick', () => onClear());
  }

  /** Draws the band of the table's range (null: none); after the chart has been drawn, so its scale exists. */
  show(range: TimeRange | null): void {
    this.shown = range;
    const scale = this.chart()?.scales.x;
    if (!range || !scale) {
      this.band.hidden = true;
      this.area.dataset.range = '';
      return;
    }
    this.area.dataset.range = `${range.from} ${range.to}`;
    this.place(scale.getPixelForValue(range.from), scale.getPixelForValue(range.to));
  }

  private place(x1: number, x2: number): void {
    const plot = this.chart()?.chartArea;
    if (!plot) return;
    const left = Math.max(plot.left, Math.min(x1, x2));
    const right = Math.min(plot.right, Math.max(x1, x2));
    this.band.hidden = right <= left;
    this.band.style.left = `${left}px`;
    this.band.style.width = `${right - left}px`;
    this.band.style.top = `${plot.top}px`;
    this.band.style.height = `${plot.bottom - plot.top}px`;
  }

  /** The pointer's x in the canvas when it is over the plot (not the legend or an axis), else null. */
  private plotX(event: PointerEvent): number | null {
    const plot = this.chart()?.chartArea;
    const box = this.area.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return plot && x >= plot.left && x <= plot.right && y >= plot.top && y <= plot.bottom ? x : null;
  }

  private clampedX(event: PointerEvent): number {
    const plot = this.chart()?.chartArea;
    const x = event.clientX - this.area.getBoundingClientRect().left;
    return plot ? Math.max(plot.left, Math.min(plot.right, x)) : x;
  }
}
