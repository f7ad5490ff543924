import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, tfjsRequested, waitFor } from '../../tests/helpers/widgets.ts';
import './decision-boundary.ts';
import type { DlDecisionBoundary } from './decision-boundary.ts';

afterEach(() => document.body.replaceChildren());

const heatPixels = (el: DlDecisionBoundary) => {
  const c = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.heat')!;
  return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
};

describe('<dl-decision-boundary>', () => {
  it('maps attributes to properties and renders controls', async () => {
    const el = await mount<DlDecisionBoundary>(
      '<dl-decision-boundary dataset="spiral" hidden-layers="8,8" activation="relu" learning-rate="0.01" batch-size="20" show-test-data controls="network,training"></dl-decision-boundary>',
    );
    expect(el.datasetName).toBe('spiral');
    expect(el.hiddenLayers).toBe('8,8');
    expect(el.activation).toBe('relu');
    expect(el.learningRate).toBe(0.01);
    expect(el.batchSize).toBe(20);
    expect(el.showTestData).toBe(true);
    const groups = Array.from(el.shadowRoot!.querySelectorAll('.dl-group-title')).map((g) => g.textContent);
    expect(groups).toEqual(['Network', 'Training']);
    expect(el.shadowRoot!.querySelectorAll('.layer canvas').length).toBe(16);
  });

  it('does nothing while inactive, trains and repaints when playing, and pause stops it', async () => {
    const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="xor" hidden-layers="4" seed="3"></dl-decision-boundary>', { active: false });
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toBe(0);

    el.active = true;
    const ready = await nextEvent(el, 'dl-ready');
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain((ready as CustomEvent).detail.backend);
    // Chromium has WebAssembly SIMD: the map is predicted there, and the status line says so.
    expect(el.engineInfo?.picture).toBe('wasm-simd');
    expect(tfjsRequested()).toBe(true);
    expect(el.shadowRoot!.textContent).toContain('map in WebAssembly SIMD');
    const before = heatPixels(el);
    const first = (await nextEvent(el, 'dl-train-step')) as CustomEvent;
    await waitFor(() => steps >= 30);
    el.pause();
    const stoppedAt = steps;
    const last = el.shadowRoot!.querySelector('.stats')!.textContent!;
    await new Promise((r) => setTimeout(r, 200));
    expect(steps).toBe(stoppedAt);
    expect(el.shadowRoot!.querySelector('.stats')!.textContent).toBe(last);
    expect(heatPixels(el)).not.toEqual(before);
    const trainLoss = Number(el.shadowRoot!.querySelectorAll('.stats dd')[1].textContent);
    expect(trainLoss).toBeLessThan(first.detail.trainLoss);
  });

  it('stops training when the slide is left (active=false) and resumes when shown', async () => {
    const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="gauss" hidden-layers=""></dl-decision-boundary>', { active: true });
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await waitFor(() => steps >= 3);
    el.active = false;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const frozen = steps;
    await new Promise((r) => setTimeout(r, 250));
    expect(steps).toBe(frozen);
    expect(el.playing).toBe(true);
    el.active = true;
    await waitFor(() => steps > frozen + 2);
  });

  it('frees every tensor when removed (tf.js kernel on the page: no-worker)', async () => {
    const baseline = memoryInfo().numTensors;
    const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="circle" kernel="tfjs" no-worker hidden-layers="4" points="100"></dl-decision-boundary>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.step();
    expect(el.engineInfo?.where).toBe('page');
    expect(memoryInfo().numTensors).toBeGreaterThan(baseline);
    el.remove();
    expect(memoryInfo().numTensors).toBe(baseline);
  });

  it('the tf.js kernel trains in a Web Worker: the numbers of no-worker, no tensors on the page, the status says where', async () => {
    const run = async (extra: string) => {
      const el = await mount<DlDecisionBoundary>(`<dl-decision-boundary dataset="spiral" kernel="tfjs" backend="cpu" hidden-layers="6,4" optimizer="adam" points="120" batch-size="7" seed="5" ${extra}></dl-decision-boundary>`, { active: true });
      await nextEvent(el, 'dl-ready', 60_000);
      const baseline = memoryInfo().numTensors;
      const r = await el.trainFor(3);
      const tensors = memoryInfo().numTensors - baseline;
      const status = el.shadowRoot!.querySelector('.dl-status')!.textContent!;
      const info = el.engineInfo!;
      el.remove();
      return { r, tensors, status, info };
    };
    const page = await run('no-worker');
    const worker = await run('');
    expect(worker.info).toMatchObject({ where: 'worker', kernel: 'tfjs', backend: 'cpu' });
    expect(worker.info.fallbackReason).toBeUndefined();
    expect(worker.status).toContain('tf.js kernels in a worker (cpu)');
    expect(page.info.where).toBe('page');
    expect(page.r!.epoch).toBe(3);
    expect(worker.tensors).toBe(0);
    expect(worker.r!.updates).toBe(page.r!.updates);
    // The page's backend is chosen once per page (an earlier test may have taken WebGL): the same
    // backend gives the same numbers (engine/workers/boundary-host.test.ts proves it bit for bit),
    // another agrees to float precision.
    if (page.info.backend === 'cpu') expect(worker.r).toEqual(page.r);
    else {
      expect(worker.r!.trainLoss).toBeCloseTo(page.r!.trainLoss, 4);
      expect(worker.r!.testLoss).toBeCloseTo(page.r!.testLoss, 4);
    }
  });

  it('shows a message naming a bad attribute and the accepted values', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="donut" hidden-layers="8,x" learning-rate="-1"></dl-decision-boundary>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('dataset="donut" is not recognised. Use one of: circle, xor, gauss, spiral, moons, plane, multi-gauss.');
      expect(text).toContain('hidden-layers="8,x"');
      expect(text).toContain('learning-rate="-1" is out of range');
      expect(warnings.some((w) => w.includes('dataset="donut"'))).toBe(true);
      el.datasetName = 'moons';
      el.hiddenLayers = '8';
      el.learningRate = 0.03;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
    } finally {
      console.warn = warn;
    }
  });

  it('adds a point where the pointer is, also on a CSS-scaled slide', async () => {
    const host = document.createElement('div');
    host.style.transform = 'scale(0.5)';
    host.style.transformOrigin = '0 0';
    document.body.append(host);
    const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="gauss" controls="none"></dl-decision-boundary>', { active: true, parent: host });
    await nextEvent(el, 'dl-ready');
    const plot = el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
    const r = plot.getBoundingClientRect();
    // Three quarters across, one quarter down: x1 = +3, x2 = +3 in plane units.
    const added = nextEvent(el, 'dl-point-added');
    plot.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + r.width * 0.75, clientY: r.top + r.height * 0.25, bubbles: true, composed: true }));
    const detail = ((await added) as CustomEvent).detail;
    expect(detail.x1).toBeCloseTo(3, 5);
    expect(detail.x2).toBeCloseTo(3, 5);
    expect(detail.label).toBe(1);
  });
});
