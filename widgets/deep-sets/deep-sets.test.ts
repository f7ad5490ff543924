import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import '../../themes/tokens.css';
import { mount, nextEvent, tfjsRequested, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './deep-sets.ts';
import type { DlDeepSets } from './deep-sets.ts';

afterEach(() => {
  document.body.replaceChildren();
  document.body.style.background = '';
  delete document.documentElement.dataset.theme;
});

/** Resolve after `n` animation frames. */
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });

interface StepDetail {
  step: number;
  deepSets: { loss: number; accuracy: number };
  mlp: { loss: number; accuracy: number };
}

// ── colour maths for the tests, written independently of the widget's ──────

type Rgba = [number, number, number, number];
/** `rgb(r, g, b)` / `rgba(r, g, b, a)` as getComputedStyle writes them. */
function parseRgb(css: string): Rgba {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
}
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
/** WCAG 2.x relative luminance. */
const luminance = ([r, g, b]: Rgba) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
const contrast = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** `top` over `bottom` (alpha compositing). */
const over = (top: Rgba, bottom: Rgba): Rgba => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
};
/** The colour behind `el`: its own and its ancestors' backgrounds (through shadow roots) down to the page's. */
function backgroundBehind(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let e: Element | null = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
    const bg = parseRgb(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((under, layer) => over(layer, under), [255, 255, 255, 1]);
}
/** Deuteranopia (Machado, Oliveira and Fernandes 2009, severity 1) in CIELAB, for ΔE between colours. */
function deutanLab([r, g, b]: Rgba): [number, number, number] {
  const l = [linear(r), linear(g), linear(b)];
  const m = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ].map((row) => Math.min(1, Math.max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2])));
  const xyz = [0.4124 * m[0] + 0.3576 * m[1] + 0.1805 * m[2], 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2], 0.0193 * m[0] + 0.1192 * m[1] + 0.9505 * m[2]];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [fx, fy, fz] = [f(xyz[0] / 0.95047), f(xyz[1]), f(xyz[2] / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Every element with its own text, and the ratio of its text colour to what is behind it. */
function textContrasts(root: ShadowRoot): { text: string; ratio: number; large: boolean }[] {
  return Array.from(root.querySelectorAll('*'))
    .filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '') && (e as HTMLElement).offsetParent !== null)
    .map((e) => {
      const s = getComputedStyle(e);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const bg = backgroundBehind(e);
      return { text: e.textContent!.trim().slice(0, 30), ratio: contrast(over(parseRgb(s.color), bg), bg), large };
    });
}

