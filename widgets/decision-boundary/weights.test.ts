import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import { parseWeightsFile, registerWeightsSource } from '../_shared/weights-file.ts';
import './decision-boundary.ts';
import type { DlDecisionBoundary } from './decision-boundary.ts';

afterEach(() => document.body.replaceChildren());

/** Files the tests hand to widgets, as a deck's bundled weights would be. */
const files = new Map<string, string>();
registerWeightsSource((name) => (files.has(name) ? Promise.resolve(files.get(name)!) : null));

const TAG = 'dataset="xor" hidden-layers="6" activation="tanh" learning-rate="0.1" seed="5"';
const problemText = (el: DlDecisionBoundary) => el.shadowRoot!.querySelector('.dl-problem')?.textContent?.replace(/\s+/g, ' ') ?? '';

async function trained(epochs: number): Promise<{ el: DlDecisionBoundary; text: string; accuracy: number; grid: Float32Array }> {
  const el = await mount<DlDecisionBoundary>(`<dl-decision-boundary ${TAG}></dl-decision-boundary>`, { active: true });
  await nextEvent(el, 'dl-ready');
  await el.trainFor(epochs);
  const text = el.saveWeights()!;
  return { el, text, accuracy: el.accuracy, grid: el['task'].value!.predictGrid(20).slice() };
}

describe('<dl-decision-boundary> saved weights', () => {
  it('saves the trained network and a slide opens on it: same predictions, Reset comes back to it', async () => {
    const { text, accuracy, grid } = await trained(200);
    const file = parseWeightsFile(text, 'xor.weights.json', 'dl-decision-boundary');
    expect(file.attributes).toMatchObject({ dataset: 'xor', 'hidden-layers': '6', seed: '5' });
    expect(file.tag).toContain('dataset="xor"');
    expect((file.state as { epoch: number; sizes: number[] }).epoch).toBe(200);
    expect((file.state as { sizes: number[] }).sizes).toEqual([2, 6, 1]);
    expect(accuracy).toBeGreaterThan(0.9);
    document.body.replaceChildren();

    files.set('xor.weights.json', text);
    // A different seed: the weights come from the file, not from the seed.
    const el = await mount<DlDecisionBoundary>(`<dl-decision-boundary dataset="xor" hidden-layers="6" learning-rate="0.1" seed="5" weights="xor.weights.json"></dl-decision-boundary>`, { active: true });
    await nextEvent(el, 'dl-ready');
    expect(el.accuracy).toBeCloseTo(accuracy, 6);
    const loaded = el['task'].value!.predictGrid(20);
    loaded.forEach((v, i) => expect(v).toBeCloseTo(grid[i], 5));
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('from xor.weights.json (200 epochs)');

    el.play();
    await waitFor(() => (el['result']?.epoch ?? 0) >= 20);
    el.pause();
    el.reset();
    await nextEvent(el, 'dl-ready');
    expect(el.accuracy).toBeCloseTo(accuracy, 6);
  });

  it('names a mismatched setting, a missing file and a wrong file in place, and recovers when fixed', async () => {
    const { text } = await trained(5);
    document.body.replaceChildren();
    files.set('six.weights.json', text);
    files.set('notes.weights.json', '{"hello": 1}');

    const el = await mount<DlDecisionBoundary>('<dl-decision-boundary dataset="xor" hidden-layers="4" weights="six.weights.json"></dl-decision-boundary>', { active: true });
    await waitFor(() => /hidden-layers="6"/.test(el.shadowRoot!.textContent ?? ''));
    expect(el.shadowRoot!.textContent).toContain('was trained with hidden-layers="6" but this widget has hidden-layers="4". Set hidden-layers="6"');

    el.setAttribute('hidden-layers', '6');
    await nextEvent(el, 'dl-ready');
    expect(el.shadowRoot!.textContent).not.toContain('was trained with');

    el.setAttribute('weights', 'notes.weights.json');
    await waitFor(() => /not a dl-live weights file/.test(el.shadowRoot!.textContent ?? ''));

    el.setAttribute('weights', 'nowhere.weights.json');
    await waitFor(() => /nowhere\.weights\.json" was not found \((404|a web page)/.test(el.shadowRoot!.textContent ?? ''));

    el.setAttribute('weights', 'https://example.com/x.weights.json');
    await el.updateComplete;
    expect(problemText(el)).toContain("not a web address");
    el.setAttribute('weights', 'x.json');
    await el.updateComplete;
    expect(problemText(el)).toContain('end the file name with ".weights.json"');
  });

  it('offers Copy as tag and Save weights in the toolbar menu', async () => {
    const { el } = await trained(3);
    const menu = el.shadowRoot!.querySelector<HTMLDetailsElement>('details.dl-menu')!;
    menu.open = true;
    const buttons = Array.from(menu.querySelectorAll('button')).map((b) => b.textContent);
    expect(buttons).toEqual(['Copy as tag', 'Save weights']);
    const tag = await el.copyTag();
    await el.updateComplete;
    expect(tag).toBe(`<dl-decision-boundary dataset="xor" hidden-layers="6" learning-rate="0.1" seed="5"></dl-decision-boundary>`);
    expect(menu.querySelector('textarea')!.value).toBe(tag);
  });
});
