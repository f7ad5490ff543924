import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './init-explorer.ts';
import type { DlInitExplorer } from './init-explorer.ts';

afterEach(() => document.body.replaceChildren());

type Measure = { step: number; loss: number; gradNorm: number; activationStd: number[]; gradientStd: number[] };

describe('<dl-init-explorer>', () => {
  it('maps attributes; He/ReLU keeps activations alive through 20 layers, "too small" kills them', async () => {
    const el = await mount<DlInitExplorer>('<dl-init-explorer depth="20" activation="relu" init="he"></dl-init-explorer>', { active: true });
    expect(el.depth).toBe(20);
    expect(el.init).toBe('he');
    const he = ((await nextEvent(el, 'dl-measure')) as CustomEvent<Measure>).detail;
    expect(he.activationStd).toHaveLength(20);
    expect(he.activationStd[19] / he.activationStd[0]).toBeGreaterThan(0.3);
    const next = nextEvent(el, 'dl-measure');
    el.init = 'small';
    const small = ((await next) as CustomEvent<Measure>).detail;
    expect(small.activationStd[19] / small.activationStd[0]).toBeLessThan(1e-10);
    // The heat maps have one row per layer.
    const map = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.act')!;
    expect(map.height).toBe(20);
  });

  it('clipping caps the gradient norm; training steps only while active', async () => {
    const el = await mount<DlInitExplorer>('<dl-init-explorer depth="10" activation="linear" init="large" clipping clip-norm="1"></dl-init-explorer>', { active: true });
    const m = ((await nextEvent(el, 'dl-measure')) as CustomEvent<Measure>).detail;
    expect(m.gradNorm).toBeGreaterThan(1);
    expect(el.stats!.clipped).toBe(true);
    let sq = 0;
    for (const l of el.stats!.layers) for (const g of l.gradients) sq += g * g;
    expect(Math.sqrt(sq)).toBeLessThanOrEqual(1.0001);
    let steps = 0;
    el.addEventListener('dl-measure', () => steps++);
    el.active = false;
    el.play();
    await new Promise((r) => setTimeout(r, 200));
    expect(steps).toBe(0);
    el.active = true;
    await waitFor(() => steps >= 3);
    el.pause();
    expect(el.stats!.step).toBeGreaterThanOrEqual(3);
  });

  it('names a bad attribute', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el = await mount<DlInitExplorer>('<dl-init-explorer depth="500" init="lecun"></dl-init-explorer>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('depth="500"');
      expect(msg).toContain('init="lecun" is not recognised. Use one of: zeros, small, large, xavier, he.');
    } finally {
      console.warn = warn;
    }
  });
});
