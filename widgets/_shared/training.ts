/**
 * The training-loop controller: one implementation of the verbs every live widget has (play,
 * pause, toggle, step, reset), autoplay, "finished → Play starts again", the status line and the
 * standard toolbar. It drives an {@link EngineTask} with a {@link FrameLoop}; all work on the
 * engine value goes through `task.use()`, so Reset or removal never disposes tensors under a step.
 *
 * ```ts
 * export class DlThing extends TrainingElement {
 *   private readonly task = jsEngineTask(this, { args: () => [this.seed], build: (eng) => eng.createThing({ seed: this.seed }) });
 *   protected readonly training = new Training(this, {
 *     task: this.task,
 *     frame: (t, deadline) => { do t.step(); while (performance.now() < deadline); this.draw(t); },
 *     describe: (t) => `step ${t.step}, loss ${t.loss.toFixed(3)}`,
 *     finished: (t) => t.step >= this.maxSteps,
 *   });
 *   render() { return html`${this.renderNotices()}${this.training.renderToolbar()} …`; }
 * }
 * ```
 * Autoplay (`autoplay()` true) starts once the value is built, unless the viewer asked for
 * reduced motion (`prefers-reduced-motion: reduce`): then nothing animates without a press.
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import { DlElement, IN_SPEAKER_VIEW, kitOf } from './dl-element.ts';
import type { EngineTask } from './engine-task.ts';
import { FrameLoop } from './frame-loop.ts';

/** What the controller needs of an engine task (either engine). */
export type TaskOf<T> = Pick<EngineTask<T, never>, 'status' | 'value' | 'error' | 'backend' | 'usesTfjs' | 'ready' | 'retry' | 'use' | 'describeBackend' | 'preparing'>;

/** What a training loop is made of. */
export interface TrainingOptions<T> {
  /** The engine object to train. */
  task: TaskOf<T>;
  /** One animation frame of work; stop at `deadline` (a `performance.now()` time). */
  frame: (value: T, deadline: number) => unknown;
  /** One press of Step (default: one frame's work with no time to spare, i.e. one unit). */
  step?: (value: T) => unknown;
  /** Training is over (Play then starts again from the seeded start). */
  finished?: (value: T) => boolean;
  /** The widget's own words once running: "epoch 12 · loss 0.31". */
  describe?: (value: T) => string;
  /** Whether to start by itself once built (usually the `autoplay` attribute). */
  autoplay?: () => boolean;
  /** Clear the widget's own view state on reset (charts, read-outs). */
  onReset?: () => void;
}

