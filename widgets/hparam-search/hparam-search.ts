import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { HparamSearch, SearchStrategy, Trial, TrialResult, TrialRun } from '../../engine/index.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { EngineTask } from '../_shared/engine-task.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './hparam-search.styles.ts';

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons'] as const;
const STRATEGIES: SearchStrategy[] = ['grid', 'random'];
/** Epochs per strategy per frame: keeps each frame short. */
const EPOCHS_PER_FRAME = 8;

interface Lane {
  plan: Trial[];
  results: TrialResult[];
  run?: TrialRun;
}

/** At most this long to finish the search before a page is printed (see printReady). */
const PRINT_BUDGET_MS = 20_000;

/**
 * `<dl-hparam-search>`: grid search against random search, live, with the same budget. Each trial
 * is a short seeded training run of the playground task; it appears as a dot on the
 * (learning rate × width) plane, coloured by validation accuracy, when it finishes. A third panel
 * plots accuracy against the learning rate alone, which is why random search tends to win.
 *
 * ```html
 * <dl-hparam-search budget="9"></dl-hparam-search>
 * ```
 *
 * @summary Grid search vs random search over two hyper-parameters, run live.
 * @event dl-ready - Both search plans are laid out. detail: { backend: string; trials: number }
 * @event dl-trial-done - A trial finished. detail: TrialResult (strategy, learningRate, width, accuracy, trainLoss)
 * @event dl-search-done - Both strategies used their budget. detail: { grid: TrialResult; random: TrialResult }
 * @cssproperty [--good=var(--dl-color-positive)] - Colour of high accuracy.
 * @cssproperty [--poor=var(--dl-color-negative)] - Colour of low accuracy.
 * @cssproperty [--panel-size=290px] - Side of each panel.
 */
export class DlHparamSearch extends DlElement {
  static override styles = [widgetStyles, styles];
  static override properties: PropertyDeclarations = {
    budget: { type: Number },
    epochs: { type: Number },
    datasetName: { attribute: 'dataset' },
    seed: { type: Number },
    autoplay: { type: Boolean },
    backend: {},
    progress: { state: true },
  };

  /** Trials per strategy (the same for both), 1–36. */
  declare budget: number;
  /** Training epochs per trial (5–300). */
  declare epochs: number;
  /** Task: circle | xor | gauss | spiral | moons. */
  declare datasetName: string;
  /** Seed for data, weights and the random draws. */
  declare seed: number;
  /** Start searching as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Preferred TensorFlow.js backend (trials run on the fused JS kernel). */
  declare backend: string | null;

  private declare progress: number;
  private lanes: Record<SearchStrategy, Lane> = { grid: { plan: [], results: [] }, random: { plan: [], results: [] } };
  private readonly task = new EngineTask<HparamSearch & { dispose(): void }>(
    this,
    (eng) => {
      const search = eng.createHparamSearch(this.options());
      return { ...search, dispose: () => this.disposeRuns() };
    },
    (search) => void this.handleReady(search),
  );
  private readonly loop = new FrameLoop(this, () => this.tick());
  private problems: string[] = [];
  private announced = false;

  constructor() {
    super();
    this.budget = 9;
    this.epochs = 40;
    this.datasetName = 'xor';
    this.seed = 1;
    this.autoplay = false;
    this.backend = null;
    this.progress = 0;
  }

  /** Run (or resume) the search. */
  play(): void {
    this.loop.play();
  }
  /** Pause between epochs. */
  pause(): void {
    this.loop.pause();
  }
  /** Clear all results and plan again. */
  reset(): void {
    this.loop.pause();
    this.task.reset();
  }
  /** Advance both strategies by one slice of epochs. */
  async step(): Promise<void> {
    await this.tick();
  }

  /** Finished results per strategy (copies). */
  get results(): Record<SearchStrategy, TrialResult[]> {
    return { grid: [...this.lanes.grid.results], random: [...this.lanes.random.results] };
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): run the whole search (seeded, so always the same
   * result) without animation, stopping early after PRINT_BUDGET_MS, so a printed page shows
   * finished trials on both maps.
   */
  async printReady(): Promise<void> {
    this.pause();
    const search = await this.task.ready();
    if (!search) return;
    await this.updateComplete;
    await new Promise((r) => setTimeout(r));
    const until = performance.now() + PRINT_BUDGET_MS;
    while (this.progress < 1 && performance.now() < until) await this.tick();
    await this.updateComplete;
  }

