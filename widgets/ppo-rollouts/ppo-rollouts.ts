import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { CartPole, JsEngineModule, PpoTrainer, RolloutStats, UpdateStats } from './ppo-rollouts.types.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './ppo-rollouts.styles.ts';
import { drawAdvantages, drawCartPole, drawClipObjective, type PpoColors } from './ppo-rollouts.view.ts';

const PANELS = ['cart', 'controls', 'charts', 'objective', 'advantages'] as const;
type Panel = (typeof PANELS)[number];
const CLIPS = [0.05, 0.1, 0.2, 0.3, 0.5];
const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01];
const GAMMAS = [0.9, 0.95, 0.98, 0.99, 0.999];
const LAMBDAS = [0, 0.5, 0.8, 0.9, 0.95, 1];
const EPOCHS = [1, 2, 4, 8, 10, 20];
const MINIBATCHES = [64, 128, 256, 512, 1024];
const ROLLOUTS = [32, 64, 128, 256, 512];
const NUM_ENVS = 8;
/** Budget per animation frame for update minibatches, so the page stays smooth. */
const UPDATE_BUDGET_MS = 12;
/** CartPole runs at 50 steps per second (τ = 0.02 s). */
const REAL_STEP_MS = 20;
/** Rollout replay speed, env steps per frame. */
const REPLAY_STEPS = 3;
const MOVING_AVERAGE = 20;

/** The learner plus what the widget animates. */
interface PpoSession {
  eng: JsEngineModule;
  trainer: PpoTrainer;
  watchEnv: CartPole;
}

/**
 * `<dl-ppo-rollouts>`: Proximal Policy Optimization learning CartPole live. Collect a rollout,
 * run an update, or let it train on its own while the cart replays the rollouts; "watch" plays
 * episodes of the current policy at real speed. Charts follow the return, the losses, the entropy,
 * the approximate KL and the clip fraction; teaching views show the clipped objective with the last
 * minibatch's ratios on it, and one rollout's GAE advantages over time.
 *
 * ```html
 * <dl-ppo-rollouts panels="cart,controls,charts" clip="0.2" learning-rate="0.001"></dl-ppo-rollouts>
 * <dl-ppo-rollouts pretrained watch panels="cart"></dl-ppo-rollouts>
 * ```
 *
 * @summary PPO on CartPole, live: rollouts, updates, charts and the clipped objective.
 * @event dl-ready - The learner is built. detail: { params: number; pretrained: boolean }
 * @event dl-rollout - A rollout was collected. detail: { envSteps: number; episodes: number; meanReturn: number }
 * @event dl-update - A PPO update finished. detail: { updates: number; policyLoss: number; valueLoss: number; entropy: number; approxKl: number; clipFraction: number }
 * @event dl-episode - A watched episode ended. detail: { return: number }
 * @csspart cart - The CartPole picture.
 * @csspart toolbar - Buttons and status.
 * @cssproperty [--cart-width=420px] - Width of the CartPole picture (and the left column).
 */
