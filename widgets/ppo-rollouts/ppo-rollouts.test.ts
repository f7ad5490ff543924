import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './ppo-rollouts.ts';
import type { DlPpoRollouts } from './ppo-rollouts.ts';

afterEach(() => document.body.replaceChildren());

/** Resolve after `n` animation frames (a playing widget gets a frame each). */
const frames = (n: number) => new Promise<void>((resolve) => {
  const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
});
const status = (el: DlPpoRollouts) => el.shadowRoot!.querySelector('[role=status]')!.textContent!;
const button = (el: DlPpoRollouts, text: string) => Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent!.trim() === text)!;
const canvasInk = (el: DlPpoRollouts, cls: string) => {
  const c = el.shadowRoot!.querySelector<HTMLCanvasElement>(`canvas.${cls}`)!;
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
  return ink;
};

describe('<dl-ppo-rollouts>', () => {
  it('maps attributes to properties and shows the chosen panels', async () => {
    const el = await mount<DlPpoRollouts>(
      '<dl-ppo-rollouts clip="0.1" learning-rate="0.0003" gamma="0.98" lambda="0.9" epochs="8" minibatch-size="128" rollout-length="64" seed="3" panels="cart,objective"></dl-ppo-rollouts>',
      { active: false },
    );
    expect([el.clip, el.learningRate, el.gamma, el.lambda, el.epochs, el.minibatchSize, el.rolloutLength, el.seed]).toEqual([0.1, 0.0003, 0.98, 0.9, 8, 128, 64, 3]);
    expect(el.shadowRoot!.querySelector('canvas.cart')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('canvas.objective')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('.charts')).toBeNull();
    expect(el.shadowRoot!.querySelector('.settings')).toBeNull();
  });

  it('collect and update buttons each fire one event, with PPO read-outs and the teaching views drawn', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts panels="all" rollout-length="64" epochs="2"></dl-ppo-rollouts>', { active: true });
    await nextEvent(el, 'dl-ready');
    const rollouts: CustomEvent[] = [];
    const updates: CustomEvent[] = [];
    el.addEventListener('dl-rollout', (e) => rollouts.push(e as CustomEvent));
    el.addEventListener('dl-update', (e) => updates.push(e as CustomEvent));
    const emptyAdvantages = canvasInk(el, 'advantages');
    button(el, 'Collect rollout').click();
    await waitFor(() => rollouts.length === 1);
    expect(rollouts[0].detail.envSteps).toBe(8 * 64);
    expect(canvasInk(el, 'advantages')).toBeGreaterThan(emptyAdvantages);
    const emptyObjective = canvasInk(el, 'objective');
    button(el, 'Update').click();
    await waitFor(() => updates.length === 1);
    expect(rollouts).toHaveLength(1);
    const d = updates[0].detail;
    expect(d.updates).toBe(1);
    expect(d.approxKl).toBeGreaterThanOrEqual(0);
    expect(d.clipFraction).toBeGreaterThanOrEqual(0);
    expect(d.entropy).toBeGreaterThan(0.6); // near ln 2 for a fresh policy
    expect(d.entropy).toBeLessThanOrEqual(Math.log(2) + 1e-6);
    await el.updateComplete;
    expect(canvasInk(el, 'objective')).toBeGreaterThan(emptyObjective);
    expect(el.shadowRoot!.querySelector('.numbers')!.textContent).toContain('approx. KL');
  });

  it('trains on Auto only while active, and pause stops it', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts panels="cart,charts" rollout-length="32" epochs="1"></dl-ppo-rollouts>', { active: false });
    let updates = 0;
    el.addEventListener('dl-update', () => updates++);
    el.play();
    await frames(20);
    expect(updates).toBe(0);
    expect(status(el)).toBe('Starts when shown');
    el.active = true;
    await waitFor(() => updates >= 3);
    expect(status(el)).toMatch(/ · \d+ updates · .*training$/);
    el.active = false;
    await el.updateComplete;
    await frames(2);
    const frozen = updates;
    await frames(20);
    expect(updates).toBe(frozen);
    expect(status(el)).toMatch(/paused \(off screen\)$/);
    el.active = true;
    await waitFor(() => updates > frozen);
    el.pause();
    await frames(2);
    const stopped = updates;
    await frames(20);
    expect(updates).toBe(stopped);
    expect(el.playing).toBe(false);
  });

  it('Auto learns: after 8 updates the greedy policy keeps the pole up for over 100 steps', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts panels="cart,charts"></dl-ppo-rollouts>', { active: true });
    await nextEvent(el, 'dl-ready');
    const before = el.learner!.evaluate(10);
    const returns: number[] = [];
    el.addEventListener('dl-rollout', (e) => returns.push((e as CustomEvent).detail.meanReturn));
    let updates = 0;
    el.addEventListener('dl-update', () => {
      if (++updates === 8) el.pause();
    });
    el.play();
    await waitFor(() => updates >= 8 && !el.playing, 60_000);
    const after = el.learner!.evaluate(10);
    expect(after).toBeGreaterThan(before + 50);
    expect(after).toBeGreaterThan(100);
    // The rollouts' own episodes got longer too.
    expect(returns[returns.length - 1]).toBeGreaterThan(returns[0]);
    await el.updateComplete;
    expect(status(el)).toMatch(/ · (8|9) updates · mean return \d+ · (rollout ready for an update · )?paused$/);
  });

  it('the charts follow training, also after the panels change', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts panels="cart,charts" rollout-length="32" epochs="1"></dl-ppo-rollouts>', { active: true });
    await nextEvent(el, 'dl-ready');
    const chartInk = () => {
      const c = el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.charts canvas')[1];
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
      return ink;
    };
    await waitFor(() => chartInk() > 0); // the charts are made in idle time after the first render
    await el.updatePolicy();
    const axesOnly = chartInk();
    for (let i = 0; i < 3; i++) await el.updatePolicy();
    expect(chartInk()).toBeGreaterThan(axesOnly); // the policy-loss curve is drawn
    el.panels = 'cart';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.charts')).toBeNull();
    el.panels = 'charts,objective';
    await el.updateComplete;
    await waitFor(() => chartInk() > 0);
    const fresh = chartInk();
    for (let i = 0; i < 3; i++) await el.updatePolicy();
    expect(chartInk()).toBeGreaterThan(fresh);
  });

  it('Reset starts a new learner from the seed: the same seed gives the same first update', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts panels="cart" rollout-length="32" epochs="1" seed="5"></dl-ppo-rollouts>', { active: true });
    await nextEvent(el, 'dl-ready');
    const first = await el.updatePolicy();
    await el.updatePolicy();
    expect(el.learner!.updates).toBe(2);
    const ready = nextEvent(el, 'dl-ready');
    el.reset();
    await ready;
    expect(el.learner!.updates).toBe(0);
    expect(el.learner!.envSteps).toBe(0);
    const again = await el.updatePolicy();
    expect(again!.policyLoss).toBe(first!.policyLoss);
    expect(again!.valueLoss).toBe(first!.valueLoss);
  });

  it('the pretrained policy keeps the pole up in watch mode (real speed)', async () => {
    const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts pretrained watch panels="cart"></dl-ppo-rollouts>', { active: true });
    await nextEvent(el, 'dl-ready');
    // 50 steps per second: after about 2 s the first episode is still going, past 80 steps.
    await waitFor(() => el.watchedSteps >= 80, 15_000);
    expect(el.watchedReturns.filter((r) => r < 80)).toEqual([]);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('pretrained start');
  });

  it('shows a message naming a bad attribute; never loads TensorFlow.js', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlPpoRollouts>('<dl-ppo-rollouts clip="2" epochs="0" panels="cart,movie"></dl-ppo-rollouts>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('clip="2" is out of range. Use a number from 0.01 to 1.');
      expect(text).toContain('epochs="0" is not allowed. Use a whole number from 1 to 50.');
      expect(text).toContain('panels="cart,movie" has "movie", not recognised. Use a comma-separated list from: cart, controls, charts, objective, advantages, all.');
      el.clip = 0.2;
      el.epochs = 4;
      el.panels = 'cart';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).toBeNull();
      await el.step();
      el.remove();
      expect(tfjsRequested()).toBe(false);
    });
  });
});
