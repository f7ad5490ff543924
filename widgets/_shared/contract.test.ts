/**
 * The contract every widget keeps, run for every widget in the manifest (a new widget folder is
 * covered without a line here): defaults render; nothing trains while inactive; every attribute
 * given a bad value on an ACTIVE widget shows one message naming it, warns at most once and leaves
 * the page producing frames, and removing the bad value makes the widget work again; keys pressed
 * in its controls never reach the slide; removal returns TensorFlow.js tensors to the baseline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import '../index.ts';
import { kitOf, type DlElement } from './dl-element.ts';

interface Attribute {
  name: string;
  type?: { text?: string };
  description?: string;
  accepts?: { kind: string; values?: string[]; min?: number; max?: number; integer?: boolean; optional?: boolean };
}
interface Declaration {
  tagName?: string;
  attributes?: Attribute[];
}
const found = import.meta.glob<{ modules: { declarations?: Declaration[] }[] }>('../../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(found)[0];
const widgets = (manifest?.modules ?? []).flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('dl-'));

/** Attributes that belong to the page, not the widget's maths. */
const SKIP = new Set(['backend']);

/**
 * Values each attribute must reject, the first the one it is mounted with: not a number, empty,
 * above and below the declared range and, for whole numbers, a fraction; an unknown word and, where
 * a word is required, an empty one. Ranges come from the manifest, i.e. from the declaration.
 */
function badValues(a: Attribute): string[] {
  if (SKIP.has(a.name)) return [];
  const type = a.type?.text ?? '';
  const acc = a.accepts ?? { kind: '' };
  if (acc.kind === 'number' || /^number\b/.test(type)) {
    const out = ['twelve', ''];
    if (acc.max !== undefined) out.push(String(acc.max + Math.max(1, Math.abs(acc.max))));
    if (acc.min !== undefined) out.push(String(acc.min - Math.max(1, Math.abs(acc.min))));
    if (acc.integer && acc.min !== undefined && (acc.max === undefined || acc.min + 0.5 < acc.max)) out.push(String(acc.min + 0.5));
    return out;
  }
  if (acc.kind === 'choice' || acc.kind === 'list' || /^'[^']*'( \| '[^']*')+$/.test(type)) return acc.optional ? ['no-such-choice'] : ['no-such-choice', ''];
  return [];
}