/** Whether the viewer asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class Training<T> implements ReactiveController {
  private readonly loop: FrameLoop;
  private autoplayed = false;
  private wasReady = false;

  constructor(
    private readonly host: DlElement,
    private readonly options: TrainingOptions<T>,
  ) {
    this.loop = new FrameLoop(host, (deadline) => this.frame(deadline));
    host.addController(this);
    kitOf(host).status = () => this.statusText();
  }

  /** Whether the loop is playing (the user's intent; it holds while the slide is away). In the speaker view: the audience window's. */
  get playing(): boolean {
    return IN_SPEAKER_VIEW ? !!this.host.remote?.playing : this.loop.playing;
  }

  /** Whether training has finished. */
  get finished(): boolean {
    const v = this.options.task.value;
    return v !== undefined && !!this.options.finished?.(v);
  }

  /** Train (after a finished run, from the seeded start again). */
  play(): void {
    if (IN_SPEAKER_VIEW) return this.host.sendCommand('play');
    if (this.options.task.status === 'error') this.options.task.retry();
    if (this.finished) this.reset();
    this.loop.play();
  }

  /** Stop; the picture stays. */
  pause(): void {
    if (IN_SPEAKER_VIEW) return this.host.sendCommand('pause');
    this.loop.pause();
  }

  /** Resolves when the frame in progress (if any) has finished: after `pause()`, nothing trains any more. */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  /** Play ↔ pause. */
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Back to the seeded start (the same seed gives the same start); settings stay. */
  reset(): void {
    if (IN_SPEAKER_VIEW) return this.host.sendCommand('reset');
    this.loop.pause();
    this.autoplayed = true; // a reset is a press: autoplay does not start again by itself
    this.options.onReset?.();
    this.options.task.retry();
  }

  /** One unit of training (an epoch, an update), then redraw. */
  async step(): Promise<void> {
    if (IN_SPEAKER_VIEW) return this.host.sendCommand('step');
    if (this.options.task.status === 'error') this.options.task.retry();
    await this.options.task.use((v) => (this.options.step ? this.options.step(v) : this.options.frame(v, 0)));
    this.host.requestUpdate();
  }

  private async frame(deadline: number): Promise<void> {
    const task = this.options.task;
    // Not built yet, or its ready callback (pre-training, a first picture) still runs: wait.
    if (task.status !== 'ready' || task.preparing) {
      if (task.status !== 'ready') await task.ready();
      return;
    }
    await task.use((v) => this.options.frame(v, deadline));
    const v = task.value;
    if (v !== undefined && this.options.finished?.(v)) this.loop.pause();
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const ready = this.options.task.status === 'ready' && !this.options.task.preparing;
    if (ready && !this.wasReady && !this.autoplayed && this.options.autoplay?.() && !prefersReducedMotion()) {
      this.autoplayed = true;
      queueMicrotask(() => this.loop.play());
    }
    this.wasReady = ready;
  }

  hostDisconnected(): void {
    this.autoplayed = false;
    this.wasReady = false;
  }

  /** One status line: loading (and which backend), training, paused, off screen, finished, error. */
  statusText(): string {
    if (IN_SPEAKER_VIEW) return this.host.remote ? `Audience window: ${this.host.remote.status}` : 'Runs in the audience window';
    const task = this.options.task;
    switch (task.status) {
      case 'idle':
        return this.host.hasConfigErrors ? 'Fix the attributes first' : this.host.running ? 'Starting…' : 'Starts when shown';
      case 'loading':
        return task.usesTfjs ? 'Loading TensorFlow.js…' : 'Loading…';
      case 'error':
        return `Could not start: ${task.error}`;
      case 'ready': {
        const v = task.value as T;
        const state = this.loop.playing
          ? this.host.running
            ? 'training'
            : 'paused (off screen)'
          : this.options.finished?.(v)
            ? 'finished'
            : 'paused';
        const where = task.usesTfjs && task.backend ? `${task.backend?.name} · ` : '';
        const words = this.options.describe?.(v);
        return `${where}${words ? `${words} · ` : ''}${state}`;
      }
    }
  }

  /**
   * The toolbar: Play/Pause, Step, Reset, then `extra` (the widget's own controls), then the
   * status in an aria-live region.
   */
  renderToolbar(extra: TemplateResult | null = null, labels: { play?: string; step?: string } = {}): TemplateResult {
    const playing = this.playing;
    return html`<div class="dl-toolbar" part="toolbar">
      <button type="button" class="primary" @click=${() => this.toggle()} aria-pressed=${playing ? 'true' : 'false'}>${playing ? 'Pause' : (labels.play ?? 'Play')}</button>
      <button type="button" @click=${() => void this.step()} title="Train one step and redraw">${labels.step ?? 'Step'}</button>
      <button type="button" @click=${() => this.reset()} title="Start again from the seeded initial state">Reset</button>
      ${extra}
      <span class="dl-status" role="status" aria-live="polite" title=${this.options.task.describeBackend()}>${this.statusText()}</span>
      ${this.host.renderMenu()}
    </div>`;
  }
}

/**
 * The thin base class of training widgets: the public verbs, once. A subclass creates
 * `protected readonly training = new Training(this, { … })`.
 */
export abstract class TrainingElement extends DlElement {
  protected abstract readonly training: Pick<Training<unknown>, 'play' | 'pause' | 'reset' | 'step' | 'playing'>;

  /** Start training (loads the engine first if needed). */
  play(): void {
    this.training.play();
  }

  /** Stop training; the picture stays. */
  pause(): void {
    this.training.pause();
  }

  /** Back to the seeded start; the settings stay. */
  reset(): void {
    this.training.reset();
  }

  /** Train one step and redraw. */
  step(): Promise<void> {
    return this.training.step();
  }

  /** Whether the training loop is playing. */
  get playing(): boolean {
    return this.training.playing;
  }
}
