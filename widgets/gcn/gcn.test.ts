import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import { createGcn } from '../../engine/js.ts';
import { graphLayout, type DlGcn } from './gcn.ts';

afterEach(() => document.body.replaceChildren());

describe('<dl-gcn>', () => {
  it('maps attributes, trains only while active, and labels most unlabelled nodes', async () => {
    const el = await mount<DlGcn>('<dl-gcn layers="3" steps-per-frame="5" seed="2"></dl-gcn>', { active: false });
    expect(el.layers).toBe(3);
    expect(el.useEdges).toBe(true);
    let steps = 0;
    el.addEventListener('dl-train-step', () => steps++);
    el.play();
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toBe(0);
    el.active = true;
    const ready = (await nextEvent(el, 'dl-ready')) as CustomEvent;
    expect(ready.detail).toMatchObject({ backend: 'js', nodes: 36, labelled: 3 });
    await waitFor(() => (el.latest?.step ?? 0) >= 150, 30_000);
    el.pause();
    expect(el.latest!.accuracy).toBeGreaterThan(0.8);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('3-layer GCN');
    // The picture has the community colours in it.
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.graph')!;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]) > 60) coloured++;
    expect(coloured).toBeGreaterThan(500);
    expect(tfjsRequested()).toBe(false);
  });

  it('without edges it is an MLP: the unlabelled nodes stay near chance', async () => {
    const el = await mount<DlGcn>('<dl-gcn no-edges steps-per-frame="10" seed="2"></dl-gcn>', { active: true });
    expect(el.useEdges).toBe(false);
    await nextEvent(el, 'dl-ready');
    for (let i = 0; i < 100; i++) await el.step();
    expect(el.latest!.accuracy).toBeLessThan(0.5);
    expect(el.shadowRoot!.querySelector('.dl-status')!.textContent).toContain('no edges (an MLP)');
  });

  it('lays the graph out in slices, to the same points as in one go (issue 18)', () => {
    const { graph } = createGcn({ communities: 6, seed: 3 });
    const whole = graphLayout(graph.n, graph.edges, 3).run(Infinity);
    const sliced = graphLayout(graph.n, graph.edges, 3);
    let calls = 1;
    let points;
    while (!(points = sliced.run(-Infinity))) calls++;
    expect(calls).toBe(300); // one tick per call
    expect(points).toEqual(whole);
  });

  it('names a bad attribute', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlGcn>('<dl-gcn layers="12"></dl-gcn>', { active: true });
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('layers="12" is not allowed. Use a whole number from 1 to 8.');
    });
  });
});
