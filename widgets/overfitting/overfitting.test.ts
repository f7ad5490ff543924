import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './overfitting.ts';
import type { DlOverfitting } from './overfitting.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-overfitting>', () => {
  it('maps attributes, trains only while active, and the training loss falls', async () => {
    const el = await mount<DlOverfitting>('<dl-overfitting dataset="sine" train-points="10" dropout="0.2" weight-decay="0.001" epochs-per-frame="20"></dl-overfitting>', { active: false });
    expect(el.datasetName).toBe('sine');
    expect(el.trainPoints).toBe(10);
    expect(el.dropout).toBe(0.2);
    expect(el.weightDecay).toBe(0.001);
    let frames = 0;
    el.addEventListener('dl-train-step', () => frames++);
    el.play();
    await new Promise((r) => setTimeout(r, 200));
    expect(frames).toBe(0);
    el.pause();
    el.active = true;
    await nextEvent(el, 'dl-ready');
    const start = el.report!.trainLoss;
    expect(el.report!.epoch).toBe(0);
    el.play();
    await waitFor(() => el.report!.epoch >= 300);
    el.pause();
    expect(el.report!.trainLoss).toBeLessThan(start / 2);
  });

  it('early stopping stops by itself and restores the best epoch', async () => {
    const el = await mount<DlOverfitting>('<dl-overfitting early-stopping patience="40" epochs-per-frame="50" max-epochs="5000"></dl-overfitting>', { active: true });
    await nextEvent(el, 'dl-ready');
    const stop = nextEvent(el, 'dl-early-stop', 30_000);
    el.play();
    const d = ((await stop) as CustomEvent).detail;
    expect(d.epoch - d.bestEpoch).toBe(40);
    expect(el.playing).toBe(false);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain(`restored epoch ${d.bestEpoch}`);
  });

  it('names a bad attribute', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const el = await mount<DlOverfitting>('<dl-overfitting dropout="1.5" dataset="tan"></dl-overfitting>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('dropout="1.5" is out of range');
      expect(msg).toContain('dataset="tan" is not recognised. Use one of: sine, cubic, line.');
    } finally {
      console.warn = warn;
    }
  });
});
