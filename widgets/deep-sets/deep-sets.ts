import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { LayerCounts, SetRace, SetScores } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { LineChart } from '../_shared/loss-chart.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './deep-sets.styles.ts';
import { drawBars, drawCurve } from './deep-sets.view.ts';

const TASKS = ['sum', 'max'] as const;
const POOLINGS = ['sum', 'mean'] as const;
const PANELS = ['invariance', 'equivariance', 'training', 'curve', 'params'] as const;
const CURVE_SIZES = [16, 32, 64, 128, 256, 512];
const TILE_COLORS = ['#0877bd', '#f59322', '#2e9d4a', '#7b4fb0', '#d0453b', '#1aa3a3', '#8c6d31', '#d6609f', '#4a4f57', '#6b8e23'];

type Panel = (typeof PANELS)[number];

/**
 * `<dl-deep-sets>`: permutation invariance and parameter sharing, live. A Deep Sets model
 * ρ(Σ φ(x_i)) and an MLP over the concatenated set learn the same set task (sum or maximum of N
 * digits). Shuffle the set: Deep Sets' answer stays put to the last digit, the MLP's moves. Train
 * both, then build a curve of test accuracy against the number of training sets. Beside it, an
 * equivariant layer y_i = λx_i + γ·mean(x) and a parameter-count table for fully connected,
 * convolutional and Deep Sets layers.
 *
 * ```html
 * <dl-deep-sets task="sum" set-size="6" train-size="128" panels="invariance,training"></dl-deep-sets>
 * ```
 *
 * @summary Deep Sets versus an MLP on sets: invariance under shuffling, training, sample efficiency, parameter counts.
 * @event dl-train-step - After each training frame. detail: { step: number; deepSets: { loss: number; accuracy: number }; mlp: { loss: number; accuracy: number } }
 * @event dl-shuffle - The user shuffled the set. detail: { digits: number[]; deepSets: number; mlp: number }
 * @event dl-curve-point - One run of the sample-efficiency curve finished. detail: { trainSize: number; deepSets: number; mlp: number }
 * @event dl-ready - The engine is loaded. detail: { backend: "js" } (plain JavaScript, no TensorFlow.js)
 * @csspart panel - Each of the panels.
 * @cssproperty [--deep-sets-color=var(--dl-color-accent)] - Colour of the Deep Sets model.
 * @cssproperty [--mlp-color=var(--dl-color-accent-2)] - Colour of the MLP.
 */
