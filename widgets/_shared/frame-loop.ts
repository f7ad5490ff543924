/**
 * A requestAnimationFrame loop that only runs while its host is `running` and playing.
 * Leaving the slide (or hiding the tab) stops it at the next frame; coming back resumes it.
 *
 * ```ts
 * private loop = new FrameLoop(this, () => this.step());
 * play() { this.loop.play(); }
 * ```
 * The tick may be async; the next frame is requested only after it settles, so slow backends
 * never pile up work.
 */
import type { ReactiveController } from 'lit';
import type { DlElement } from './dl-element.ts';

export class FrameLoop implements ReactiveController {
  /** The user's play/pause intent (kept while the slide is away). */
  playing = false;
  private frame = 0;
  private busy = false;

  constructor(
    private readonly host: DlElement,
    private readonly tick: () => unknown,
  ) {
    host.addController(this);
  }

  play(): void {
    this.playing = true;
    this.schedule();
    this.host.requestUpdate();
  }

  pause(): void {
    this.playing = false;
    this.cancel();
    this.host.requestUpdate();
  }

  /** True when frames are actually being produced. */
  get ticking(): boolean {
    return this.frame !== 0 || this.busy;
  }

  hostUpdated(): void {
    if (this.playing && this.host.running) this.schedule();
    else if (!this.host.running) this.cancel();
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private schedule(): void {
    if (this.frame || this.busy || !this.host.running || !this.playing) return;
    this.frame = requestAnimationFrame(() => void this.run());
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private async run(): Promise<void> {
    this.frame = 0;
    if (!this.playing || !this.host.running) return;
    this.busy = true;
    try {
      await this.tick();
    } catch (err) {
      this.playing = false;
      console.error(`<${this.host.localName}>:`, err);
    } finally {
      this.busy = false;
    }
    this.schedule();
  }
}
