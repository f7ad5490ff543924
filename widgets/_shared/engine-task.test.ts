/**
 * The kit's rule for a start that fails at run time (issue 20): it is not retried by itself, not
 * by a frame loop asking for the value, not by the widget's own updates; only a user action (Play,
 * Step, Reset, "Try again") or a change of the inputs starts it again. One warning per try.
 */
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/widgets.ts';
import { defineElement } from './dl-element.ts';
import { EngineTask } from './engine-task.ts';
import { choice } from './props.ts';
import { Training, TrainingElement } from './training.ts';

/** A widget whose build throws while `mode="broken"` (as a missing weights file or backend would), and counts its builds. */
class FailingProbe extends TrainingElement {
  @choice(['broken', 'working'] as const) mode: 'broken' | 'working' = 'broken';
  builds = 0;
  steps = 0;
  updates = 0;
  private readonly task = new EngineTask<{ dispose(): void }, object>(
    this,
    {
      args: () => [this.mode],
      build: () => {
        this.builds++;
        if (this.mode === 'broken') throw new Error('the weights file is missing (probe)');
        return { dispose: () => undefined };
      },
    },
    async () => ({ eng: {} }),
  );
  protected readonly training = new Training(this, {
    task: this.task,
    frame: () => {
      this.steps++;
    },
  });
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.updates++;
  }
  get status(): string {
    return this.task.status;
  }
  override render(): TemplateResult {
    return html`${this.renderSpeakerViewNote()}${this.training.renderToolbar()}`;
  }
}
defineElement('dl-test-failing-probe', FailingProbe);

const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};
const alertOf = (el: FailingProbe) => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.trim() ?? '';

afterEach(() => document.body.replaceChildren());

describe('a start that fails at run time', () => {
  it('is tried once; frames, updates and play-time asks do not retry it; Play, Try again and a fixed input do', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = document.createElement('dl-test-failing-probe') as FailingProbe;
      el.active = true;
      document.body.append(el);
      await waitFor(() => el.status === 'error', 10_000);
      await el.updateComplete;
      expect(alertOf(el)).toContain('Could not start: the weights file is missing (probe)');
      expect(el.builds).toBe(1);

      // Nothing retries by itself: 30 frames, and the widget's own updates (as a widget's updated() makes).
      const updates = el.updates;
      for (let i = 0; i < 10; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
      await frames(30);
      expect(el.updates).toBeGreaterThanOrEqual(updates + 10);
      expect(el.builds).toBe(1);
      expect(warnings).toHaveLength(1);

      // Play is a user action: one more try, which fails again; the loop stops instead of asking every frame.
      el.play();
      await waitFor(() => el.builds === 2 && el.status === 'error', 10_000);
      await frames(30);
      expect(el.builds).toBe(2);
      expect(el.playing).toBe(false);
      expect(el.steps).toBe(0);

      // "Try again" is one too.
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role=alert] button')!.click();
      await waitFor(() => el.builds === 3 && el.status === 'error', 10_000);
      await frames(10);
      expect(el.builds).toBe(3);

      // One warning per try, each a user's: never one per frame.
      expect(warnings).toHaveLength(3);
      expect(new Set(warnings).size).toBe(1);

      // A changed input starts it again by itself: it builds, the message goes, it trains.
      el.mode = 'working';
      await waitFor(() => el.status === 'ready', 10_000);
      await el.updateComplete;
      expect(el.builds).toBe(4);
      expect(alertOf(el)).toBe('');
      el.play();
      await waitFor(() => el.steps > 5, 10_000);
      el.pause();
    } finally {
      console.warn = warn;
    }
  });
});
