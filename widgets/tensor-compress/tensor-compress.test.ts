import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import './tensor-compress.ts';
import type { DlTensorCompress } from './tensor-compress.ts';

afterEach(() => document.body.replaceChildren());

const text = (el: DlTensorCompress, sel: string) => el.shadowRoot!.querySelector(sel)!.textContent!.trim();
const percent = (s: string) => Number(s.replace(/[^0-9.]/g, ''));

describe('<dl-tensor-compress>', () => {
  it('a higher SVD rank stores more numbers and lowers the error; Tucker counts its core and factors', async () => {
    const el = await mount<DlTensorCompress>('<dl-tensor-compress method="svd" rank="5"></dl-tensor-compress>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(text(el, '.params')).toBe(String(5 * (96 + 96 + 1)));
    const low = percent(text(el, '.error'));
    el.rank = 40;
    await el.updateComplete;
    expect(text(el, '.params')).toBe((40 * 193).toLocaleString('en-US'));
    expect(percent(text(el, '.error'))).toBeLessThan(low);
    el.method = 'tucker';
    el.rank = 10;
    el.colourRank = 2;
    await el.updateComplete;
    expect(text(el, '.params')).toBe((10 * 10 * 2 + 96 * 10 + 96 * 10 + 3 * 2).toLocaleString('en-US'));
  });

  it('CP-ALS runs live: every sweep reported, the error never rises', async () => {
    const el = await mount<DlTensorCompress>('<dl-tensor-compress method="cp" cp-rank="8"></dl-tensor-compress>', { active: true });
    await nextEvent(el, 'dl-ready');
    const seen: { step: number; error: number }[] = [];
    el.addEventListener('dl-train-step', (e) => seen.push((e as CustomEvent).detail));
    el.play();
    await waitFor(() => (seen.at(-1)?.step ?? 0) >= 8, 30_000);
    el.pause();
    for (let i = 1; i < seen.length; i++) expect(seen[i].error).toBeLessThanOrEqual(seen[i - 1].error * (1 + 1e-9));
    await el.updateComplete;
    expect(percent(text(el, '.error'))).toBeCloseTo(seen.at(-1)!.error * 100, 1);
    expect(text(el, '.params')).toBe((8 * (96 + 96 + 3 + 1)).toLocaleString('en-US'));
  });

  it('printReady shows a CP fit, not the random start', async () => {
    const el = await mount<DlTensorCompress>('<dl-tensor-compress method="cp" cp-rank="6"></dl-tensor-compress>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const start = percent(text(el, '.error'));
    await el.printReady();
    expect(el.playing).toBe(false);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('sweep 20');
    expect(percent(text(el, '.error'))).toBeLessThan(start / 2);
  });
});
