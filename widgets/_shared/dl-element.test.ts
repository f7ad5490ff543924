import { html, type TemplateResult } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/widgets.ts';
import { DlElement } from './dl-element.ts';

/** A bare widget that records when it starts running. */
class StartProbe extends DlElement {
  starts = 0;
  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('running') && this.running) this.starts++;
  }
  override render(): TemplateResult {
    return html`<p>probe</p>`;
  }
}
customElements.define('dl-test-start-probe', StartProbe);

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

afterEach(() => document.body.replaceChildren());

describe('DlElement running', () => {
  it('starts after the next painted frame, in a task of its own, not in the task that switched it on', async () => {
    const el = document.createElement('dl-test-start-probe') as StartProbe;
    el.active = false;
    document.body.append(el);
    await el.updateComplete;
    // As reveal.js's slidechanged does: switch it on inside a task, then let the microtasks run.
    el.active = true;
    await el.updateComplete;
    expect(el.running).toBe(false);
    await frame();
    await waitFor(() => el.running, 5000);
    expect(el.starts).toBe(1);
  });

  it('stops at once, and a switch off before the start cancels it', async () => {
    const el = document.createElement('dl-test-start-probe') as StartProbe;
    el.active = true;
    document.body.append(el);
    await waitFor(() => el.running, 5000);
    el.active = false;
    await el.updateComplete;
    expect(el.running).toBe(false);
    el.active = true;
    await el.updateComplete;
    el.active = false;
    await el.updateComplete;
    for (let i = 0; i < 5; i++) await frame();
    expect(el.running).toBe(false);
    expect(el.starts).toBe(1);
  });
});
