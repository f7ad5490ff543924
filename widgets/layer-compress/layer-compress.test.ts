import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent } from '../../tests/helpers/widgets.ts';
import './layer-compress.ts';
import type { DlLayerCompress } from './layer-compress.ts';

afterEach(() => document.body.replaceChildren());

interface Compressed {
  accuracy: number;
  baseAccuracy: number;
  params: number;
  originalParams: number;
}

describe('<dl-layer-compress>', () => {
  it('trains the CNN, then measures the compressed layer; full rank keeps the accuracy exactly', async () => {
    const el = await mount<DlLayerCompress>('<dl-layer-compress layer="conv1" method="svd" rank="1" train-steps="60"></dl-layer-compress>', { active: true });
    await nextEvent(el, 'dl-ready');
    const done = nextEvent(el, 'dl-compressed', 120_000);
    el.play();
    const low = (await done as CustomEvent<Compressed>).detail;
    expect(low.baseAccuracy).toBeGreaterThan(0.6);
    expect(low.params).toBe(1 * (8 + 25 + 1));
    expect(low.originalParams).toBe(200);
    expect(low.accuracy).toBeLessThan(low.baseAccuracy);
    const next = nextEvent(el, 'dl-compressed', 60_000);
    el.rank = 8;
    const full = (await next as CustomEvent<Compressed>).detail;
    expect(full.accuracy).toBe(full.baseAccuracy);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.accuracy')!.textContent).toBe(`${(full.accuracy * 100).toFixed(1)} %`);
  });
});
