/**
 * The contract every widget keeps, run for every widget in the manifest (a new widget folder is
 * covered without a line here): defaults render; nothing trains while inactive; every attribute
 * given a bad value on an ACTIVE widget shows one message naming it, warns at most once and leaves
 * the page producing frames, and removing the bad value makes the widget work again; keys pressed
 * in its controls never reach the slide; removal returns TensorFlow.js tensors to the baseline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryInfo } from '../../engine/index.ts';
import { mount, nextEvent, waitFor } from '../../tests/helpers/widgets.ts';
import '../index.ts';
import type { DlElement } from './dl-element.ts';

interface Attribute {
  name: string;
  type?: { text?: string };
  description?: string;
  accepts?: { kind: string; values?: string[] };
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

/** A value each attribute must reject: not a number for numbers, an unknown word for word lists. */
function badValue(a: Attribute): string | null {
  if (SKIP.has(a.name)) return null;
  const type = a.type?.text ?? '';
  if (a.accepts?.kind === 'number' || /^number\b/.test(type)) return 'twelve';
  if (a.accepts?.kind === 'choice' || a.accepts?.kind === 'list' || /^'[^']*'( \| '[^']*')+$/.test(type)) return 'no-such-choice';
  return null;
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

      const bad = (d.attributes ?? []).map((a) => [a, badValue(a)] as const).filter((x): x is readonly [Attribute, string] => x[1] !== null);
      it.each(bad.map(([a, v]) => [a.name, v]))('%s="%s" on an active widget: one message, one warning, frames go on, fixing it works', async (name, value) => {
        await frames(3, 60_000); // work left by an earlier widget (a build in progress) finishes first
        const warnings: string[] = [];
        const warn = console.warn;
        console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
        try {
          const el = await mount<DlElement>(`<${tag} ${name}="${value}"></${tag}>`, { active: true });
          await frames(10);
          const text = alertOf(el);
          expect(text).toContain(`${name}=`);
          expect(text.split(`${name}=`).length - 1).toBe(1);
          expect(warnings.filter((w) => w.includes(`${name}=`))).toHaveLength(1);
          // The page keeps producing frames: no update or restart loop.
          await frames(10);
          el.removeAttribute(name);
          await el.updateComplete;
          await waitFor(() => alertOf(el) === '', 10_000);
        } finally {
          console.warn = warn;
        }
      });

      const word = bad.find(([, v]) => v === 'no-such-choice')?.[0];
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
