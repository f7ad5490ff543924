import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { PpoTrainer, RolloutStats, UpdateStats } from '../../engine/js.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { flag, int, list, num } from '../_shared/props.ts';
import { meanOfLast, presetSelect } from '../_shared/rl-ui.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { NUM_ENVS, PpoSession, type TrainingEvents } from './ppo-rollouts.session.ts';
import { styles } from './ppo-rollouts.styles.ts';
import { drawAdvantages, drawCartFrom, drawClipObjective, type PpoColors } from './ppo-rollouts.view.ts';

const PANELS = ['cart', 'controls', 'charts', 'objective', 'advantages'] as const;
type Panel = (typeof PANELS)[number];
const MOVING_AVERAGE = 20;
/** The six training curves: label, colour token, second series (the return's moving mean). */
const CHARTS: [string, keyof PpoColors, string?][] = [
  ['episode return', 'muted', `mean of ${MOVING_AVERAGE}`],
  ['policy loss', 'accent'],
  ['value loss', 'accent'],
  ['entropy', 'accent'],
  ['approx. KL', 'accent2'],
  ['clip fraction', 'accent2'],
];
/** The settings row: field, label, presets, tooltip. */
/** Thousands separators without building a formatter per call (toLocaleString does). */
const EN = new Intl.NumberFormat('en');

/** Whether two lists of drawing inputs differ anywhere (compared by identity). */
function changedKey(a: unknown[], b: unknown[]): boolean {
  return a.length !== b.length || a.some((v, i) => v !== b[i]);
}