describe('<dl-deep-sets>', () => {
  it('maps attributes; shuffling keeps the Deep Sets output and changes the MLP output', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets task="max" set-size="5" train-size="64" pooling="mean" panels="invariance,params"></dl-deep-sets>', { active: true });
    expect(el.task).toBe('max');
    expect(el.setSize).toBe(5);
    expect(el.pooling).toBe('mean');
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.panel')).toHaveLength(2);
    expect(el.digits).toHaveLength(5);
    // Make sure the set is not constant, so a shuffle can change the order.
    while (new Set(el.digits).size < 3) el.newSet();
    const before = el.predictions!;
    const shuffled = nextEvent(el, 'dl-shuffle') as Promise<CustomEvent<{ digits: number[]; deepSets: number; mlp: number }>>;
    el.shuffle();
    const detail = (await shuffled).detail;
    expect(detail.digits).toEqual(el.digits);
    expect(detail.deepSets).toBe(el.predictions!.deepSets);
    let mlpMoved = false;
    for (let i = 0; i < 5 && !mlpMoved; i++) {
      expect(Math.abs(el.predictions!.deepSets - before.deepSets)).toBeLessThan(1e-4);
      mlpMoved = Math.abs(el.predictions!.mlp - before.mlp) > 1e-4;
      if (!mlpMoved) el.shuffle();
    }
    expect(mlpMoved).toBe(true);
    await el.updateComplete;
    const [dsChange, mlpChange] = Array.from(el.shadowRoot!.querySelectorAll('.chg'), (c) => c.textContent!.trim());
    expect(dsChange).toBe('= unchanged');
    expect(mlpChange).toMatch(/^≠ changed by [+-]\d\.\d{3}$/);
  });

  it('trains only while active, at most steps-per-frame steps a frame, and Deep Sets test loss falls', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets train-size="128" steps-per-frame="20" panels="training"></dl-deep-sets>', { active: false });
    const seen: StepDetail[] = [];
    el.addEventListener('dl-train-step', (e) => seen.push((e as CustomEvent<StepDetail>).detail));
    el.play();
    await frames(20);
    expect(seen).toHaveLength(0);
    el.active = true;
    await nextEvent(el, 'dl-ready');
    const start = el.testScores!.deepSets.loss;
    await waitFor(() => seen.length >= 15);
    el.pause();
    expect(el.testScores!.deepSets.loss).toBeLessThan(start / 3);
    // Each frame trains 1–20 steps (fewer only when the frame's time ran out), and the event says which.
    seen.forEach((d, i) => {
      const steps = d.step - (i === 0 ? 0 : seen[i - 1].step);
      expect(steps).toBeGreaterThanOrEqual(1);
      expect(steps).toBeLessThanOrEqual(20);
    });
    // The read-out shows the numbers the last event carried.
    await el.updateComplete;
    const last = seen.at(-1)!;
    expect(el.shadowRoot!.querySelector('.acc-ds')!.textContent).toBe(`${(last.deepSets.accuracy * 100).toFixed(1)} %`);
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe(`step ${last.step} · paused`);
  });

  it('Step trains one frame; Reset goes back to the seeded start and clears the curve', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets steps-per-frame="5" curve-steps="10"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    const first = el.testScores!.deepSets.loss;
    const step = nextEvent(el, 'dl-train-step') as Promise<CustomEvent<StepDetail>>;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.dl-toolbar button[title^="Train one step"]')!.click();
    // One frame's work: steps-per-frame steps, fewer only if the frame's 12 ms ran out first.
    const stepped = (await step).detail.step;
    expect(stepped).toBeGreaterThanOrEqual(1);
    expect(stepped).toBeLessThanOrEqual(5);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe(`step ${stepped} · paused`);
    let points = 0;
    el.addEventListener('dl-curve-point', () => points++);
    await el.buildCurve();
    await waitFor(() => points >= 2);
    const ready = nextEvent(el, 'dl-ready');
    el.reset();
    await ready;
    expect(el.curvePoints).toEqual([]);
    expect(el.testScores!.deepSets.loss).toBe(first);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.dl-toolbar [aria-live]')!.textContent).toBe('step 0 · paused');
  });

  it('builds the sample-efficiency curve point by point', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets curve-steps="20" panels="curve"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    const points: { trainSize: number; deepSets: number; mlp: number }[] = [];
    el.addEventListener('dl-curve-point', (e) => points.push((e as CustomEvent).detail));
    await el.buildCurve();
    await waitFor(() => points.length === 6);
    expect(points.map((p) => p.trainSize)).toEqual([16, 32, 64, 128, 256, 512]);
    expect(el.curvePoints.map((p) => p.deepSets)).toEqual(points.map((p) => p.deepSets));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas.curve')!.getAttribute('aria-label')).toContain(`512 sets: Deep Sets ${(points[5].deepSets * 100).toFixed(1)} %`);
  });

  it('the equivariant layer permutes with its input: shuffling x shuffles y the same way', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets panels="equivariance" lambda="1" gamma="-1"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    while (new Set(el.digits).size < 3) el.newSet();
    await el.updateComplete;
    const picture = () => el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.eq-out')!.toDataURL();
    const before = picture();
    el.shuffle();
    await el.updateComplete;
    expect(picture()).not.toBe(before);
    // γ changes y (its mean part), not x.
    const xLabel = () => el.shadowRoot!.querySelector('canvas.eq-in')!.getAttribute('aria-label');
    const x = xLabel();
    const y = picture();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('label:nth-of-type(2) input')!;
    input.value = '2';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.gamma).toBe(2);
    expect(xLabel()).toBe(x);
    expect(picture()).not.toBe(y);
  });

  it('trains in plain JavaScript: TensorFlow.js is never requested', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets panels="training" steps-per-frame="5"></dl-deep-sets>', { active: true });
    const ready = (await nextEvent(el, 'dl-ready')) as CustomEvent;
    expect(ready.detail.backend).toBe('js');
    await el.step();
    await el.step();
    el.remove();
    expect(tfjsRequested()).toBe(false);
  });

  it('names a bad attribute', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlDeepSets>('<dl-deep-sets task="median" panels="invariance,gnn"></dl-deep-sets>', { active: true });
      const msg = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
      expect(msg).toContain('task="median" is not recognised. Use one of: sum, max.');
      expect(msg).toContain('panels="invariance,gnn": "gnn" not recognised.');
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme} theme: every tile's digit, and every text, reads at WCAG AA against what is behind it`, async () => {
      document.documentElement.dataset.theme = theme;
      document.body.style.background = 'var(--dl-color-bg)';
      const el = await mount<DlDeepSets>('<dl-deep-sets set-size="10"></dl-deep-sets>', { active: true });
      await nextEvent(el, 'dl-ready');
      el.shuffle(); // the change column has text too
      await el.updateComplete;
      const tiles = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.tile'));
      expect(tiles).toHaveLength(10);
      for (const tile of tiles) {
        const s = getComputedStyle(tile);
        const ratio = contrast(parseRgb(s.color), parseRgb(s.backgroundColor));
        expect(ratio, `tile ${tile.textContent} on ${s.backgroundColor}`).toBeGreaterThanOrEqual(4.5);
      }
      const low = textContrasts(el.shadowRoot!).filter((t) => t.ratio < (t.large ? 3 : 4.5));
      expect(low, 'text below 4.5:1 (3:1 large)').toEqual([]);
      const axeFindings = await axe.run(el, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
      expect(axeFindings.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary))).toEqual([]);
    });
  }

  it('tile colours stay apart for deutan vision; a repeated colour (past 8 elements) carries a ring', async () => {
    const el = await mount<DlDeepSets>('<dl-deep-sets set-size="10" panels="invariance"></dl-deep-sets>', { active: true });
    await nextEvent(el, 'dl-ready');
    await el.updateComplete;
    const tiles = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('.tile'), (t) => ({ bg: getComputedStyle(t).backgroundColor, ring: getComputedStyle(t).outlineStyle }));
    // Shuffling can put any two next to each other, so every pair of different colours must differ.
    for (let i = 0; i < tiles.length; i++) {
      for (let j = i + 1; j < tiles.length; j++) {
        const [a, b] = [tiles[i], tiles[j]];
        if (a.bg === b.bg) expect(a.ring, `tiles ${i} and ${j} share ${a.bg}`).not.toBe(b.ring);
        else {
          const d = Math.hypot(...deutanLab(parseRgb(a.bg)).map((v, k) => v - deutanLab(parseRgb(b.bg))[k]));
          expect(d, `${a.bg} vs ${b.bg} under deuteranopia`).toBeGreaterThan(10);
        }
      }
    }
  });
});
