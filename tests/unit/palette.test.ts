/**
 * Colour-blind safety of the palettes: the two-class colours (themes/tokens.css and the diverging
 * scale in widgets/_shared/palette.ts) and the categorical colours widgets draw with, under normal
 * vision and simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009).
 *
 * Rules (CIEDE2000 between the simulated colours): the two classes stay at least 30 apart in every
 * vision (orange/blue is about 50); any two categorical colours at least 10 apart (Okabe & Ito's
 * palette, designed for colour-blind readers, manages 10.9, so the rule is attainable).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIVERGING } from '../../widgets/_shared/palette.ts';
import { closestPair, deltaE2000, perceivedDifference, VISIONS } from '../helpers/colour-vision.ts';

const root = join(import.meta.dirname, '../..');
const TWO_CLASS_MIN = 30;
const CATEGORICAL_MIN = 10;

/** `--name: #hex` declarations of one block of tokens.css (`:root {` or the dark one). */
function tokens(block: 'light' | 'dark'): Record<string, string> {
  const css = readFileSync(join(root, 'themes/tokens.css'), 'utf8');
  const start = block === 'light' ? css.indexOf(':root {') : css.indexOf(":root[data-theme='dark'] {");
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(Array.from(body.matchAll(/(--dl-[a-z0-9-]+):\s*(#[0-9a-f]{3,6})\b/gi), (m) => [m[1], m[2]]));
}

/** The `#hex` strings of a constant in a widget's source (widget files are not imported: they need a DOM). */
function coloursOf(file: string, constant: string): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  const at = src.indexOf(`const ${constant}`);
  if (at < 0) throw new Error(`${constant} not found in ${file}: update the list in tests/unit/palette.test.ts`);
  const decl = src.slice(at, src.indexOf(';', at));
  return Array.from(decl.matchAll(/#[0-9a-f]{6}\b/gi), (m) => m[0]);
}

describe('colour-vision helpers', () => {
  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });
  it('simulated deuteranopia confuses red and green, and leaves blue and orange apart', () => {
    expect(perceivedDifference('#d62728', '#2ca02c', 'normal')).toBeGreaterThan(40);
    expect(perceivedDifference('#d62728', '#2ca02c', 'deutan')).toBeLessThan(12);
    expect(perceivedDifference('#0072b2', '#e69f00', 'deutan')).toBeGreaterThan(40);
  });
  it("Okabe & Ito's palette meets the categorical rule in every vision", () => {
    const okabeIto = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#000000'];
    for (const v of VISIONS) expect(closestPair(okabeIto, v).dE).toBeGreaterThan(CATEGORICAL_MIN);
  });
});

describe('two-class colours stay apart for colour-blind viewers', () => {
  const pairs: [string, string, string][] = [
    ['tokens, light', tokens('light')['--dl-color-negative'], tokens('light')['--dl-color-positive']],
    ['tokens, dark', tokens('dark')['--dl-color-negative'], tokens('dark')['--dl-color-positive']],
    ['diverging scale ends', DIVERGING[0], DIVERGING[2]],
  ];
  it.each(pairs)('%s: %s vs %s', (_label, neg, pos) => {
    for (const v of VISIONS) expect(perceivedDifference(neg, pos, v), v).toBeGreaterThan(TWO_CLASS_MIN);
  });
  it('each class differs from the neutral middle of the diverging scale', () => {
    for (const v of VISIONS) {
      expect(perceivedDifference(DIVERGING[0], DIVERGING[1], v), v).toBeGreaterThan(TWO_CLASS_MIN);
      expect(perceivedDifference(DIVERGING[2], DIVERGING[1], v), v).toBeGreaterThan(TWO_CLASS_MIN);
    }
  });
});

/**
 * Categorical colours widgets draw with, where a widget keeps its own list (most use palette.ts's
 * CATEGORICAL, tested above). `known` marks a palette that fails today, with its
 * weakest pair, for the widget refactor (a swap to Okabe & Ito's colours fixes each); the test fails
 * on any palette that is not marked and fails the rule.
 */
const WIDGET_PALETTES: { file: string; constant: string; known?: string }[] = [
  { file: 'widgets/optimizer-race/optimizer-race.ts', constant: 'COLORS' },
  { file: 'widgets/metric-learning/metric-learning.view.ts', constant: 'DIGIT_COLOURS' },
];

describe('widget categorical palettes', () => {
  it.each(WIDGET_PALETTES.map((p) => [`${p.file} ${p.constant}`, p] as const))('%s', (_name, p) => {
    const colours = coloursOf(p.file, p.constant);
    expect(colours.length).toBeGreaterThan(1);
    const weakest = VISIONS.map((v) => ({ v, ...closestPair(colours, v) })).sort((a, b) => a.dE - b.dE)[0];
    const passes = weakest.dE >= CATEGORICAL_MIN;
    if (p.known) {
      // Still failing as recorded (printed for the refactor); once fixed, this fails until `known` goes.
      console.log(`${p.file} ${p.constant}: known failure, weakest ${weakest.v} ${weakest.a} vs ${weakest.b} ΔE ${weakest.dE.toFixed(1)}`);
      expect(passes, 'this palette now passes: remove its "known" note').toBe(false);
    } else {
      expect(weakest.dE, `${weakest.v}: ${weakest.a} vs ${weakest.b}`).toBeGreaterThanOrEqual(CATEGORICAL_MIN);
    }
  });
});