export class DlDeepSets extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    task: {},
    setSize: { type: Number, attribute: 'set-size' },
    trainSize: { type: Number, attribute: 'train-size' },
    pooling: {},
    hiddenUnits: { type: Number, attribute: 'hidden-units' },
    learningRate: { type: Number, attribute: 'learning-rate' },
    curveSteps: { type: Number, attribute: 'curve-steps' },
    stepsPerFrame: { type: Number, attribute: 'steps-per-frame' },
    panels: {},
    lambda: { type: Number },
    gamma: { type: Number },
    seed: { type: Number },
    autoplay: { type: Boolean },
    tick: { state: true },
  };

  /** Set task: sum | max (of the digits). */
  declare task: string;
  /** Digits per set (2–10). */
  declare setSize: number;
  /** Training sets for live training (8–2000). */
  declare trainSize: number;
  /** Deep Sets pooling: sum | mean. */
  declare pooling: string;
  /** Hidden width of both models (4–64). */
  declare hiddenUnits: number;
  /** Adam learning rate. */
  declare learningRate: number;
  /** Minibatch steps per run of the sample-efficiency curve. */
  declare curveSteps: number;
  /** Minibatch steps per animation frame while training. */
  declare stepsPerFrame: number;
  /** Panels to show, comma-separated from invariance, equivariance, training, curve, params; or "all". */
  declare panels: string;
  /** λ of the equivariant layer. */
  declare lambda: number;
  /** γ of the equivariant layer. */
  declare gamma: number;
  /** Seed for data, weights and batches. */
  declare seed: number;
  /** Start training when shown. */
  declare autoplay: boolean;

  private declare tick: number;
  private readonly engine = jsEngineTask<{ eng: JsEngineModule; dispose(): void }>(
    this,
    (eng) => ({ eng, dispose: () => undefined }),
    () => this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.trainFrame());
  private readonly curveLoop = new FrameLoop(this, () => this.curveFrame());
  private race: SetRace | null = null;
  private scores: { deepSets: SetScores; mlp: SetScores } | null = null;
  /** The demo set: digits with the identity of each element (for colours). */
  private items: { digit: number; id: number }[] = [];
  private outputs: { deepSets: number; mlp: number } | null = null;
  private previous: { deepSets: number; mlp: number } | null = null;
  private curve: { n: number; deepSets: number; mlp: number }[] = [];
  private curveRun: { race: SetRace; n: number } | null = null;
  private chart?: LineChart;
  private shown: Panel[] = [...PANELS];
  private counts = { elements: 100, features: 3, out: 64, kernel: 3 };

  constructor() {
    super();
    this.task = 'sum';
    this.setSize = 6;
    this.trainSize = 128;
    this.pooling = 'sum';
    this.hiddenUnits = 32;
    this.learningRate = 0.005;
    this.curveSteps = 400;
    this.stepsPerFrame = 10;
    this.panels = 'all';
    this.lambda = 1;
    this.gamma = -1;
    this.seed = 1;
    this.autoplay = false;
    this.tick = 0;
  }

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Train both models live. */
  play(): void {
    this.loop.play();
  }

  /** Stop training (and the curve, if it is being built). */
  pause(): void {
    this.loop.pause();
    this.curveLoop.pause();
  }

  /** Fresh weights for both models; clears the curve. */
  reset(): void {
    this.pause();
    this.curve = [];
    this.curveRun = null;
    this.rebuild();
  }

  /** One training frame for both models. */
  async step(): Promise<void> {
    if (!(await this.engine.ready())) return;
    if (!this.race) this.rebuild();
    this.trainOnce();
  }

  /** Shuffle the demo set and recompute both models' outputs. */
  shuffle(): void {
    const eng = this.engine.value?.eng;
    if (!eng) return;
    const rng = eng.createRng(this.seed * 31 + this.tick + 7);
    const order = rng.shuffle(this.items.map((_, i) => i));
    this.items = order.map((i) => this.items[i]);
    this.previous = this.outputs;
    this.predictSet();
    this.emit('dl-shuffle', { digits: this.items.map((t) => t.digit), ...this.outputs! });
  }

  /** A new random demo set. */
  newSet(): void {
    const eng = this.engine.value?.eng;
    if (!eng) return;
    const rng = eng.createRng(this.seed * 131 + this.tick + 3);
    this.items = Array.from({ length: this.setSize }, (_, id) => ({ digit: rng.int(10), id }));
    this.previous = null;
    this.predictSet();
  }

  /** Build the sample-efficiency curve: one short run per training-set size. */
  async buildCurve(): Promise<void> {
    if (!(await this.engine.ready())) return;
    this.loop.pause();
    this.curve = [];
    this.curveRun = null;
    this.curveLoop.play();
  }

  /** Whether live training plays. */
  get playing(): boolean {
    return this.loop.playing;
  }

  /** The demo set's digits in their current order. */
  get digits(): number[] {
    return this.items.map((t) => t.digit);
  }

  /** Both models' outputs on the demo set. */
  get predictions(): { deepSets: number; mlp: number } | null {
    return this.outputs;
  }

  /** Latest test scores. */
  get testScores(): { deepSets: SetScores; mlp: SetScores } | null {
    return this.scores;
  }

  /** Points of the sample-efficiency curve built so far. */
  get curvePoints(): { n: number; deepSets: number; mlp: number }[] {
    return this.curve.map((p) => ({ ...p }));
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['task', 'setSize', 'trainSize', 'pooling', 'hiddenUnits', 'learningRate', 'curveSteps', 'stepsPerFrame', 'panels', 'seed', 'lambda', 'gamma'];
    if (!keys.some((k) => changed.has(k))) return;
    const c = new AttributeCheck();
    c.oneOf('task', this.task, TASKS, 'sum');
    c.oneOf('pooling', this.pooling, POOLINGS, 'sum');
    c.integer('set-size', this.setSize, 2, 10, 6);
    c.integer('train-size', this.trainSize, 8, 2000, 128);
    c.integer('hidden-units', this.hiddenUnits, 4, 64, 32);
    c.number('learning-rate', this.learningRate, 1e-5, 1, 0.005);
    c.integer('curve-steps', this.curveSteps, 10, 5000, 400);
    c.integer('steps-per-frame', this.stepsPerFrame, 1, 100, 10);
    c.number('lambda', this.lambda, -10, 10, 1);
    c.number('gamma', this.gamma, -10, 10, -1);
    c.integer('seed', this.seed, 0, 2 ** 31, 1);
    this.shown = this.panels === 'all' || this.panels === '' ? [...PANELS] : c.listOf('panels', this.panels, PANELS, [...PANELS]);
    this.reportConfig(c.problems);
    const modelKeys = ['task', 'setSize', 'trainSize', 'pooling', 'hiddenUnits', 'learningRate', 'seed'];
    if (c.problems.length === 0 && this.engine.value && modelKeys.some((k) => changed.has(k))) {
      this.curve = [];
      this.rebuild();
    }
    if (changed.has('lambda') || changed.has('gamma') || changed.has('panels')) void this.updateComplete.then(() => this.drawAll());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
    this.race = null;
    this.curveRun = null;
  }

  private handleReady(): void {
    if (this.configErrors.length === 0) this.rebuild();
    this.emit('dl-ready', { backend: this.engine.backendName });
    if (this.autoplay) this.play();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private raceOptions(trainSize: number) {
    return {
      task: this.task as (typeof TASKS)[number],
      setSize: this.setSize,
      trainSize,
      pooling: this.pooling as (typeof POOLINGS)[number],
      hidden: this.hiddenUnits,
      learningRate: this.learningRate,
      seed: this.seed,
    };
  }

  private rebuild(): void {
    const eng = this.engine.value?.eng;
    if (!eng || this.configErrors.length > 0) return;
    this.race = eng.createSetRace(this.raceOptions(this.trainSize));
    this.scores = this.race.evaluate();
    if (this.items.length !== this.setSize) this.newSet();
    else this.predictSet();
    this.chart?.clear();
    this.tick++;
    void this.updateComplete.then(() => {
      this.ensureChart();
      this.chart?.push(0, [this.scores!.deepSets.accuracy * 100, this.scores!.mlp.accuracy * 100]);
      this.chart?.draw();
      this.drawAll();
    });
  }

  private predictSet(): void {
    if (!this.race) return;
    const digits = Int32Array.from(this.items.map((t) => t.digit));
    this.outputs = { deepSets: this.race.deepSets.predict(digits, 1)[0], mlp: this.race.mlp.predict(digits, 1)[0] };
    this.tick++;
    void this.updateComplete.then(() => this.drawAll());
  }

  private trainOnce(): void {
    const race = this.race!;
    race.step(this.stepsPerFrame);
    this.scores = race.evaluate();
    this.chart?.push(race.steps, [this.scores.deepSets.accuracy * 100, this.scores.mlp.accuracy * 100]);
    this.chart?.draw();
    this.previous = null;
    this.predictSet();
    this.emit('dl-train-step', { step: race.steps, deepSets: this.scores.deepSets, mlp: this.scores.mlp });
  }

  private async trainFrame(): Promise<void> {
    if (!this.race) {
      await this.engine.ready();
      return;
    }
    this.trainOnce();
  }

  private curveFrame(): void {
    const eng = this.engine.value?.eng;
    if (!eng) return;
    if (!this.curveRun) {
      const n = CURVE_SIZES[this.curve.length];
      if (n === undefined) {
        this.curveLoop.pause();
        return;
      }
      this.curveRun = { race: eng.createSetRace(this.raceOptions(n)), n };
    }
    const run = this.curveRun;
    const left = this.curveSteps - run.race.steps;
    run.race.step(Math.min(left, 50));
    if (run.race.steps >= this.curveSteps) {
      const s = run.race.evaluate();
      this.curve = [...this.curve, { n: run.n, deepSets: s.deepSets.accuracy, mlp: s.mlp.accuracy }];
      this.curveRun = null;
      this.emit('dl-curve-point', { trainSize: run.n, deepSets: s.deepSets.accuracy, mlp: s.mlp.accuracy });
      if (this.curve.length === CURVE_SIZES.length) this.curveLoop.pause();
    }
    this.tick++;
    void this.updateComplete.then(() => this.drawAll());
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): { ds: string; mlp: string; fg: string } {
    return { ds: cssVar(this, '--deep-sets-color', '#0877bd'), mlp: cssVar(this, '--mlp-color', '#d0453b'), fg: cssVar(this, '--dl-color-muted', '#5b6573') };
  }

  private ensureChart(): void {
    if (this.chart) return;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.train-chart canvas');
    if (!canvas) return;
    const c = this.colours();
    this.chart = new LineChart(canvas, [{ label: 'Deep Sets test accuracy %', color: c.ds }, { label: 'MLP test accuracy %', color: c.mlp, dashed: true }], { color: c.fg });
  }

  private drawAll(): void {
    const c = this.colours();
    const curveCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.curve');
    if (curveCanvas) {
      drawCurve(
        curveCanvas,
        CURVE_SIZES,
        [
          { label: 'Deep Sets', color: c.ds, points: this.curve.map((p) => ({ n: p.n, value: p.deepSets })) },
          { label: 'MLP', color: c.mlp, points: this.curve.map((p) => ({ n: p.n, value: p.mlp })) },
        ],
        c.fg,
      );
    }
    const inBars = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.eq-in');
    const outBars = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.eq-out');
    const eng = this.engine.value?.eng;
    if (inBars && outBars && eng && this.items.length > 0) {
      const x = this.items.map((t) => t.digit - 4.5);
      const y = eng.equivariantLayer(x, this.lambda, this.gamma, 'mean');
      const colors = this.items.map((t) => TILE_COLORS[t.id % TILE_COLORS.length]);
      const maxAbs = Math.max(1, ...x.map(Math.abs), ...Array.from(y, Math.abs));
      drawBars(inBars, x, colors, maxAbs);
      drawBars(outBars, y, colors, maxAbs);
    }
  }

  // ── template ─────────────────────────────────────────────────────────────

  private renderTiles(): TemplateResult {
    return html`<div class="tiles" role="list" aria-label="The set">
      ${this.items.map((t) => html`<span role="listitem" class="tile" style=${styleProps({ background: TILE_COLORS[t.id % TILE_COLORS.length] })}>${t.digit}</span>`)}
    </div>`;
  }

  private renderInvariance(): TemplateResult {
    const eng = this.engine.value?.eng;
    const target = eng && this.items.length ? eng.setTarget(this.task as (typeof TASKS)[number], this.items.map((t) => t.digit)) : NaN;
    const o = this.outputs;
    const p = this.previous;
    const delta = (now: number, before: number | undefined) =>
      before === undefined ? '' : Math.abs(now - before) < 1e-4 ? 'unchanged' : `changed by ${(now - before > 0 ? '+' : '') + (now - before).toFixed(3)}`;
    return html`<section class="panel" part="panel">
      <h4>Shuffle the set</h4>
      ${this.renderTiles()}
      <div class="row">
        <button @click=${() => this.shuffle()}>Shuffle</button>
        <button @click=${() => this.newSet()}>New set</button>
        <span class="muted">${this.task} = ${Number.isFinite(target) ? target : '–'}</span>
      </div>
      <table class="outs">
        <tr><th>Deep Sets ρ(${this.pooling === 'sum' ? 'Σ' : 'mean'} φ(xᵢ))</th><td class="ds">${o ? o.deepSets.toFixed(3) : '–'}</td><td class=${`chg ${p && Math.abs(o!.deepSets - p.deepSets) < 1e-4 ? 'same' : ''}`}>${o ? delta(o.deepSets, p?.deepSets) : ''}</td></tr>
        <tr><th>MLP on [x₁; …; x${sub(this.setSize)}]</th><td class="mlp">${o ? o.mlp.toFixed(3) : '–'}</td><td class=${`chg ${p && Math.abs(o!.mlp - p.mlp) < 1e-4 ? 'same' : ''}`}>${o ? delta(o.mlp, p?.mlp) : ''}</td></tr>
      </table>
    </section>`;
  }

  private renderEquivariance(): TemplateResult {
    return html`<section class="panel" part="panel">
      <h4>Equivariant layer yᵢ = λxᵢ + γ·mean(x)</h4>
      <div class="eq"><span class="muted">x</span><canvas class="eq-in" aria-label="Inputs of the equivariant layer"></canvas></div>
      <div class="eq"><span class="muted">y</span><canvas class="eq-out" aria-label="Outputs of the equivariant layer, one per element"></canvas></div>
      <div class="row">
        <label>λ<input type="number" step="0.25" .value=${String(this.lambda)} @change=${(e: Event) => (this.lambda = Number((e.target as HTMLInputElement).value))} /></label>
        <label>γ<input type="number" step="0.25" .value=${String(this.gamma)} @change=${(e: Event) => (this.gamma = Number((e.target as HTMLInputElement).value))} /></label>
        <button @click=${() => this.shuffle()}>Shuffle</button>
      </div>
      <p class="hint">Colours follow the elements: shuffling x shuffles y the same way.</p>
    </section>`;
  }

  private renderTraining(): TemplateResult {
    const s = this.scores;
    const r = this.race;
    return html`<section class="panel" part="panel">
      <h4>Train both on ${this.trainSize} sets (${this.task} of ${this.setSize} digits)</h4>
      <div class="row">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Train'}</button>
        <button @click=${() => void this.step()}>Step</button>
        <button @click=${() => this.reset()}>Reset</button>
        <label>sets<select @change=${(e: Event) => (this.trainSize = Number((e.target as HTMLSelectElement).value))}>
          ${[...new Set([...CURVE_SIZES, this.trainSize])].sort((a, b) => a - b).map((n) => html`<option .value=${String(n)} ?selected=${n === this.trainSize}>${n}</option>`)}</select></label>
      </div>
      <table class="outs">
        <tr><th></th><th>params</th><th>test loss</th><th>test acc.</th></tr>
        <tr><th class="ds">Deep Sets</th><td>${r?.deepSets.paramCount ?? '–'}</td><td>${s ? s.deepSets.loss.toFixed(4) : '–'}</td><td>${s ? pct(s.deepSets.accuracy) : '–'}</td></tr>
        <tr><th class="mlp">MLP</th><td>${r?.mlp.paramCount ?? '–'}</td><td>${s ? s.mlp.loss.toFixed(4) : '–'}</td><td>${s ? pct(s.mlp.accuracy) : '–'}</td></tr>
      </table>
      <div class="train-chart"><canvas aria-label="Test accuracy of both models while training"></canvas></div>
    </section>`;
  }

  private renderCurve(): TemplateResult {
    const building = this.curveLoop.playing;
    return html`<section class="panel" part="panel">
      <h4>Test accuracy against training-set size</h4>
      <div class="row">
        <button class="primary" @click=${() => (building ? this.pause() : void this.buildCurve())}>${building ? 'Stop' : 'Build curve'}</button>
        <span class="muted">${building ? `run ${this.curve.length + 1} of ${CURVE_SIZES.length} (${CURVE_SIZES[this.curve.length]} sets, ${this.curveSteps} steps)…` : this.curve.length ? `${this.curve.length} runs of ${this.curveSteps} steps` : `${CURVE_SIZES.length} short runs, ${this.curveSteps} steps each`}</span>
      </div>
      <canvas class="curve" role="img" aria-label=${`Test accuracy against training-set size. ${this.curve.map((p) => `${p.n} sets: Deep Sets ${pct(p.deepSets)}, MLP ${pct(p.mlp)}`).join('; ')}`}></canvas>
      <p class="legend"><span class="ds">● Deep Sets</span> <span class="mlp">● MLP</span></p>
    </section>`;
  }

  private renderParams(): TemplateResult {
    const k = this.counts;
    const eng = this.engine.value?.eng;
    const counts: LayerCounts | null = eng ? eng.layerParamCounts(k.elements, k.features, k.out, k.kernel) : null;
    const num = (label: string, key: keyof typeof k, max: number) =>
      html`<label>${label}<input type="number" min="1" max=${max} .value=${String(k[key])} @change=${(e: Event) => {
        const v = Math.round(Number((e.target as HTMLInputElement).value));
        if (Number.isFinite(v) && v >= 1 && v <= max) this.counts = { ...this.counts, [key]: v };
        this.tick++;
      }} /></label>`;
    return html`<section class="panel" part="panel">
      <h4>Parameters of one layer: N elements × d features → N × d′</h4>
      <div class="row">${num('N', 'elements', 100000)}${num('d', 'features', 4096)}${num('d′', 'out', 4096)}${num('k', 'kernel', 99)}</div>
      <table class="outs params">
        <tr><th>fully connected</th><td>(Nd)(Nd′) + Nd′</td><td>${counts ? counts.dense.toLocaleString('en') : '–'}</td></tr>
        <tr><th>convolution (kernel k)</th><td>k·d·d′ + d′</td><td>${counts ? counts.conv.toLocaleString('en') : '–'}</td></tr>
        <tr><th>Deep Sets equivariant</th><td>2·d·d′ + d′</td><td>${counts ? counts.deepSets.toLocaleString('en') : '–'}</td></tr>
      </table>
    </section>`;
  }

  override render() {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    if (this.engine.status !== 'ready') return html`${note}<div class="placeholder">${this.engine.renderStatus()}</div>`;
    const show = (p: Panel) => this.shown.includes(p);
    return html`${note}
      <div class="grid" style=${styleProps({ 'grid-template-columns': `repeat(${Math.min(this.shown.length, this.shown.length === 4 ? 2 : 3)}, minmax(0, 1fr))` })}>
        ${show('invariance') ? this.renderInvariance() : null}
        ${show('equivariance') ? this.renderEquivariance() : null}
        ${show('training') ? this.renderTraining() : null}
        ${show('curve') ? this.renderCurve() : null}
        ${show('params') ? this.renderParams() : null}
      </div>
      <p class="dl-status" aria-live="polite">${this.statusText()}</p>`;
  }

  private statusText(): string {
    const state = this.loop.playing ? (this.running ? 'training' : 'paused (off screen)') : this.curveLoop.playing ? 'building the curve' : 'paused';
    return `${this.race ? `step ${this.race.steps}` : ''} · ${state} · φ and ρ: ${this.hiddenUnits} ReLU units, Adam η = ${this.learningRate}`;
  }
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).split('').map((d) => SUB[Number(d)]).join('');

defineElement('dl-deep-sets', DlDeepSets);

declare global {
  interface HTMLElementTagNameMap {
    'dl-deep-sets': DlDeepSets;
  }
}
