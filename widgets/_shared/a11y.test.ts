/**
 * Accessibility of every widget in the manifest, on its own (issue 19), so a finding names the
 * widget and the element, and a new widget is covered without a line here:
 * - axe-core (WCAG 2.1 A/AA and best practices) inside the widget, started and after a few frames of
 *   work, in the light and the dark theme: no serious or critical violation;
 * - keyboard: Tab reaches the Play button, Space starts training and a second Space pauses it, and
 *   the key never reaches the page (the slide does not move);
 * - the status is announced: the toolbar status sits in an aria-live region.
 */
import axe from 'axe-core';
import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import '../../themes/tokens.css';
import { mount, nextEvent } from '../../tests/helpers/widgets.ts';
import '../index.ts';
import type { DlElement } from './dl-element.ts';

interface Declaration {
  tagName?: string;
}
const found = import.meta.glob<{ modules: { declarations?: Declaration[] }[] }>('../../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(found)[0];
const tags = (manifest?.modules ?? []).flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName?.startsWith('dl-') ? [d.tagName] : []));

/** Attributes under which a widget has something to play (SVD has a closed form: Play stops at once). */
const PLAYABLE_WITH: Record<string, string> = { 'dl-tensor-compress': 'method="cp"' };

type Playable = DlElement & { playing?: boolean; pause?: () => void };

/** Serious and critical axe findings inside `el`, as "rule: element (summary)". */
async function severe(el: Element): Promise<string[]> {
  const result = await axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
    // A lone widget is not a page: page-structure rules belong to the page's audit (tests/e2e/a11y.spec.ts).
    rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } },
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} (${n.failureSummary?.split('\n')[1]?.trim() ?? v.help})`));
}

/** Resolve after `n` animation frames. */
const frames = (n: number) => new Promise<void>((resolve) => {
  const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
});

afterEach(() => {
  document.body.replaceChildren();
  delete document.documentElement.dataset.theme;
});

describe('every widget is accessible on its own', () => {
  it('the manifest lists the widgets', () => expect(tags.length).toBeGreaterThanOrEqual(21));

  for (const tag of tags) {
    it(`<${tag}>: no serious axe finding in either theme; keyboard plays and pauses it`, async () => {
      document.body.style.background = 'var(--dl-color-bg)';
      const ready = nextEvent(document.body, 'dl-ready', 30_000).catch(() => undefined);
      const el = await mount<Playable>(`<${tag} ${PLAYABLE_WITH[tag] ?? ''}></${tag}>`, { active: true });
      await ready;
      await frames(5);
      const play = el.shadowRoot?.querySelector<HTMLButtonElement>('.dl-toolbar button.primary');
      if (play && typeof el.playing === 'boolean') {
        expect(el.shadowRoot?.querySelector('.dl-toolbar [aria-live]'), 'the status is announced').not.toBeNull();
        // Tab from the page's start reaches Play.
        document.body.focus();
        for (let i = 0; i < 30 && el.shadowRoot?.activeElement !== play; i++) await userEvent.tab();
        expect(el.shadowRoot?.activeElement, 'Tab reaches Play').toBe(play);
        let keysOutside = 0;
        const count = () => keysOutside++;
        document.addEventListener('keydown', count);
        try {
          await userEvent.keyboard(' ');
          await el.updateComplete;
          expect(el.playing, 'Space starts it').toBe(true);
          await frames(10);
          await userEvent.keyboard(' ');
          await el.updateComplete;
          expect(el.playing, 'Space again pauses it').toBe(false);
        } finally {
          document.removeEventListener('keydown', count);
        }
        expect(keysOutside, 'keys stay inside the widget').toBe(0);
      }
      for (const theme of ['light', 'dark']) {
        document.documentElement.dataset.theme = theme;
        await frames(2);
        expect(await severe(el), `${theme} theme`).toEqual([]);
      }
    });
  }
});
