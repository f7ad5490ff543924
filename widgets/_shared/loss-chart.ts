/**
 * A small Chart.js line chart for training curves (train and test loss, accuracy…), with
 * animation off and a bounded number of points so it stays cheap at 60 frames per second.
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

export class LineChart {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;
  private readonly data: { x: number; y: number }[][];
  private stride = 1;
  private count = 0;

  constructor(canvas: HTMLCanvasElement, series: Series[], options: { yLabel?: string; logY?: boolean; color?: string } = {}) {
    this.data = series.map(() => []);
    const grid = 'rgba(128,128,128,0.2)';
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
        responsive: true,
        maintainAspectRatio: false,
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
 * A Chart.js line chart's whole lifetime for a widget: created once its canvas is rendered (colours
 * read from the theme then), cleared by `clear()` (on reset), destroyed when the widget leaves the
 * page.
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

  hostUpdated(): void {
    if (this.chart) return;
    const canvas = this.options.canvas();
    if (!canvas || !canvas.isConnected) return;
    this.chart = new LineChart(canvas, this.options.series(), { yLabel: this.options.yLabel, logY: this.options.logY, color: this.options.color?.() });
  }

  hostDisconnected(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  /** Append one x with a y per series. */
  push(x: number, ys: number[]): void {
    this.chart?.push(x, ys);
  }

  /** Redraw. */
  draw(): void {
    this.chart?.draw();
  }

  /** Remove every point. */
  clear(): void {
    this.chart?.clear();
  }
}