export class DlPpoRollouts extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    clip: { type: Number },
    learningRate: { type: Number, attribute: 'learning-rate' },
    gamma: { type: Number },
    lambda: { type: Number },
    epochs: { type: Number },
    minibatchSize: { type: Number, attribute: 'minibatch-size' },
    rolloutLength: { type: Number, attribute: 'rollout-length' },
    entropyCoef: { type: Number, attribute: 'entropy-coef' },
    seed: { type: Number },
    pretrained: { type: Boolean },
    watch: { type: Boolean },
    autoplay: { type: Boolean },
    panels: {},
    tick: { state: true },
  };

  /** Clip range ε of the surrogate objective (0.01–1). */
  declare clip: number;
  /** Adam learning rate (1e-6 to 0.1). */
  declare learningRate: number;
  /** Discount γ (0–1). */
  declare gamma: number;
  /** GAE λ (0–1): 0 is the one-step TD error, 1 the Monte-Carlo return. */
  declare lambda: number;
  /** Passes over each rollout per update (1–50). */
  declare epochs: number;
  /** Samples per minibatch (8–4096). */
  declare minibatchSize: number;
  /** Steps per environment per rollout (8–1024); 8 environments run in parallel. */
  declare rolloutLength: number;
  /** Entropy bonus weight c_e (0–1). */
  declare entropyCoef: number;
  /** Seed of the weights, environments and sampling. */
  declare seed: number;
  /** Start from the policy shipped with the project (trained by `npm run train:ppo`). */
  declare pretrained: boolean;
  /** Start in watch mode: episodes of the current policy at real speed. */
  declare watch: boolean;
  /** Start training as soon as the widget is shown. */
  declare autoplay: boolean;
  /** What to show, comma-separated from cart, controls, charts, objective, advantages. */
  declare panels: string;
  private declare tick: number;

  private readonly task = jsEngineTask<PpoSession>(
    this,
    (eng) => this.build(eng),
    () => this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.frame());
  private parsed?: ReturnType<DlPpoRollouts['parseAttributes']>;
  private auto = false;
  private watching = false;
  private updater?: Generator<unknown, UpdateStats>;
  private lastRollout?: RolloutStats;
  private lastUpdate?: UpdateStats;
  private replayStep = 0;
  private watchObs: Float32Array = new Float32Array(4);
  private watchSteps = 0;
  private watchFailed = false;
  private lastWatchTime = 0;
  private watchReturns: number[] = [];
  private episodeCount = 0;
  private recentReturns: number[] = [];
  private charts: LineChart[] = [];

  constructor() {
    super();
    this.clip = 0.2;
    this.learningRate = 0.001;
    this.gamma = 0.99;
    this.lambda = 0.95;
    this.epochs = 4;
    this.minibatchSize = 256;
    this.rolloutLength = 128;
    this.entropyCoef = 0;
    this.seed = 1;
    this.pretrained = false;
    this.watch = false;
    this.autoplay = false;
    this.panels = 'cart,controls,charts';
    this.tick = 0;
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Train continuously (collect, update, repeat). */
  play(): void {
    this.auto = true;
    this.loop.play();
  }

  /** Stop training (watch mode keeps playing episodes if it is on). */
  pause(): void {
    this.auto = false;
    if (!this.watching) this.loop.pause();
    this.tick++;
  }

  /** New learner from the seed (or the pretrained policy); clears the charts. */
  reset(): void {
    this.auto = false;
    if (!this.watching) this.loop.pause();
    this.task.reset();
  }

  /** One PPO iteration: collect a rollout and update on it. */
  async step(): Promise<UpdateStats | undefined> {
    const s = await this.task.ready();
    if (!s) return undefined;
    if (!s.trainer.hasRollout) this.afterRollout(s.trainer.collect());
    return this.runUpdate();
  }

  /** Collect one rollout with the current policy. */
  async collect(): Promise<RolloutStats | undefined> {
    const s = await this.task.ready();
    if (!s) return undefined;
    this.updater = undefined;
    const r = s.trainer.collect();
    this.afterRollout(r);
    this.drawAll();
    return r;
  }

  /** Run the PPO update on the pending rollout (collecting one first if needed). */
  async updatePolicy(): Promise<UpdateStats | undefined> {
    const s = await this.task.ready();
    if (!s) return undefined;
    if (!s.trainer.hasRollout) this.afterRollout(s.trainer.collect());
    return this.runUpdate();
  }

  /** Turn watch mode on or off. */
  setWatching(on: boolean): void {
    this.watching = on;
    if (on) {
      this.restartWatch();
      this.loop.play();
    } else if (!this.auto) {
      this.loop.pause();
    }
    this.tick++;
  }

  /** Whether the learner is training continuously. */
  get training(): boolean {
    return this.auto;
  }

  /** Returns of the episodes watched so far. */
  get watchedReturns(): number[] {
    return [...this.watchReturns];
  }

  /** Steps survived by the current watched episode. */
  get watchedSteps(): number {
    return this.watchSteps;
  }

  /** The learner, once ready (for tests and pages that script it). */
  get learner(): PpoTrainer | undefined {
    return this.task.value?.trainer;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const rebuild = ['rolloutLength', 'seed', 'pretrained'];
    const live = ['clip', 'learningRate', 'gamma', 'lambda', 'epochs', 'minibatchSize', 'entropyCoef', 'panels'];
    if (!this.parsed || rebuild.some((k) => changed.has(k)) || live.some((k) => changed.has(k))) {
      const first = !this.parsed;
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (this.parsed.problems.length > 0 || first || rebuild.some((k) => changed.has(k))) {
        if (this.task.status !== 'idle') this.task.reset();
      } else if (this.task.value) {
        const p = this.parsed.options;
        this.task.value.trainer.configure({ clip: p.clip, learningRate: p.learningRate, gamma: p.gamma, lambda: p.lambda, epochs: p.epochs, minibatchSize: p.minibatchSize, entropyCoef: p.entropyCoef });
      }
    }
    if (changed.has('watch') && this.watch !== this.watching) {
      this.watching = this.watch;
      if (this.watching) this.loop.play();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('panels')) this.destroyCharts();
    this.ensureCharts();
    this.drawAll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private parseAttributes() {
    const c = new AttributeCheck();
    const options = {
      clip: c.number('clip', this.clip, 0.01, 1, 0.2),
      learningRate: c.number('learning-rate', this.learningRate, 1e-6, 0.1, 0.001),
      gamma: c.number('gamma', this.gamma, 0, 1, 0.99),
      lambda: c.number('lambda', this.lambda, 0, 1, 0.95),
      epochs: c.integer('epochs', this.epochs, 1, 50, 4),
      minibatchSize: c.integer('minibatch-size', this.minibatchSize, 8, 4096, 256),
      rolloutLength: c.integer('rollout-length', this.rolloutLength, 8, 1024, 128),
      entropyCoef: c.number('entropy-coef', this.entropyCoef, 0, 1, 0),
      seed: c.integer('seed', this.seed, 0, 2 ** 31, 1),
    };
    const panels: Panel[] = this.panels === 'all' ? [...PANELS] : c.listOf('panels', this.panels, PANELS, ['cart', 'controls', 'charts']);
    return { problems: c.problems, options, panels };
  }

  private build(eng: JsEngineModule): PpoSession {
    const p = this.parsed;
    if (!p || p.problems.length > 0) throw new Error('Fix the attributes listed above first.');
    const trainer = eng.createPpoTrainer({ ...p.options, numEnvs: NUM_ENVS, pretrained: this.pretrained });
    return { eng, trainer, watchEnv: eng.createCartPole(p.options.seed + 1000) };
  }

  private handleReady(): void {
    const s = this.task.value!;
    this.updater = undefined;
    this.lastRollout = undefined;
    this.lastUpdate = undefined;
    this.episodeCount = 0;
    this.recentReturns = [];
    this.watchReturns = [];
    for (const chart of this.charts) chart.clear();
    this.restartWatch();
    this.emit('dl-ready', { params: s.trainer.net.paramCount, pretrained: this.pretrained });
    this.tick++;
    if (this.watching) this.loop.play();
    if (this.autoplay && !this.auto) this.play();
    else this.drawAll();
  }

  private restartWatch(): void {
    const s = this.task.value;
    if (!s) return;
    this.watchObs = s.watchEnv.reset();
    this.watchSteps = 0;
    this.watchFailed = false;
    this.lastWatchTime = performance.now();
  }

  private frame(): void {
    const s = this.task.value;
    if (!s) return;
    if (this.auto) {
      if (!this.updater) {
        this.afterRollout(s.trainer.collect());
        this.updater = s.trainer.updateSteps();
      } else {
        const start = performance.now();
        while (performance.now() - start < UPDATE_BUDGET_MS) {
          const r = this.updater.next();
          if (r.done) {
            this.updater = undefined;
            this.afterUpdate(r.value);
            break;
          }
        }
      }
    }
    if (this.watching) this.advanceWatch(s);
    else if (this.lastRollout) this.replayStep += REPLAY_STEPS;
    this.drawCart();
  }

  private advanceWatch(s: PpoSession): void {
    const now = performance.now();
    // A fallen pole stays down for half a second before the next episode.
    if (this.watchFailed) {
      if (now - this.lastWatchTime > 500) this.restartWatch();
      return;
    }
    let due = Math.min(5, Math.floor((now - this.lastWatchTime) / REAL_STEP_MS));
    while (due-- > 0) {
      this.lastWatchTime += REAL_STEP_MS;
      const r = s.watchEnv.step(s.trainer.act(this.watchObs));
      this.watchObs = r.observation;
      this.watchSteps++;
      if (r.done || r.truncated) {
        this.watchReturns.push(this.watchSteps);
        this.emit('dl-episode', { return: this.watchSteps });
        this.watchFailed = r.done;
        this.lastWatchTime = now;
        if (!r.done) this.restartWatch();
        this.tick++;
        return;
      }
    }
  }

  private runUpdate(): UpdateStats | undefined {
    const s = this.task.value;
    if (!s) return undefined;
    this.updater = undefined;
    const stats = s.trainer.update();
    this.afterUpdate(stats);
    return stats;
  }

  private afterRollout(r: RolloutStats): void {
    this.lastRollout = r;
    this.replayStep = 0;
    for (const ret of r.episodeReturns) {
      this.episodeCount++;
      this.recentReturns.push(ret);
      if (this.recentReturns.length > MOVING_AVERAGE) this.recentReturns.shift();
      const avg = this.recentReturns.reduce((a, b) => a + b, 0) / this.recentReturns.length;
      this.charts[0]?.push(this.episodeCount, [ret, avg]);
    }
    this.charts[0]?.draw();
    const mean = r.episodeReturns.length ? r.episodeReturns.reduce((a, b) => a + b, 0) / r.episodeReturns.length : NaN;
    this.emit('dl-rollout', { envSteps: r.envSteps, episodes: r.episodeReturns.length, meanReturn: mean });
    this.drawAdvantagesView();
    this.tick++;
  }

  private afterUpdate(u: UpdateStats): void {
    this.lastUpdate = u;
    const series = [u.policyLoss, u.valueLoss, u.entropy, u.approxKl, u.clipFraction];
    series.forEach((v, i) => {
      this.charts[i + 1]?.push(u.updates, [v]);
      this.charts[i + 1]?.draw();
    });
    this.emit('dl-update', { updates: u.updates, policyLoss: u.policyLoss, valueLoss: u.valueLoss, entropy: u.entropy, approxKl: u.approxKl, clipFraction: u.clipFraction });
    this.drawObjectiveView();
    this.tick++;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colors(): PpoColors {
    return {
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      accent: cssVar(this, '--dl-color-accent', '#0877bd'),
      accent2: cssVar(this, '--dl-color-accent-2', '#d0453b'),
      surface: cssVar(this, '--dl-color-surface', '#f2f3f0'),
    };
  }

  private canvas(name: string): { ctx: CanvasRenderingContext2D; w: number; h: number } | null {
    const canvas = this.renderRoot?.querySelector<HTMLCanvasElement>(`canvas.${name}`);
    if (!canvas) return null;
    const w = canvas.clientWidth || 400;
    const h = canvas.clientHeight || 180;
    const ctx = fitCanvas(canvas, w, h);
    return ctx ? { ctx, w, h } : null;
  }

  private drawAll(): void {
    this.drawCart();
    this.drawObjectiveView();
    this.drawAdvantagesView();
  }

  private drawCart(): void {
    const c = this.canvas('cart');
    const s = this.task.value;
    if (!c) return;
    if (!s) {
      drawCartPole(c.ctx, c.w, c.h, 0, 0, this.colors(), 'Starts when shown', false);
      return;
    }
    if (this.watching) {
      const caption = `watching the current policy at real speed · step ${this.watchSteps}${this.watchReturns.length ? ` · last episode ${this.watchReturns[this.watchReturns.length - 1]}` : ''}`;
      drawCartPole(c.ctx, c.w, c.h, this.watchObs[0], this.watchObs[2], this.colors(), caption, this.watchFailed);
      return;
    }
    const r = this.lastRollout;
    if (!r) {
      drawCartPole(c.ctx, c.w, c.h, 0, 0, this.colors(), 'Collect a rollout, or press Auto / Watch', false);
      return;
    }
    const T = r.trace.rewards.length;
    const t = Math.min(T - 1, this.replayStep);
    const failed = r.trace.dones[t] === 1 && Math.abs(r.trace.obs[t * 4 + 2]) > 0.15;
    drawCartPole(c.ctx, c.w, c.h, r.trace.obs[t * 4], r.trace.obs[t * 4 + 2], this.colors(), `rollout replay (env 1 of ${NUM_ENVS}) · step ${t + 1} of ${T}`, failed);
  }

  private drawObjectiveView(): void {
    const c = this.canvas('objective');
    if (!c) return;
    const u = this.lastUpdate;
    drawClipObjective(c.ctx, c.w, c.h, this.parsed?.options.clip ?? 0.2, u?.lastRatios ?? [], u?.lastAdvantages ?? [], this.colors());
  }

  private drawAdvantagesView(): void {
    const c = this.canvas('advantages');
    if (!c) return;
    const r = this.lastRollout;
    drawAdvantages(c.ctx, c.w, c.h, r?.trace.advantages ?? [], r?.trace.dones ?? [], this.colors());
  }

  private ensureCharts(): void {
    if (this.charts.length > 0) return;
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('.charts canvas');
    if (canvases.length === 0) return;
    const col = this.colors();
    const defs: [string, string, string?][] = [
      ['episode return', col.muted, `mean of ${MOVING_AVERAGE}`],
      ['policy loss', col.accent],
      ['value loss', col.accent],
      ['entropy', col.accent],
      ['approx. KL', col.accent2],
      ['clip fraction', col.accent2],
    ];
    this.charts = defs.map(([label, color, second], i) =>
      new LineChart(canvases[i], second ? [{ label, color }, { label: second, color: col.accent }] : [{ label, color }], { color: col.muted }),
    );
  }

  private destroyCharts(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handleAuto(): void {
    if (this.auto) this.pause();
    else this.play();
  }

  private setOption(key: 'clip' | 'learningRate' | 'gamma' | 'lambda' | 'epochs' | 'minibatchSize' | 'rolloutLength', value: number): void {
    this[key] = value;
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const show = (x: Panel) => p.panels.includes(x);
    const left = show('cart') || show('controls');
    const right = show('charts') || show('objective') || show('advantages');
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${this.handleAuto} aria-pressed=${this.auto} title="Collect and update, again and again">${this.auto ? 'Pause' : 'Auto'}</button>
        <button @click=${() => void this.collect()} ?disabled=${this.auto} title="Run the current policy for a rollout of ${NUM_ENVS} × ${p.options.rolloutLength} steps">Collect rollout</button>
        <button @click=${() => void this.updatePolicy()} ?disabled=${this.auto} title="PPO update on the collected rollout">Update</button>
        <button @click=${() => this.setWatching(!this.watching)} aria-pressed=${this.watching} title="Play episodes of the current policy at real speed">${this.watching ? 'Stop watching' : 'Watch'}</button>
        <button @click=${() => this.reset()} title="New network from the seed (or the pretrained policy)">Reset</button>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      <div class="layout ${left && right ? '' : 'single'}">
        ${left
          ? html`<div class="left">
              ${show('cart') ? html`<canvas class="cart" part="cart" role="img" aria-label="CartPole: the cart on its track and the pole, animated from the policy"></canvas>` : null}
              ${show('controls') ? this.renderControls() : null}
            </div>`
          : null}
        ${right
          ? html`<div class="right">
              ${show('charts')
                ? html`<div class="charts">${Array.from({ length: 6 }, () => html`<div class="chart"><canvas></canvas></div>`)}</div>`
                : null}
              ${show('objective') ? html`<canvas class="objective" role="img" aria-label="The clipped objective against the probability ratio, for positive and negative advantage, with the last minibatch's ratios"></canvas>` : null}
              ${show('advantages') ? html`<canvas class="advantages" role="img" aria-label="Advantages of one rollout over time"></canvas>` : null}
              ${this.renderNumbers()}
            </div>`
          : null}
      </div>
    `;
  }

  private renderControls() {
    const o = this.parsed!.options;
    const pick = (label: string, key: Parameters<DlPpoRollouts['setOption']>[0], value: number, list: number[], title: string) => html`<label title=${title}
      >${label}
      <select @change=${(e: Event) => this.setOption(key, Number((e.target as HTMLSelectElement).value))}>
        ${[...new Set([...list, value])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === value}>${v}</option>`)}
      </select></label
    >`;
    return html`<div class="settings">
      ${pick('clip ε', 'clip', o.clip, CLIPS, 'Clip range of the probability ratio')}
      ${pick('learning rate', 'learningRate', o.learningRate, LEARNING_RATES, 'Adam step size')}
      ${pick('γ', 'gamma', o.gamma, GAMMAS, 'Discount factor')}
      ${pick('λ', 'lambda', o.lambda, LAMBDAS, 'GAE λ: 0 = one-step TD, 1 = Monte Carlo')}
      ${pick('epochs', 'epochs', o.epochs, EPOCHS, 'Passes over each rollout')}
      ${pick('minibatch', 'minibatchSize', o.minibatchSize, MINIBATCHES, 'Samples per gradient step')}
      ${pick('rollout', 'rolloutLength', o.rolloutLength, ROLLOUTS, `Steps per environment per rollout (× ${NUM_ENVS} environments); changing it restarts`)}
      <label title="Seed of weights, environments and sampling; changing it restarts">seed
        <input type="number" min="0" step="1" .value=${String(o.seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)))} /></label>
      <label title="Start from the policy trained by npm run train:ppo"><input type="checkbox" .checked=${this.pretrained}
        @change=${(e: Event) => (this.pretrained = (e.target as HTMLInputElement).checked)} />pretrained start</label>
    </div>`;
  }

  private renderNumbers() {
    const u = this.lastUpdate;
    if (!u) return html`<div class="numbers">No update yet.</div>`;
    return html`<div class="numbers">
      update ${u.updates}: policy loss ${u.policyLoss.toFixed(4)} · value loss ${u.valueLoss.toFixed(2)} · entropy ${u.entropy.toFixed(3)} ·
      approx. KL ${u.approxKl.toFixed(4)} · clip fraction ${(u.clipFraction * 100).toFixed(1)} %
    </div>`;
  }

  private statusText(): string {
    const s = this.task.value;
    if (this.task.status !== 'ready' || !s) {
      return this.task.status === 'loading' ? 'Loading the engine…' : this.task.status === 'error' ? `Could not start: ${this.task.error}` : this.running ? 'Starting…' : 'Starts when shown';
    }
    const t = s.trainer;
    const state = this.auto ? (this.running ? 'training' : 'paused (off screen)') : t.hasRollout ? 'rollout ready for an update' : 'paused';
    const avg = this.recentReturns.length ? ` · mean return ${(this.recentReturns.reduce((a, b) => a + b, 0) / this.recentReturns.length).toFixed(0)}` : '';
    return `fused JS actor-critic · ${t.net.paramCount.toLocaleString('en')} weights${this.pretrained ? ' (pretrained start)' : ''} · ${t.envSteps.toLocaleString('en')} env steps · ${t.updates} updates${avg} · ${state}`;
  }
}

defineElement('dl-ppo-rollouts', DlPpoRollouts);

declare global {
  interface HTMLElementTagNameMap {
    'dl-ppo-rollouts': DlPpoRollouts;
  }
}
