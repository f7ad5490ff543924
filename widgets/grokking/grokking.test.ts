import { afterEach, describe, expect, it } from 'vitest';
import type { GrokkingReport } from '../../engine/js.ts';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './grokking.ts';
import type { DlGrokking } from './grokking.ts';

afterEach(() => document.body.replaceChildren());

const small = 'modulus="17" hidden-units="64" train-fraction="0.6" steps-per-frame="20"';

describe('<dl-grokking>', () => {
  it('maps attributes, trains only while active and playing, and pause stops it', async () => {
    const el = await mount<DlGrokking>(`<dl-grokking ${small} weight-decay="1" seed="2"></dl-grokking>`, { active: false });
    expect(el.modulus).toBe(17);
    expect(el.weightDecay).toBe(1);
    expect(el.trainFraction).toBe(0.6);
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toBe(0);
    el.active = true;
    const ready = (await nextEvent(el, 'dl-ready')) as CustomEvent;
    expect(ready.detail).toMatchObject({ backend: 'js', train: 173, test: 116 });
    await waitFor(() => steps >= 5);
    el.pause();
    const at = el.latest!.step;
    await new Promise((r) => setTimeout(r, 200));
    expect(el.latest!.step).toBe(at);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain(`step ${at}`);
    expect(tfjsRequested()).toBe(false);
  });

  it('memorises first, then (with weight decay) generalises, and the table turns blue', async () => {
    const el = await mount<DlGrokking>(`<dl-grokking ${small} weight-decay="1" max-steps="3000"></dl-grokking>`, { active: true });
    await nextEvent(el, 'dl-ready');
    const reports: GrokkingReport[] = [];
    el.addEventListener('dl-train-step', (e) => reports.push((e as CustomEvent<GrokkingReport>).detail));
    el.play();
    await waitFor(() => (el.latest?.testAccuracy ?? 0) >= 0.9, 60_000);
    el.pause();
    const memorised = reports.find((r) => r.trainAccuracy === 1)!;
    expect(memorised.testAccuracy).toBeLessThan(0.2);
    expect(el.latest!.step - memorised.step).toBeGreaterThan(500);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toMatch(/memorised at step \d+/);
    // The held-out cells of the table are now mostly blue (right), not red.
    await el.step();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.table')!;
    const px = canvas.getContext('2d')!.getImageData(0, 0, 17, 17).data;
    let blue = 0;
    let red = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] < 255) continue; // training cells are pale
      if (px[i + 2] > px[i]) blue++;
      else red++;
    }
    expect(blue).toBeGreaterThan(4 * red);
  });

  it('names a bad attribute and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlGrokking>('<dl-grokking modulus="21" operation="divide"></dl-grokking>', { active: true });
      const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(text).toContain('modulus="21"');
      expect(text).toContain('prime from 5 to 97');
      expect(text).toContain('operation="divide" is not recognised. Use one of: add, subtract.');
    });
  });
});
