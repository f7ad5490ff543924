/**
 * A requestAnimationFrame loop that only runs while its host is `running` and playing.
 * Leaving the slide (or hiding the tab) stops it at the next frame; coming back resumes it.
 *
 * ```ts
 * private loop = new FrameLoop(this, (deadline) => this.trainUntil(deadline));
 * play() { this.loop.play(); }
 * ```
 * The tick may be async; the next frame is requested only after it settles, so slow backends
 * never pile up work. The tick gets a deadline (a `performance.now()` time, {@link FRAME_BUDGET_MS}
 * from the frame's start): work per frame is capped by time, not by count, so any setting a widget
 * accepts leaves the page responsive. A tick that throws stops the loop and the widget shows the
 * message (with "Try again"); the button goes back to Play.
 */
import type { ReactiveController } from 'lit';
import { kitOf, type DlElement } from './dl-element.ts';

/** Milliseconds of work per animation frame: leaves room for drawing within a 60 Hz frame and keeps every task well under 50 ms. */
export const FRAME_BUDGET_MS = 12;

export class FrameLoop implements ReactiveController {
  /** The user's play/pause intent (kept while the slide is away). */
  playing = false;
  private frame = 0;
  private inflight: Promise<void> | null = null;
  /** Resolves `inflight`. */
  private release: () => void = () => {};
  /** Bumped by {@link abandon}: a tick from an older generation no longer counts. */
  private generation = 0;

  constructor(
    private readonly host: DlElement,
    private readonly tick: (deadline: number) => unknown,
  ) {
    host.addController(this);
    kitOf(host).loops.add(this);
  }

  play(): void {
    this.playing = true;
    this.schedule();
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing && !this.frame) return;
    this.playing = false;
    this.cancel();
    this.host.requestUpdate();
  }

  /** True when frames are actually being produced. */
  get ticking(): boolean {
    return this.frame !== 0 || this.inflight !== null;
  }

  /** True while a tick is running. */
  get busy(): boolean {
    return this.inflight !== null;
  }

  /** Resolves when the tick in progress (if any) has finished. */
  settled(): Promise<void> {
    return this.inflight ?? Promise.resolve();
  }

  /**
   * Give up on the tick in flight: it waits for a GPU that is gone and will never finish. The loop
   * is free again (`settled()` resolves, the next frame may run), and the old tick's end, if it
   * ever comes, is ignored.
   */
  abandon(): void {
    if (!this.inflight) return;
    this.generation++;
    this.inflight = null;
    this.release();
    this.schedule();
  }

  hostUpdated(): void {
    if (this.playing && this.host.running) this.schedule();
    else if (!this.host.running) this.cancel();
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private schedule(): void {
    if (this.frame || this.inflight || !this.host.running || !this.playing) return;
    this.frame = requestAnimationFrame((t) => void this.run(t));
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private async run(frameStart: number): Promise<void> {
    this.frame = 0;
    if (!this.playing || !this.host.running) return;
    // rAF's timestamp is the frame's start; never budget from a time already past.
    const deadline = Math.max(frameStart, performance.now() - 2) + FRAME_BUDGET_MS;
    const generation = this.generation;
    this.inflight = new Promise<void>((r) => (this.release = r));
    try {
      await this.tick(deadline);
    } catch (err) {
      if (generation === this.generation) {
        this.playing = false;
        const message = err instanceof Error ? err.message : String(err);
        this.host.reportRuntimeError(`Stopped: ${message}`);
        this.host.requestUpdate();
      }
    }
    if (generation !== this.generation) return; // abandoned: a newer tick owns the loop
    this.inflight = null;
    this.release();
    this.schedule();
  }
}