  /** Whether the search is running. */
  get playing(): boolean {
    return this.loop.playing;
  }

  private options() {
    const c = new AttributeCheck();
    const budget = c.integer('budget', this.budget, 1, 36, 9);
    const epochs = c.integer('epochs', this.epochs, 5, 300, 40);
    const dataset = c.oneOf('dataset', this.datasetName, DATASETS, 'xor');
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    this.problems = c.problems;
    return { budget, epochs, dataset, seed };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (['budget', 'epochs', 'datasetName', 'seed'].some((k) => changed.has(k))) {
      this.options();
      this.reportConfig(this.problems);
      if (this.task.status !== 'idle') this.task.reset();
    }
  }

  private disposeRuns(): void {
    for (const s of STRATEGIES) this.lanes[s].run?.dispose();
    this.lanes = { grid: { plan: [], results: [] }, random: { plan: [], results: [] } };
    this.progress = 0;
    this.announced = false;
  }

  private async handleReady(search: HparamSearch): Promise<void> {
    for (const s of STRATEGIES) this.lanes[s] = { plan: search.plan(s), results: [] };
    await this.updateComplete;
    this.draw();
    this.emit('dl-ready', { backend: this.task.backendName, trials: this.lanes.grid.plan.length });
    if (this.autoplay) this.play();
  }

  private async tick(): Promise<void> {
    const search = this.task.value ?? (await this.task.ready());
    if (!search) return;
    for (const s of STRATEGIES) {
      const lane = this.lanes[s];
      if (!lane.run) {
        const next = lane.plan[lane.results.length];
        if (!next) continue;
        lane.run = search.start(next);
      }
      await lane.run.advance(EPOCHS_PER_FRAME);
      if (lane.run.done && lane.run.result) {
        lane.results.push(lane.run.result);
        this.emit('dl-trial-done', lane.run.result);
        lane.run = undefined;
      }
    }
    const total = this.lanes.grid.plan.length + this.lanes.random.plan.length;
    this.progress = (this.lanes.grid.results.length + this.lanes.random.results.length) / Math.max(1, total);
    this.draw();
    if (this.progress >= 1) {
      this.loop.pause();
      if (!this.announced) {
        this.announced = true;
        this.emit('dl-search-done', { grid: best(this.lanes.grid.results), random: best(this.lanes.random.results) });
      }
    }
  }

