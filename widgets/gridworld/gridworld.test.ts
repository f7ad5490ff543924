import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './gridworld.ts';
import type { DlGridworld } from './gridworld.ts';

afterEach(() => document.body.replaceChildren());

/** Resolve after `n` animation frames (a playing widget gets a frame each). */
const frames = (n: number) => new Promise<void>((resolve) => {
  const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
});
const button = (el: DlGridworld, label: string) => Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent!.trim() === label)!;
const status = (el: DlGridworld) => el.shadowRoot!.querySelector('[role=status]')!.textContent!;
const board = (el: DlGridworld) => el.shadowRoot!.querySelector<HTMLElement>('.board')!;
const pointAt = (el: DlGridworld, fx: number, fy: number) => {
  const r = board(el).getBoundingClientRect();
  return { clientX: r.left + r.width * fx, clientY: r.top + r.height * fy, bubbles: true, composed: true };
};

describe('<dl-gridworld>', () => {
  it('maps attributes to properties and shows the method-specific controls', async () => {
    const el = await mount<DlGridworld>('<dl-gridworld preset="cliff" method="q-learning" gamma="0.8" slip="0.1" alpha="0.3" epsilon="0.2" seed="4"></dl-gridworld>', { active: false });
    expect([el.preset, el.method, el.gamma, el.slip, el.alpha, el.epsilon, el.seed]).toEqual(['cliff', 'q-learning', 0.8, 0.1, 0.3, 0.2, 4]);
    const titles = Array.from(el.shadowRoot!.querySelectorAll('.dl-group-title')).map((g) => g.textContent);
    expect(titles).toEqual(['Method', 'MDP', 'Learning', 'Edit']);
    el.method = 'value-iteration';
    await el.updateComplete;
    expect(Array.from(el.shadowRoot!.querySelectorAll('.dl-group-title')).map((g) => g.textContent)).toEqual(['Method', 'MDP', 'Edit']);
  });

  it('sweeps value iteration one click at a time and shows hand-checkable backups on hover', async () => {
    const el = await mount<DlGridworld>('<dl-gridworld layout="..G/.#X/S.." method="value-iteration" gamma="0.9" slip="0"></dl-gridworld>', { active: true });
    await nextEvent(el, 'dl-ready');
    const sweeps: number[] = [];
    el.addEventListener('dl-sweep', (e) => sweeps.push((e as CustomEvent).detail.sweep));
    const sweepButton = button(el, 'Sweep');
    sweepButton.click();
    await waitFor(() => sweeps.length === 1);
    // After one sweep only the cells next to G know about it: V = 1 there, 0 elsewhere (step reward 0).
    let v = el.valueTable;
    expect(v[1]).toBeCloseTo(1, 12);
    expect(v[0]).toBe(0);
    sweepButton.click();
    await waitFor(() => sweeps.length === 2);
    v = el.valueTable;
    expect(v[0]).toBeCloseTo(0.9, 12);
    expect(sweeps).toEqual([1, 2]);
    // Hover the top-left cell: its backup lists the right move as 1.00·(0.00 + 0.90·1.00) = 0.900.
    board(el).dispatchEvent(new PointerEvent('pointermove', pointAt(el, 1 / 6, 1 / 6)));
    await el.updateComplete;
    const text = el.shadowRoot!.querySelector('.backup')!.textContent!;
    expect(text).toContain('V(0,0) ← max_a');
    expect(text).toContain('→ right q = 1·(0.00 + 0.9·1.00) = 0.900');
    expect(el.shadowRoot!.querySelector('.backup .best')!.textContent).toContain('right');
  });

  it('edits a wall by clicking, also on a CSS-scaled slide', async () => {
    const host = document.createElement('div');
    host.style.transform = 'scale(0.5)';
    host.style.transformOrigin = '0 0';
    document.body.append(host);
    const el = await mount<DlGridworld>('<dl-gridworld layout="..G/.#X/S.."></dl-gridworld>', { active: true, parent: host });
    await nextEvent(el, 'dl-ready');
    const edited = nextEvent(el, 'dl-grid-edit');
    // Bottom middle cell (1, 2).
    board(el).dispatchEvent(new PointerEvent('pointerdown', pointAt(el, 0.5, 5 / 6)));
    const detail = ((await edited) as CustomEvent).detail;
    expect(detail).toEqual({ x: 1, y: 2, kind: 'wall', reward: 0 });
  });

  it('learns from samples only while active, and Q-learning values grow toward the goal', async () => {
    const el = await mount<DlGridworld>('<dl-gridworld layout="S...G" method="q-learning" alpha="0.5" epsilon="0.2" speed="200"></dl-gridworld>', { active: false });
    let episodes = 0;
    el.addEventListener('dl-episode', () => episodes++);
    el.play();
    await frames(20);
    expect(episodes).toBe(0);
    expect(status(el)).toBe('Starts when shown');
    el.active = true;
    await waitFor(() => episodes >= 30);
    el.pause();
    const stopped = episodes;
    await frames(20);
    expect(episodes).toBe(stopped);
    expect(status(el)).toMatch(/^Q-learning · episode \d+ · step \d+ · paused$/);
    const v = el.valueTable;
    expect(v[3]).toBeGreaterThan(0.8);
    expect(v[3]).toBeGreaterThan(v[2]);
    expect(v[2]).toBeGreaterThan(v[1]);
    expect(el.shadowRoot!.querySelector('.backup')!.textContent).toContain('TD error δ');
  });

  it('policy iteration converges in a few rounds, says so, and Play then starts again from V = 0', async () => {
    const el = await mount<DlGridworld>('<dl-gridworld preset="classic" method="policy-iteration" gamma="0.9" slip="0.2"></dl-gridworld>', { active: true });
    await nextEvent(el, 'dl-ready');
    const deltas: number[] = [];
    el.addEventListener('dl-sweep', (e) => deltas.push((e as CustomEvent).detail.delta));
    el.play();
    await waitFor(() => deltas.length > 0 && !el.playing);
    // Each round evaluates the policy fully, so the greedy policy is stable within a handful of rounds.
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.length).toBeLessThan(10);
    expect(deltas[deltas.length - 1]).toBe(0);
    expect(deltas[0]).toBeGreaterThan(0);
    await el.updateComplete;
    expect(status(el)).toContain(`Policy iteration · round ${deltas.length}`);
    expect(status(el)).toMatch(/converged · finished$/);
    // The start cell (0, 2) is worth something: the optimal policy reaches +1 despite the slips.
    expect(el.valueTable[8]).toBeGreaterThan(0.3);
    const again = nextEvent(el, 'dl-sweep');
    el.play();
    expect(((await again) as CustomEvent).detail.sweep).toBe(1);
  });

  it('Reset and a change of method forget the values but keep the grid as edited', async () => {
    const el = await mount<DlGridworld>('<dl-gridworld layout="..G/.#X/S.." method="value-iteration" gamma="0.9"></dl-gridworld>', { active: true });
    await nextEvent(el, 'dl-ready');
    const edited = nextEvent(el, 'dl-grid-edit');
    board(el).dispatchEvent(new PointerEvent('pointerdown', pointAt(el, 0.5, 1 / 6))); // (1, 0), left of G
    expect(((await edited) as CustomEvent).detail).toEqual({ x: 1, y: 0, kind: 'wall', reward: 0 });
    await el.step();
    await el.step();
    // Unedited, two sweeps give V(0,0) = 0.9; with the wall, G is out of reach from (0, 0).
    expect(el.valueTable[0]).toBe(0);
    el.reset();
    await nextEvent(el, 'dl-ready');
    expect(el.progress).toBe(0);
    await el.step();
    await el.step();
    expect(el.progress).toBe(2);
    expect(el.valueTable[0]).toBe(0);
    el.method = 'evaluation';
    await nextEvent(el, 'dl-ready');
    expect(el.progress).toBe(0);
    board(el).dispatchEvent(new PointerEvent('pointermove', pointAt(el, 0.5, 1 / 6)));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.backup')!.textContent).toBe('(1,0) is a wall: never visited.');
    // A new layout starts from its own cells.
    el.layout = '..G/.#X/S.#';
    await nextEvent(el, 'dl-ready');
    board(el).dispatchEvent(new PointerEvent('pointermove', pointAt(el, 0.5, 1 / 6)));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.backup')!.textContent).toContain('V(1,0) ← Σ_a π(a|s)');
  });

  it('shows a message naming a bad attribute and the accepted values; never loads TensorFlow.js', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlGridworld>('<dl-gridworld preset="maze" method="dqn" gamma="2" layout="..G/.#"></dl-gridworld>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('preset="maze" is not recognised. Use one of: classic, cliff, rooms, blank.');
      expect(text).toContain('method="dqn" is not recognised. Use one of: evaluation, value-iteration, policy-iteration, td0, sarsa, q-learning.');
      expect(text).toContain('gamma="2" is out of range');
      expect(text).toContain('layout="..G/.#"');
      el.preset = 'rooms';
      el.method = 'sarsa';
      el.gamma = 0.9;
      el.layout = '';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
      await el.step();
      el.remove();
      expect(tfjsRequested()).toBe(false);
    });
  });
});