const SETTINGS: ['clip' | 'learningRate' | 'gamma' | 'lambda' | 'epochs' | 'minibatchSize' | 'rolloutLength', string, number[], string][] = [
  ['clip', 'clip ε', [0.05, 0.1, 0.2, 0.3, 0.5], 'Clip range of the probability ratio'],
  ['learningRate', 'learning rate', [0.0001, 0.0003, 0.001, 0.003, 0.01], 'Adam step size'],
  ['gamma', 'γ', [0.9, 0.95, 0.98, 0.99, 0.999], 'Discount factor'],
  ['lambda', 'λ', [0, 0.5, 0.8, 0.9, 0.95, 1], 'GAE λ: 0 = one-step TD, 1 = Monte Carlo'],
  ['epochs', 'epochs', [1, 2, 4, 8, 10, 20], 'Passes over each rollout'],
  ['minibatchSize', 'minibatch', [64, 128, 256, 512, 1024], 'Samples per gradient step'],
  ['rolloutLength', 'rollout', [32, 64, 128, 256, 512], `Steps per environment per rollout (× ${NUM_ENVS} environments); changing it restarts`],
];

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
export class DlPpoRollouts extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['collect', 'updatePolicy', 'setWatching'];

  /** Clip range ε of the surrogate objective (0.01–1). */
  @num({ min: 0.01, max: 1 }) clip = 0.2;
  /** Adam learning rate (1e-6 to 0.1). */
  @num({ min: 1e-6, max: 0.1 }) learningRate = 0.001;
  /** Discount γ (0–1). */
  @num({ min: 0, max: 1 }) gamma = 0.99;
  /** GAE λ (0–1): 0 is the one-step TD error, 1 the Monte-Carlo return. */
  @num({ min: 0, max: 1 }) lambda = 0.95;
  /** Passes over each rollout per update (1–50). */
  @int(1, 50) epochs = 4;
  /** Samples per minibatch (8–4096). */
  @int(8, 4096) minibatchSize = 256;
  /** Steps per environment per rollout (8–1024); 8 environments run in parallel. */
  @int(8, 1024) rolloutLength = 128;
  /** Entropy bonus weight c_e (0–1). */
  @num({ min: 0, max: 1 }) entropyCoef = 0;
  /** Seed of the weights, environments and sampling. */
  @int(0, 2 ** 31) seed = 1;
  /** Start from the policy shipped with the project (trained by `npm run train:ppo`). */
  @flag() pretrained = false;
  /** Start in watch mode: episodes of the current policy at real speed. */
  @flag() watch = false;
  /** Start training as soon as the widget is shown. */
  @flag() autoplay = false;
  /** What to show, comma-separated from cart, controls, charts, objective, advantages; or all. */
  @list([...PANELS, 'all']) panels = 'cart,controls,charts';

  @state() private watching = false;

  private readonly task: EngineTask<PpoSession, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.rolloutLength, this.seed, this.pretrained],
    build: (eng) => new PpoSession(eng, { ...this.learning(), rolloutLength: this.rolloutLength, seed: this.seed, pretrained: this.pretrained }),
    ready: (s) => {
      for (const chart of this.charts) chart.clear();
      this.emit('dl-ready', { params: s.trainer.net.paramCount, pretrained: this.pretrained });
    },
  });
  private readonly charts = CHARTS.map(
    ([label, color, second], i) =>
      new ChartController(this, {
        canvas: () => this.renderRoot.querySelectorAll<HTMLCanvasElement>('.charts canvas')[i],
        series: () => {
          const c = this.colors();
          return second ? [{ label, color: c[color] }, { label: second, color: c.accent }] : [{ label, color: c[color] }];
        },
        color: () => this.colors().muted,
      }),
  );
  /** Charts with points not drawn yet. */
  private readonly chartsToDraw = new Set<number>();
  /** What the objective and advantage pictures last showed: they are drawn again only when it changes. */
  private drawnObjective: unknown[] = [];
  private drawnAdvantages: unknown[] = [];
  /** What each rollout and update does to the charts and events. */
  private readonly report: TrainingEvents = { rollout: (r) => this.afterRollout(r), update: (u) => this.afterUpdate(u) };
  protected readonly training: Training<PpoSession> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => {
      s.trainUntil(deadline, this.report);
      s.advanceReplay(performance.now());
      // Only the charts that got points: most frames collect a few time steps and add none.
      for (const i of this.chartsToDraw) this.charts[i].draw();
      this.chartsToDraw.clear();
    },
    step: (s) => this.iterate(s),
    describe: (s) => this.describe(s),
    autoplay: () => this.autoplay,
  });
  /** Watch mode: the current policy at real speed, also while training is paused. */
  private readonly watchLoop = new FrameLoop(this, () =>
    this.task.use((s) => {
      const ended = s.advanceWatch(performance.now());
      if (ended !== undefined) this.emit('dl-episode', { return: ended });
      this.drawCart();
    }),
  );

  /** Collect one rollout with the current policy. */
  async collect(): Promise<RolloutStats | undefined> {
    const r = await this.task.use((s) => {
      const rollout = s.collect();
      this.afterRollout(rollout);
      return rollout;
    });
    this.charts[0].draw();
    this.requestUpdate();
    return r;
  }

  /** Run the PPO update on the pending rollout (collecting one first if needed). */
  async updatePolicy(): Promise<UpdateStats | undefined> {
    const u = await this.task.use((s) => this.iterate(s));
    this.requestUpdate();
    return u;
  }

  /** Turn watch mode on or off. */
  setWatching(on: boolean): void {
    this.watching = on;
    if (!on) return this.watchLoop.pause();
    const s = this.task.value;
    if (s) s.restartWatch(performance.now());
    this.watchLoop.play();
  }

  protected override remoteExtras(): Record<string, boolean> {
    return { watching: this.watching };
  }

  /** Returns of the episodes watched so far. */
  get watchedReturns(): number[] {
    return [...(this.task.value?.watchReturns ?? [])];
  }

  /** Steps survived by the current watched episode. */
  get watchedSteps(): number {
    return this.task.value?.watchSteps ?? 0;
  }

  /** The learner, once ready (for tests and pages that script it). */
  get learner(): PpoTrainer | undefined {
    return this.task.value?.trainer;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const live = ['clip', 'learningRate', 'gamma', 'lambda', 'epochs', 'minibatchSize', 'entropyCoef'].some((k) => changed.has(k));
    if (live && !this.hasConfigErrors) this.task.value?.trainer.configure(this.learning());
    if (changed.has('watch') && this.watch !== this.watching) this.setWatching(this.watch);
    // Other panels may replace the charts' canvases: the charts start again after this render (as they always did).
    if (changed.has('panels') && this.hasUpdated) for (const chart of this.charts) chart.hostDisconnected();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.drawCart();
    const s = this.task.value;
    const c = this.colors();
    const colours = Object.values(c).join();
    const objective = this.canvas('objective');
    const objectiveKey = [objective?.ctx.canvas, objective?.ctx.canvas.width, objective?.w, objective?.h, this.clip, s?.lastUpdate, colours];
    if (objective && changedKey(this.drawnObjective, objectiveKey)) {
      drawClipObjective(objective.ctx, objective.w, objective.h, this.clip, s?.lastUpdate?.lastRatios ?? [], s?.lastUpdate?.lastAdvantages ?? [], c);
      this.drawnObjective = objectiveKey;
    }
    const advantages = this.canvas('advantages');
    const trace = s?.lastRollout?.trace;
    const advantagesKey = [advantages?.ctx.canvas, advantages?.ctx.canvas.width, advantages?.w, advantages?.h, trace, colours];
    if (advantages && changedKey(this.drawnAdvantages, advantagesKey)) {
      drawAdvantages(advantages.ctx, advantages.w, advantages.h, trace?.advantages ?? [], trace?.dones ?? [], c);
      this.drawnAdvantages = advantagesKey;
    }
  }

  // ── training ─────────────────────────────────────────────────────────────

  /** The settings an update uses (they change between updates without a new learner). */
  private learning() {
    const { clip, learningRate, gamma, lambda, epochs, minibatchSize, entropyCoef } = this;
    return { clip, learningRate, gamma, lambda, epochs, minibatchSize, entropyCoef };
  }

  /** One PPO iteration (Step, Update): collect if no rollout is pending, then update on it. */
  private iterate(s: PpoSession): UpdateStats {
    const u = s.update(this.report);
    for (const chart of this.charts) chart.draw();
    return u;
  }

  private afterRollout(r: RolloutStats): void {
    const returns = this.task.value?.returns ?? [];
    for (let k = returns.length - r.episodeReturns.length; k < returns.length; k++) {
      this.charts[0].push(k + 1, [returns[k], meanOfLast(returns.slice(Math.max(0, k + 1 - MOVING_AVERAGE), k + 1), MOVING_AVERAGE)]);
    }
    if (r.episodeReturns.length) this.chartsToDraw.add(0);
    this.emit('dl-rollout', { envSteps: r.envSteps, episodes: r.episodeReturns.length, meanReturn: meanOfLast(r.episodeReturns, r.episodeReturns.length) });
  }

  private afterUpdate(u: UpdateStats): void {
    [u.policyLoss, u.valueLoss, u.entropy, u.approxKl, u.clipFraction].forEach((v, i) => {
      this.charts[i + 1].push(u.updates, [v]);
      this.chartsToDraw.add(i + 1);
    });
    this.emit('dl-update', { updates: u.updates, policyLoss: u.policyLoss, valueLoss: u.valueLoss, entropy: u.entropy, approxKl: u.approxKl, clipFraction: u.clipFraction });
  }

  private describe(s: PpoSession): string {
    const t = s.trainer;
    const mean = meanOfLast(s.returns, MOVING_AVERAGE);
    const words = [
      'fused JS actor-critic',
      `${EN.format(t.net.paramCount)} weights${this.pretrained ? ' (pretrained start)' : ''}`,
      `${EN.format(t.envSteps)} env steps`,
      `${t.updates} updates`,
      Number.isNaN(mean) ? '' : `mean return ${mean.toFixed(0)}`,
      t.hasRollout && !this.playing ? 'rollout ready for an update' : '',
      this.watching ? 'watching' : '',
    ];
    return words.filter(Boolean).join(' · ');
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
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas.${name}`);
    if (!canvas) return null;
    const w = canvas.clientWidth || 400;
    const h = canvas.clientHeight || 180;
    const ctx = fitCanvas(canvas, w, h);
    return ctx ? { ctx, w, h } : null;
  }

  private drawCart(): void {
    const c = this.canvas('cart');
    if (c) drawCartFrom(c.ctx, c.w, c.h, this.task.value, this.watching, this.colors());
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const panels = this.panels.split(',').map((p) => p.trim());
    const show = (x: Panel) => panels.includes(x) || panels.includes('all');
    const left = show('cart') || show('controls');
    const right = show('charts') || show('objective') || show('advantages');
    const playing = this.playing;
    const watching = this.audienceValue('watching', this.watching);
    const extra = html`<button type="button" @click=${() => void this.collect()} ?disabled=${playing} title="Run the current policy for a rollout of ${NUM_ENVS} × ${this.rolloutLength} steps">Collect rollout</button>
      <button type="button" @click=${() => void this.updatePolicy()} ?disabled=${playing} title="PPO update on the collected rollout">Update</button>
      <button type="button" @click=${() => this.setWatching(!watching)} aria-pressed=${watching ? 'true' : 'false'} title="Play episodes of the current policy at real speed">${watching ? 'Stop watching' : 'Watch'}</button>`;
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(extra, { play: 'Auto', step: 'Step' })}
      <div class="layout ${left && right ? '' : 'single'}">
        ${left
          ? html`<div class="left">
              ${show('cart') ? html`<canvas class="cart" part="cart" role="img" aria-label="CartPole: the cart on its track and the pole, animated from the policy"></canvas>` : null}
              ${show('controls') ? this.renderControls() : null}
            </div>`
          : null}
        ${right
          ? html`<div class="right">
              ${show('charts') ? html`<div class="charts">${CHARTS.map(([label]) => html`<div class="chart"><canvas aria-label=${`Training curve: ${label}`}></canvas></div>`)}</div>` : null}
              ${show('objective') ? html`<canvas class="objective" role="img" aria-label="The clipped objective against the probability ratio, for positive and negative advantage, with the last minibatch's ratios"></canvas>` : null}
              ${show('advantages') ? html`<canvas class="advantages" role="img" aria-label="Advantages of one rollout over time"></canvas>` : null}
              ${this.renderNumbers()}
            </div>`
          : null}
      </div>
    `;
  }

  private renderControls(): TemplateResult {
    return html`<div class="settings">
      ${SETTINGS.map(([key, label, presets, title]) => presetSelect({ label, title, value: this[key], presets, onPick: (v) => (this[key] = v) }))}
      <label title="Seed of weights, environments and sampling; changing it restarts">seed
        <input type="number" min="0" step="1" .value=${String(this.seed)} @change=${(e: Event) => (this.seed = Math.max(0, Math.floor(Number((e.target as HTMLInputElement).value) || 0)))} /></label>
      <label title="Start from the policy trained by npm run train:ppo"><input type="checkbox" .checked=${this.pretrained}
        @change=${(e: Event) => (this.pretrained = (e.target as HTMLInputElement).checked)} />pretrained start</label>
    </div>`;
  }

  private renderNumbers(): TemplateResult {
    const u = this.task.value?.lastUpdate;
    if (!u) return html`<div class="numbers">No update yet.</div>`;
    return html`<div class="numbers">
      update ${u.updates}: policy loss ${u.policyLoss.toFixed(4)} · value loss ${u.valueLoss.toFixed(2)} · entropy ${u.entropy.toFixed(3)} ·
      approx. KL ${u.approxKl.toFixed(4)} · clip fraction ${(u.clipFraction * 100).toFixed(1)} %
    </div>`;
  }
}

defineElement('dl-ppo-rollouts', DlPpoRollouts);

declare global {
  interface HTMLElementTagNameMap {
    'dl-ppo-rollouts': DlPpoRollouts;
  }
}
