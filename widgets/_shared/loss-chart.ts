/**
 * A small Chart.js line chart for training curves (train and test loss, accuracy…), with
 * animation off and a bounded number of points so it stays cheap at 60 frames per second.
 *
 * Sizes come from us, never from Chart.js reading the page: Chart.js's `responsive` mode measures
 * the container (`getBoundingClientRect`, computed styles) when it is created and on every resize,
 * which forces a layout of the whole deck right after a slide change (45–230 ms here), and it
 * watches the whole document with a MutationObserver per chart. Instead `ChartController` creates
 * the chart in idle time, at its box's size when that is known, and watches the box with a
 * ResizeObserver (its sizes arrive after layout, without forcing one).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** One curve. */
export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
}

const MAX_POINTS = 400;
/** Longest wait for idle time before a chart is created anyway, ms. */
export const CHART_IDLE_TIMEOUT_MS = 300;

export class LineChart {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;
  private readonly data: { x: number; y: number }[][];
  private stride = 1;
  private count = 0;

  /**
   * A chart drawn at `size` CSS pixels (default: the canvas's width and height attributes); it
   * never measures the page. Change the size with {@link resize}.
   */
  constructor(
    readonly canvas: HTMLCanvasElement,
    series: Series[],
    options: { yLabel?: string; logY?: boolean; color?: string; size?: { width: number; height: number } } = {},
  ) {
    this.data = series.map(() => []);
    const grid = 'rgba(128,128,128,0.2)';
    if (options.size) {
      canvas.width = Math.max(1, Math.round(options.size.width));
      canvas.height = Math.max(1, Math.round(options.size.height));
    }
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: this.data[i],
          borderColor: s.color,
          backgroundColor: s.color,
          borderDash: s.dashed ? [5, 4] : [],
          borderWidth: 2,
          pointRadius: 0,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        // Sized by us (see the file's comment): no measuring of the page, no document observer.
        responsive: false,
        maintainAspectRatio: false,
        devicePixelRatio: Math.min(2, globalThis.devicePixelRatio || 1),
        parsing: false,
        normalized: true,
        scales: {
          x: { type: 'linear', grid: { color: grid }, ticks: { maxTicksLimit: 5, color: options.color }, title: { display: false, text: '' } },
          y: {
            type: 'linear',
            beginAtZero: true,
            grid: { color: grid },
            ticks: { maxTicksLimit: 5, color: options.color },
            title: { display: !!options.yLabel, text: options.yLabel ?? '', color: options.color },
          },
        },
        plugins: { legend: { labels: { boxWidth: 18, boxHeight: 2, color: options.color } }, tooltip: { enabled: true } },
      },
    });
  }

  /** Append one x with a y per series (NaN values are skipped); decimates to stay bounded. */
  push(x: number, ys: number[]): void {
    this.count++;
    if (this.count % this.stride !== 0) return;
    ys.forEach((y, i) => {
      if (Number.isFinite(y)) this.data[i].push({ x, y });
    });
    if (this.data[0].length > MAX_POINTS) {
      this.stride *= 2;
      for (let i = 0; i < this.data.length; i++) {
        const kept = this.data[i].filter((_, k) => k % 2 === 0);
        this.data[i].length = 0;
        this.data[i].push(...kept);
      }
    }
  }

  /** Draw at `width × height` CSS pixels (from a ResizeObserver: no layout is read). */
  resize(width: number, height: number): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    if (w !== this.chart.width || h !== this.chart.height) this.chart.resize(w, h);
  }

  /** Redraw with the points pushed so far. */
  draw(): void {
    this.chart.update('none');
  }

  /** Remove every point. */
  clear(): void {
    for (const d of this.data) d.length = 0;
    this.stride = 1;
    this.count = 0;
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/**
 * A Chart.js line chart's whole lifetime for a widget: created in idle time once its canvas is
 * rendered (at most {@link CHART_IDLE_TIMEOUT_MS} later; colours read from the theme then), at its
 * box's size if the box has one yet; resized from a ResizeObserver (a slide that shows); cleared
 * by `clear()` (on reset), destroyed when the widget leaves the page. Points pushed before the
 * chart exists are kept and drawn when it appears.
 *
 * ```ts
 * private readonly chart = new ChartController(this, {
 *   canvas: () => this.renderRoot.querySelector('.chart canvas'),
 *   series: () => [{ label: 'train loss', color: cssVar(this, '--dl-color-fg', '#1d2430') }],
 * });
 * this.chart.push(step, [loss]); this.chart.draw();
 * ```
 */
export class ChartController implements ReactiveController {
  private chart?: LineChart;
  /** Points pushed before the chart exists (decimated as the chart would). */
  private pending: [number, number[]][] = [];
  private watched?: HTMLCanvasElement;
  private observer?: ResizeObserver;
  private size = { width: 0, height: 0 };
  private idle = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      canvas: () => HTMLCanvasElement | null | undefined;
      series: () => Series[];
      yLabel?: string;
      logY?: boolean;
      /** Axis and legend colour (default: the theme's muted colour). */
      color?: () => string;
    },
  ) {
    host.addController(this);
  }

  /** Whether the Chart.js chart exists yet (it is made in idle time after the first render). */
  get created(): boolean {
    return this.chart !== undefined;
  }

  hostUpdated(): void {
    const canvas = this.options.canvas();
    if (!canvas || !canvas.isConnected || canvas === this.watched) return;
    // A new canvas (first render, or the template changed): watch its box; the chart follows.
    this.stop();
    this.watched = canvas;
    const box = canvas.parentElement ?? canvas;
    if (typeof ResizeObserver === 'undefined') {
      this.size = { width: canvas.width, height: canvas.height };
      this.create();
      return;
    }
    this.observer = new ResizeObserver((entries) => {
      const { width, height } = entries[entries.length - 1].contentRect;
      this.size = { width, height };
      if (width > 0 && height > 0) this.chart?.resize(width, height); // 0: hidden (a slide far away)
    });
    this.observer.observe(box);
    // Made in idle time even while hidden: the first chart of a page also compiles Chart.js
    // (≈ 85 ms of CPU here), which then happens while the deck loads, not when a slide shows.
    this.scheduleCreate();
  }

  hostConnected(): void {
    this.hostUpdated(); // back on the page with its canvas already rendered
  }

  hostDisconnected(): void {
    this.stop();
  }

  private scheduleCreate(): void {
    if (this.idle || this.chart) return;
    const run = () => {
      this.idle = 0;
      this.create();
    };
    this.idle =
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(run, { timeout: CHART_IDLE_TIMEOUT_MS })
        : (setTimeout(run, 0) as unknown as number);
  }

  private create(): void {
    const canvas = this.watched;
    if (this.chart || !canvas?.isConnected) return;
    const { width, height } = this.size;
    this.chart = new LineChart(canvas, this.options.series(), {
      yLabel: this.options.yLabel,
      logY: this.options.logY,
      color: this.options.color?.(),
      size: width > 0 && height > 0 ? { width, height } : undefined,
    });
    for (const [x, ys] of this.pending) this.chart.push(x, ys);
    this.pending = [];
    this.chart.draw();
  }

  private stop(): void {
    if (this.idle) {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(this.idle);
      clearTimeout(this.idle);
    }
    this.idle = 0;
    this.observer?.disconnect();
    this.observer = undefined;
    this.watched = undefined;
    this.chart?.destroy();
    this.chart = undefined;
  }

  /** Append one x with a y per series. */
  push(x: number, ys: number[]): void {
    if (this.chart) this.chart.push(x, ys);
    else {
      this.pending.push([x, ys.slice()]);
      // Keep what waits bounded as the chart would (every other point once it is long).
      if (this.pending.length > 4 * MAX_POINTS) this.pending = this.pending.filter((_, k) => k % 2 === 0);
    }
  }

  /** Redraw. */
  draw(): void {
    this.chart?.draw();
  }

  /** Remove every point. */
  clear(): void {
    this.pending = [];
    this.chart?.clear();
  }
}