/** Resolve after `n` animation frames, or reject if the page stops producing them. */
function frames(n: number, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the page produced no ${n} frames in ${ms} ms`)), ms);
    let left = n;
    const tick = () => {
      if (--left <= 0) {
        clearTimeout(timer);
        resolve();
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Wait until the tensor count stops changing (widgets removed earlier finish their last step first). */
async function settled(): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100 && memoryInfo().numTensors !== last; i++) {
    last = memoryInfo().numTensors;
    await frames(10, 30_000);
  }
}

/** How often a message quotes attribute `name` (`rank="` inside `cp-rank="` does not count). */
const mentions = (text: string, name: string) => text.match(new RegExp(`(?<![\\w-])${name}="`, 'g'))?.length ?? 0;

const alertOf = (el: DlElement) => el.shadowRoot?.querySelector('.dl-problem[role=alert]')?.textContent ?? '';

afterEach(() => document.body.replaceChildren());

describe('every widget keeps the contract', () => {
  let initial = 0;
  it('the manifest lists the widgets', async () => {
    expect(widgets.length).toBeGreaterThanOrEqual(21);
    initial = memoryInfo().numTensors;
  });

  for (const d of widgets) {
    const tag = d.tagName!;
    describe(`<${tag}>`, () => {
      it('renders with its defaults and does nothing while inactive', async () => {
        const el = await mount<DlElement & { play?: () => void }>(`<${tag}></${tag}>`, { active: false });
        expect(alertOf(el)).toBe('');
        expect(el.shadowRoot!.childElementCount).toBeGreaterThan(0);
        let steps = 0;
        el.addEventListener('dl-train-step', () => steps++);
        el.play?.();
        await frames(20);
        expect(steps).toBe(0);
      });

      const bad = (d.attributes ?? []).map((a) => [a, badValues(a)] as const).filter(([, v]) => v.length > 0);
      it.each(bad.map(([a, v]) => [a.name, v.map((x) => `"${x}"`).join(', '), v] as const))(
        '%s = %s on an active widget: one message each, one warning each, frames go on',
        async (name, _shown, values) => {
          await frames(3, 60_000); // work left by an earlier widget (a build in progress) finishes first
          const warnings: string[] = [];
          const warn = console.warn;
          console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
          try {
            const el = await mount<DlElement>(`<${tag} ${name}="${values[0]}"></${tag}>`, { active: true });
            for (const [i, value] of values.entries()) {
              el.setAttribute(name, value);
              await el.updateComplete;
              await frames(i === 0 ? 10 : 3);
              const text = alertOf(el);
              expect(text, `${name}="${value}"`).toContain(`${name}="`);
              expect(mentions(text, name), `${name}="${value}" is named once`).toBe(1);
              expect(warnings.filter((w) => mentions(w, name) > 0), `one warning per value, up to ${name}="${value}"`).toHaveLength(i + 1);
            }
            // The page keeps producing frames: no update or restart loop.
            await frames(10);
            el.removeAttribute(name);
            await el.updateComplete;
            await waitFor(() => alertOf(el) === '', 10_000);
          } finally {
            console.warn = warn;
          }
        },
      );

      if (bad.length > 0) {
        it('every attribute bad at once, then fixed: each named once, then it builds and runs', async () => {
          await frames(3, 60_000);
          await withoutWarnings(async () => {
            const attrs = bad.map(([a, v]) => `${a.name}="${v[0]}"`).join(' ');
            const el = await mount<DlElement>(`<${tag} ${attrs}></${tag}>`, { active: true });
            await frames(10);
            const text = alertOf(el);
            for (const [a] of bad) expect(mentions(text, a.name), `${a.name} is named once`).toBe(1);
            expect([...kitOf(el).tasks].every((t) => t.status === 'idle'), 'nothing starts while attributes are wrong').toBe(true);
            for (const [a] of bad) el.removeAttribute(a.name);
            await el.updateComplete;
            await waitFor(() => alertOf(el) === '', 10_000);
            // Fixed, it works: every engine task builds, and the page still produces frames.
            await waitFor(() => [...kitOf(el).tasks].every((t) => t.status === 'ready'), 30_000);
            await frames(10);
            expect(alertOf(el)).toBe('');
          });
        });
      }

      const word = bad.find(([, v]) => v[0] === 'no-such-choice')?.[0];
      if (word) {
        it(`a 108,000-character ${word.name} is quoted briefly, not echoed`, async () => {
          const warn = console.warn;
          console.warn = () => {};
          try {
            const el = await mount<DlElement>(`<${tag} ${word.name}="${'x'.repeat(108_000)}"></${tag}>`, { active: true });
            await frames(5);
            const text = alertOf(el);
            expect(text).toContain(`${word.name}=`);
            expect(text.length).toBeLessThan(1000);
          } finally {
            console.warn = warn;
          }
        });
      }

      it('keys typed in its controls never reach the slide', async () => {
        const el = await mount<DlElement>(`<${tag}></${tag}>`, { active: false });
        const control = el.shadowRoot!.querySelector<HTMLElement>('button, select, input');
        if (!control) return; // a picture without controls
        let reached = 0;
        const listener = () => reached++;
        document.addEventListener('keydown', listener);
        control.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
        document.removeEventListener('keydown', listener);
        expect(reached).toBe(0);
      });

      it('removal returns TensorFlow.js tensors to the baseline', async () => {
        await settled();
        const baseline = memoryInfo().numTensors;
        const el = await mount<DlElement>(`<${tag}></${tag}>`, { active: true });
        await Promise.race([nextEvent(el, 'dl-ready', 30_000).catch(() => undefined), frames(120, 30_000)]);
        el.remove();
        await settled();
        // At most the baseline (tensors left by widgets removed earlier may be freed meanwhile);
        // the last test checks that, once everything is removed, nothing at all is left.
        expect(memoryInfo().numTensors).toBeLessThanOrEqual(baseline);
      });
    });
  }

  it('once every widget is removed, no tensor is left', async () => {
    await frames(3, 60_000);
    await settled();
    expect(memoryInfo().numTensors).toBe(initial);
  });
});
