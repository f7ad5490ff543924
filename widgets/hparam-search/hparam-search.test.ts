import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent } from '../../tests/helpers/widgets.ts';
import './hparam-search.ts';
import type { DlHparamSearch } from './hparam-search.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-hparam-search>', () => {
  it('runs both strategies with the same budget and reports the best of each', async () => {
    const el = await mount<DlHparamSearch>('<dl-hparam-search budget="4" epochs="10" dataset="circle" seed="2"></dl-hparam-search>', { active: true });
    let trials = 0;
    el.addEventListener('dl-trial-done', () => trials++);
    const done = nextEvent(el, 'dl-search-done', 60_000);
    el.play();
    const detail = ((await done) as CustomEvent).detail;
    expect(trials).toBe(8);
    expect(el.results.grid).toHaveLength(4);
    expect(el.results.random).toHaveLength(4);
    for (const r of [...el.results.grid, ...el.results.random]) {
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
    }
    expect(detail.grid.accuracy).toBe(Math.max(...el.results.grid.map((r) => r.accuracy)));
    expect(detail.random.accuracy).toBe(Math.max(...el.results.random.map((r) => r.accuracy)));
    expect(el.playing).toBe(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.verdict')!.textContent).toMatch(/found the better setting|A tie/);
  });

  it('does not train while inactive', async () => {
    const el = await mount<DlHparamSearch>('<dl-hparam-search budget="4" epochs="10"></dl-hparam-search>', { active: false });
    let trials = 0;
    el.addEventListener('dl-trial-done', () => trials++);
    el.play();
    await new Promise((r) => setTimeout(r, 500));
    expect(trials).toBe(0);
  });

  it('shows a message for a bad budget', async () => {
    const el = await mount<DlHparamSearch>('<dl-hparam-search budget="0"></dl-hparam-search>', { active: true });
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('budget="0" is not allowed. Use a whole number from 1 to 36.');
  });
});
