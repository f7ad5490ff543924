import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { HparamSearch, SearchStrategy, Trial, TrialResult, TrialRun } from '../../engine/index.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { engineTask, type EngineTask } from '../_shared/engine-task.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { choice, flag, int } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './hparam-search.styles.ts';

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons'] as const;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const STRATEGIES: SearchStrategy[] = ['grid', 'random'];
/** Epochs per strategy per frame at most (a frame also stops at its deadline). */
const EPOCHS_PER_FRAME = 8;

interface Lane {
  plan: Trial[];
  results: TrialResult[];
  run?: TrialRun;
}

/** The search as the task holds it: disposing it frees the trial in progress. */
type Search = HparamSearch & { dispose(): void };

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
export class DlHparamSearch extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Trials per strategy (the same for both), 1–36. */
  @int(1, 36) budget = 9;
  /** Training epochs per trial (5–300). */
  @int(5, 300) epochs = 40;
  /** Task: circle | xor | gauss | spiral | moons. */
  @choice(DATASETS, { attribute: 'dataset' }) datasetName: (typeof DATASETS)[number] = 'xor';
  /** Seed for data, weights and the random draws. */
  @int(0, 2 ** 31) seed = 1;
  /** Start searching as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Preferred TensorFlow.js backend (webgpu | webgl | wasm | cpu; trials run on the fused JS kernel); `?backend=` on the page wins. */
  @choice(BACKENDS, { optional: true }) backend: string | null = null;

  /** Share of all trials finished, 0–1. */
  @state() private progress = 0;
  private lanes: Record<SearchStrategy, Lane> = { grid: { plan: [], results: [] }, random: { plan: [], results: [] } };
  private announced = false;
  private readonly task: EngineTask<Search> = engineTask(this, {
    args: () => [this.budget, this.epochs, this.datasetName, this.seed, this.backend],
    build: (eng) => {
      const search = eng.createHparamSearch({ budget: this.budget, epochs: this.epochs, dataset: this.datasetName, seed: this.seed });
      return { ...search, dispose: () => this.disposeRuns() };
    },
    ready: (search) => this.handleReady(search),
  });
  protected readonly training: Training<Search> = new Training(this, {
    task: this.task,
    frame: (search, deadline) => this.advance(search, deadline),
    step: (search) => this.advance(search, Infinity),
    // Both budgets used: Play then runs the (seeded, so the same) search again.
    finished: () => this.progress >= 1,
    describe: () => this.describeRun(),
    autoplay: () => this.autoplay,
  });

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
    await nextTask();
    const until = performance.now() + PRINT_BUDGET_MS;
    while (this.progress < 1 && performance.now() < until) {
      if ((await this.task.use((s) => this.advance(s, Infinity))) === undefined) break;
    }
    await this.updateComplete;
  }

  private disposeRuns(): void {
    for (const s of STRATEGIES) this.lanes[s].run?.dispose();
    this.lanes = { grid: { plan: [], results: [] }, random: { plan: [], results: [] } };
    this.progress = 0;
    this.announced = false;
  }

  private async handleReady(search: HparamSearch): Promise<void> {
    for (const s of STRATEGIES) this.lanes[s] = { plan: search.plan(s), results: [] };
    this.requestUpdate();
    await this.updateComplete;
    this.draw(search);
    this.emit('dl-ready', { backend: this.task.backendName, trials: this.lanes.grid.plan.length });
  }

  /**
   * Both strategies in turn, one epoch each, until EPOCHS_PER_FRAME rounds or the deadline (at
   * least one round), so neither gets ahead of the other by more than an epoch.
   */
  private async advance(search: HparamSearch, deadline: number): Promise<boolean> {
    for (let round = 0; round < EPOCHS_PER_FRAME && (round === 0 || performance.now() < deadline); round++) {
      for (const s of STRATEGIES) {
        const lane = this.lanes[s];
        if (!lane.run) {
          const next = lane.plan[lane.results.length];
          if (!next) continue;
          lane.run = search.start(next);
        }
        await lane.run.advance(1);
        if (lane.run.done && lane.run.result) {
          lane.results.push(lane.run.result);
          this.emit('dl-trial-done', lane.run.result);
          lane.run = undefined;
        }
      }
    }
    const total = this.lanes.grid.plan.length + this.lanes.random.plan.length;
    this.progress = (this.lanes.grid.results.length + this.lanes.random.results.length) / Math.max(1, total);
    this.draw(search);
    if (this.progress >= 1 && !this.announced) {
      this.announced = true;
      this.pause(); // before the event, so its listeners already see a paused widget
      this.emit('dl-search-done', { grid: best(this.lanes.grid.results), random: best(this.lanes.random.results) });
    }
    return true;
  }

  private describeRun(): string {
    const n = this.lanes.grid.plan.length;
    return `${this.lanes.grid.results.length + this.lanes.random.results.length} of ${2 * n} trials · ${n} per strategy · ${this.epochs} epochs each · validation accuracy`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────
  private draw(search: HparamSearch): void {
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

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const g = best(this.lanes.grid.results);
    const r = best(this.lanes.random.results);
    const done = this.progress >= 1;
    const verdict = !done || !g || !r ? '' : r.accuracy > g.accuracy ? 'Random search found the better setting.' : g.accuracy > r.accuracy ? 'Grid search found the better setting this time.' : 'A tie: both found equally good settings.';
    const describe = (x?: TrialResult) => (x ? `${(x.accuracy * 100).toFixed(0)} % (η = ${x.learningRate.toPrecision(2)}, width ${x.width})` : '–');
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(html`<span class="scale">50 % <span class="bar"></span> 100 %</span>`, { play: done ? 'Run again' : 'Run search' })}
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
