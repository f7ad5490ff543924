import { Chart } from 'chart.js';
import { html, LitElement, type TemplateResult } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/widgets.ts';
import { ChartController } from './loss-chart.ts';

/** A bare host: a fixed-height box with the chart's canvas, as widgets lay it out. */
class ChartHost extends LitElement {
  readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('canvas'),
    series: () => [{ label: 'loss', color: '#123456' }],
  });

  override render(): TemplateResult {
    return html`<div class="chart" style="position: relative; height: 120px"><canvas></canvas></div>`;
  }
}
customElements.define('dl-test-chart-host', ChartHost);

async function host(width: string, display = 'block'): Promise<ChartHost> {
  const el = document.createElement('dl-test-chart-host') as ChartHost;
  el.style.display = display;
  el.style.width = width;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const canvasOf = (el: ChartHost) => el.renderRoot.querySelector('canvas')!;
const points = (el: ChartHost) => (Chart.getChart(canvasOf(el))?.data.datasets[0].data.length ?? -1) as number;

/** Count calls of the layout reads Chart.js's responsive mode makes while `body` runs. */
async function layoutReads(body: () => Promise<void>): Promise<number> {
  const proto = Element.prototype;
  const rect = proto.getBoundingClientRect;
  let reads = 0;
  proto.getBoundingClientRect = function (this: Element) {
    reads++;
    return rect.call(this);
  };
  try {
    await body();
  } finally {
    proto.getBoundingClientRect = rect;
  }
  return reads;
}

afterEach(() => {
  for (const el of document.querySelectorAll('dl-test-chart-host')) el.remove();
});

describe('ChartController', () => {
  it('creates the chart at its box size, later, without reading the layout', async () => {
    let el!: ChartHost;
    const reads = await layoutReads(async () => {
      el = await host('320px');
      el.chart.push(1, [0.5]);
      el.chart.push(2, [0.4]);
      expect(el.chart.created).toBe(false); // not in the task that rendered the widget
      await waitFor(() => el.chart.created);
    });
    expect(reads).toBe(0);
    const canvas = canvasOf(el);
    expect([canvas.style.width, canvas.style.height]).toEqual(['320px', '120px']);
    expect(canvas.width).toBe(Math.round(320 * Math.min(2, devicePixelRatio || 1)));
    expect(points(el)).toBe(2); // points pushed before the chart existed are drawn
  });

  it('follows its box: made while hidden, drawn at the box size once shown and after a resize', async () => {
    const el = await host('300px', 'none');
    await waitFor(() => el.chart.created); // in idle time, before its slide shows
    const reads = await layoutReads(async () => {
      el.style.display = 'block';
      await waitFor(() => canvasOf(el).style.width === '300px' && canvasOf(el).style.height === '120px');
      el.style.width = '200px';
      await waitFor(() => canvasOf(el).style.width === '200px');
    });
    expect(reads).toBe(0);
    el.chart.push(1, [1]);
    el.chart.draw();
    expect(points(el)).toBe(1);
    el.chart.clear();
    expect(points(el)).toBe(0);
  });

  it('destroys the chart when the widget leaves the page, and makes a new one when it returns', async () => {
    const el = await host('300px');
    await waitFor(() => el.chart.created);
    const canvas = canvasOf(el);
    el.remove();
    expect(el.chart.created).toBe(false);
    expect(Chart.getChart(canvas)).toBeUndefined();
    document.body.append(el);
    await waitFor(() => el.chart.created);
    expect(Chart.getChart(canvas)).toBeDefined();
  });
});