  // ── drawing ──────────────────────────────────────────────────────────────
  private draw(): void {
    const search = this.task.value;
    if (!search) return;
    const [lrLo, lrHi] = search.options.learningRate;
    const [wLo, wHi] = search.options.width;
    const lut = divergingTable(cssVar(this, '--poor', '#f59322'), cssVar(this, '--dl-color-neutral', '#e8eaeb'), cssVar(this, '--good', '#0877bd'));
    const colourOf = (acc: number) => {
      // 50 % (chance) → poor, 100 % → good.
      const k = Math.max(0, Math.min(255, Math.round(((acc - 0.5) / 0.5) * 255))) * 3;
      return `rgb(${lut[k]},${lut[k + 1]},${lut[k + 2]})`;
    };
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    const muted = cssVar(this, '--dl-color-muted', '#5b6573');
    const lrX = (lr: number, size: number) => 46 + ((Math.log(lr) - Math.log(lrLo)) / (Math.log(lrHi) - Math.log(lrLo))) * (size - 66);
    for (const s of STRATEGIES) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas.${s}`);
      if (!canvas) continue;
      const size = canvas.clientWidth || 290;
      const ctx = fitCanvas(canvas, size, size);
      if (!ctx) continue;
      ctx.clearRect(0, 0, size, size);
      this.axes(ctx, size, 'learning rate (log)', 'width', muted, [lrLo, lrHi], [wLo, wHi]);
      const y = (w: number) => size - 46 - ((w - wLo) / (wHi - wLo)) * (size - 66);
      const lane = this.lanes[s];
      const top = best(lane.results);
      lane.plan.forEach((t, i) => {
        const r = lane.results[i];
        ctx.beginPath();
        ctx.arc(lrX(t.learningRate, size), y(t.width), r ? 8 : 5, 0, 2 * Math.PI);
        if (r) {
          ctx.fillStyle = colourOf(r.accuracy);
          ctx.fill();
        }
        ctx.strokeStyle = r && r === top ? fg : muted;
        ctx.lineWidth = r && r === top ? 3 : 1;
        ctx.stroke();
      });
      if (lane.run) {
        const t = lane.run.trial;
        ctx.strokeStyle = fg;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.arc(lrX(t.learningRate, size), y(t.width), 11, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    const marginal = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.marginal');
    if (marginal) {
      const size = marginal.clientWidth || 290;
      const ctx = fitCanvas(marginal, size, size);
      if (!ctx) return;
      ctx.clearRect(0, 0, size, size);
      this.axes(ctx, size, 'learning rate (log)', 'accuracy', muted, [lrLo, lrHi], [0.5, 1]);
      const y = (a: number) => size - 46 - ((Math.max(0.4, a) - 0.5) / 0.5) * (size - 66);
      for (const s of STRATEGIES) {
        for (const r of this.lanes[s].results) {
          const x = lrX(r.learningRate, size);
          ctx.fillStyle = colourOf(r.accuracy);
          ctx.strokeStyle = fg;
          ctx.lineWidth = 1;
          ctx.beginPath();
          if (s === 'grid') ctx.rect(x - 5, y(r.accuracy) - 5, 10, 10);
          else ctx.arc(x, y(r.accuracy), 5.5, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
      }
    }
  }

  private axes(ctx: CanvasRenderingContext2D, size: number, xLabel: string, yLabel: string, colour: string, xr: [number, number], yr: [number, number]): void {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(30, 10);
    ctx.lineTo(30, size - 30);
    ctx.lineTo(size - 10, size - 30);
    ctx.stroke();
    ctx.font = '12px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(xLabel, size / 2, size - 8);
    ctx.fillText(fmtTick(xr[0]), 46, size - 18);
    ctx.fillText(fmtTick(xr[1]), size - 20, size - 18);
    ctx.save();
    ctx.translate(12, size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
    ctx.textAlign = 'right';
    ctx.fillText(fmtTick(yr[1]), 28, 24);
    ctx.fillText(fmtTick(yr[0]), 28, size - 42);
  }

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const g = best(this.lanes.grid.results);
    const r = best(this.lanes.random.results);
    const done = this.progress >= 1;
    const verdict = !done || !g || !r ? '' : r.accuracy > g.accuracy ? 'Random search found the better setting.' : g.accuracy > r.accuracy ? 'Grid search found the better setting this time.' : 'A tie: both found equally good settings.';
    const describe = (x?: TrialResult) => (x ? `${(x.accuracy * 100).toFixed(0)} % (η = ${x.learningRate.toPrecision(2)}, width ${x.width})` : '–');
    const n = this.lanes.grid.plan.length;
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>
          ${this.loop.playing ? 'Pause' : done ? 'Done' : 'Run search'}
        </button>
        <button @click=${() => this.reset()}>Reset</button>
        <span class="dl-status" aria-live="polite" title=${this.task.describeBackend()}>
          ${this.task.renderStatus() ??
          `${this.lanes.grid.results.length + this.lanes.random.results.length} of ${2 * n} trials · ${n} per strategy · ${this.epochs} epochs each · validation accuracy`}
        </span>
        <span class="scale">50 % <span class="bar"></span> 100 %</span>
      </div>
      <div class="layout">
        <figure>
          <canvas class="grid" role="img" aria-label="Grid search trials on the learning rate and width plane"></canvas>
          <figcaption><strong>Grid search</strong>best: ${describe(g)}</figcaption>
        </figure>
        <figure>
          <canvas class="random" role="img" aria-label="Random search trials on the learning rate and width plane"></canvas>
          <figcaption><strong>Random search</strong>best: ${describe(r)}</figcaption>
        </figure>
        <figure>
          <canvas class="marginal" role="img" aria-label="Validation accuracy against learning rate for every trial"></canvas>
          <figcaption><strong>Accuracy vs learning rate</strong>■ grid · ● random: which axis matters?</figcaption>
        </figure>
      </div>
      <p class="verdict" aria-live="polite">${verdict}</p>
    `;
  }
}

function best(results: TrialResult[]): TrialResult | undefined {
  return results.reduce<TrialResult | undefined>((b, r) => (!b || r.accuracy > b.accuracy ? r : b), undefined);
}

function fmtTick(v: number): string {
  return v < 0.01 ? v.toExponential(0) : v < 1 ? String(Number(v.toPrecision(2))) : String(Math.round(v * 100) / 100);
}

defineElement('dl-hparam-search', DlHparamSearch);

declare global {
  interface HTMLElementTagNameMap {
    'dl-hparam-search': DlHparamSearch;
  }
}
