import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './optimizer-race.ts';
import type { DlOptimizerRace } from './optimizer-race.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-optimizer-race>', () => {
  it('maps attributes and races only while active', async () => {
    const el = await mount<DlOptimizerRace>('<dl-optimizer-race surface="saddle" optimizers="sgd,adam" momentum="0.8" beta1="0.85"></dl-optimizer-race>', { active: false });
    expect(el.surface).toBe('saddle');
    expect(el.momentum).toBe(0.8);
    expect(el.beta1).toBe(0.85);
    let frames = 0;
    el.addEventListener('dl-race-step', () => frames++);
    el.play();
    await new Promise((r) => setTimeout(r, 250));
    expect(frames).toBe(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    await waitFor(() => frames >= 5);
    el.pause();
    const stopped = frames;
    await new Promise((r) => setTimeout(r, 150));
    expect(frames).toBe(stopped);
    expect(el.standings.map((s) => s.name)).toEqual(['sgd', 'adam']);
  });

  it('every optimizer lowers the loss on the ravine, and momentum gets further than SGD', async () => {
    const el = await mount<DlOptimizerRace>('<dl-optimizer-race surface="ravine" steps-per-frame="20"></dl-optimizer-race>', { active: true });
    await nextEvent(el, 'dl-ready');
    const start = el.standings[0].loss;
    el.play();
    await waitFor(() => el.steps >= 200);
    el.pause();
    const loss = (n: string) => el.standings.find((s) => s.name === n)!.loss;
    for (const s of el.standings) expect(s.loss).toBeLessThan(start);
    expect(loss('momentum')).toBeLessThan(loss('sgd'));
  });

  it('a click chooses the start point, also on a CSS-scaled slide', async () => {
    const host = document.createElement('div');
    host.style.transform = 'scale(0.5)';
    host.style.transformOrigin = '0 0';
    document.body.append(host);
    const el = await mount<DlOptimizerRace>('<dl-optimizer-race surface="noisy-bowl"></dl-optimizer-race>', { active: true, parent: host });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const plot = el.shadowRoot!.querySelector<HTMLElement>('.plot')!;
    const r = plot.getBoundingClientRect();
    const changed = nextEvent(el, 'dl-start-changed');
    const rebuilt = nextEvent(el, 'dl-ready');
    plot.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + r.width * 0.75, clientY: r.top + r.height * 0.25, bubbles: true, composed: true }));
    const d = ((await changed) as CustomEvent).detail;
    // Bounds [-3, 3]²: three quarters across is x = 1.5, one quarter down is y = 1.5.
    expect(d.x).toBeCloseTo(1.5, 5);
    expect(d.y).toBeCloseTo(1.5, 5);
    // The new start rebuilds the race (the engine task's args changed).
    await rebuilt;
    expect(el.standings[0].x).toBeCloseTo(1.5, 5);
  });

  it('names a bad attribute', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el = await mount<DlOptimizerRace>('<dl-optimizer-race surface="valley" optimizers="sgd,lion"></dl-optimizer-race>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('surface="valley" is not recognised. Use one of: ravine, saddle, rosenbrock, noisy-bowl.');
      expect(msg).toContain('"lion"');
    } finally {
      console.warn = warn;
    }
  });
});
