import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './normalization.ts';
import type { DlNormalization } from './normalization.ts';

afterEach(() => document.body.replaceChildren());

const dimmed = (el: DlNormalization) => Array.from(el.shadowRoot!.querySelectorAll('.cell')).map((c) => !c.classList.contains('dim'));

describe('<dl-normalization>', () => {
  it('outlines the cells that share statistics for each layer kind', async () => {
    const el = await mount<DlNormalization>('<dl-normalization kind="batch" batch-size="3"></dl-normalization>', { active: true });
    expect([el.kind, el.batchSize]).toEqual(['batch', 3]);
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.cell').length).toBe(12);
    // Batch norm: channel 1 of every example shares the picked cell's statistics.
    expect(dimmed(el)).toEqual([true, false, false, false, true, false, false, false, true, false, false, false]);
    expect(el.pickedStats!.cells).toBe(3 * 49);
    el.kind = 'layer';
    await el.updateComplete;
    expect(dimmed(el)).toEqual([true, true, true, true, false, false, false, false, false, false, false, false]);
    el.kind = 'group';
    el.groups = 2;
    await el.updateComplete;
    expect(dimmed(el).slice(0, 4)).toEqual([true, true, false, false]);
    el.kind = 'instance';
    await el.updateComplete;
    expect(dimmed(el).filter(Boolean).length).toBe(1);
    // Clicking a cell picks its group and reports it.
    const picked = nextEvent(el, 'dl-select');
    (el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.cell')[6]).click();
    expect(((await picked) as CustomEvent).detail).toEqual({ example: 1, channel: 2, group: 6 });
  });

  it('computes real statistics and shows running statistics at inference', async () => {
    const el = await mount<DlNormalization>('<dl-normalization kind="batch" mode="inference" running-steps="20"></dl-normalization>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const s = el.pickedStats!;
    expect(s.mean).toBeGreaterThan(0);
    expect(s.variance).toBeGreaterThan(0);
    const rows = el.shadowRoot!.querySelectorAll('table tr');
    expect(rows.length).toBe(5);
    expect(el.shadowRoot!.textContent).toContain('running averages of 20 training batches');
  });

  it('names bad attributes and the accepted values', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlNormalization>('<dl-normalization kind="weight" groups="3"></dl-normalization>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('kind="weight" is not recognised. Use one of: batch, layer, instance, group.');
      expect(msg).toContain('groups="3" does not divide the 4 channels. Use one of: 1, 2, 4.');
    });
  });
});
