import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { LayerCounts, SetRace, SetScores } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { FRAME_BUDGET_MS, FrameLoop } from '../_shared/frame-loop.ts';
import { ChartController } from '../_shared/loss-chart.ts';
import { CATEGORICAL, cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num, quote, text } from '../_shared/props.ts';
import { styleProps } from '../_shared/style-props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './deep-sets.styles.ts';
import { drawBars, drawCurve, textOn } from './deep-sets.view.ts';

const TASKS = ['sum', 'max'] as const;
const POOLINGS = ['sum', 'mean'] as const;
const PANELS = ['invariance', 'equivariance', 'training', 'curve', 'params'] as const;
const CURVE_SIZES = [16, 32, 64, 128, 256, 512];
/** Minibatch steps between deadline checks while the curve is built. */
const CURVE_CHUNK = 5;
/** What the engine task holds: the engine's plain-JS functions and the two models' race. */
interface Lab {
  eng: JsEngineModule;
  race: SetRace;
}
type Panel = (typeof PANELS)[number];
type Outputs = { deepSets: number; mlp: number };

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
 * @csspart toolbar - Train, step, reset, the number of training sets and the status (training panel).
 * @cssproperty [--deep-sets-color=var(--dl-color-accent)] - Colour of the Deep Sets model.
 * @cssproperty [--mlp-color=var(--dl-color-accent-2)] - Colour of the MLP.
 */
export class DlDeepSets extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Set task: sum | max (of the digits). */
  @choice(TASKS) task: (typeof TASKS)[number] = 'sum';
  /** Digits per set (2–10). */
  @int(2, 10) setSize = 6;
  /** Training sets for live training (8–2000). */
  @int(8, 2000) trainSize = 128;
  /** Deep Sets pooling: sum | mean. */
  @choice(POOLINGS) pooling: (typeof POOLINGS)[number] = 'sum';
  /** Hidden width of both models (4–64). */
  @int(4, 64) hiddenUnits = 32;
  /** Adam learning rate. */
  @num({ min: 1e-5, max: 1 }) learningRate = 0.005;
  /** Minibatch steps per run of the sample-efficiency curve (10–5000). */
  @int(10, 5000) curveSteps = 400;
  /** Most minibatch steps per animation frame while training (1–100); fewer when the frame's time runs out. */
  @int(1, 100) stepsPerFrame = 10;
  /** Panels to show, comma-separated from invariance, equivariance, training, curve, params; or "all". */
  @text({ check: panelsProblem }) panels = 'all';
  /** λ of the equivariant layer (−10 to 10). */
  @num({ min: -10, max: 10 }) lambda = 1;
  /** γ of the equivariant layer (−10 to 10). */
  @num({ min: -10, max: 10 }) gamma = -1;
  /** Seed for data, weights and batches. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown (not under prefers-reduced-motion). */
  @flag() autoplay = false;

  /** The demo set: digits with the identity of each element (for colours). */
  @state() private items: { digit: number; id: number }[] = [];
  @state() private outputs: Outputs | null = null;
  @state() private counts = { elements: 100, features: 3, out: 64, kernel: 3 };
  private previous: Outputs | null = null;
  private scores: { deepSets: SetScores; mlp: SetScores } | null = null;
  private curve: { n: number; deepSets: number; mlp: number }[] = [];
  private curveRun: { race: SetRace; n: number } | null = null;
  /** New demo sets and shuffles draw from here (so each press gives a different one). */
  private draws = 0;

  private readonly engine: EngineTask<Lab, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.task, this.setSize, this.trainSize, this.pooling, this.hiddenUnits, this.learningRate, this.seed],
    build: (eng) => ({ eng, race: eng.createSetRace(this.raceOptions(this.trainSize)) }),
    // The first scores (both models on the test sets) in a task after the build's (issue 18).
    ready: async (lab) => {
      await nextTask();
      if (this.engine.value !== lab) return;
      this.scores = lab.race.evaluate();
      if (this.items.length !== this.setSize) this.newSet();
      else this.predict(lab);
      this.pushChart(lab.race);
      this.emit('dl-ready', { backend: 'js' });
    },
  });
  private readonly chart = new ChartController(this, {
    canvas: () => this.renderRoot.querySelector<HTMLCanvasElement>('.train-chart canvas'),
    series: () => [
      { label: 'Deep Sets test accuracy %', color: this.colours().ds },
      { label: 'MLP test accuracy %', color: this.colours().mlp, dashed: true },
    ],
    color: () => this.colours().fg,
  });
  protected readonly training: Training<Lab> = new Training(this, {
    task: this.engine,
    frame: (lab, deadline) => this.train(lab, deadline),
    // One press: a frame's worth of steps, within a frame's time.
    step: (lab) => this.train(lab, performance.now() + FRAME_BUDGET_MS),
    describe: (lab) => `step ${lab.race.steps}`,
    autoplay: () => this.autoplay,
    onReset: () => this.clearResults(),
  });
  private readonly curveLoop = new FrameLoop(this, (deadline) => this.engine.use((lab) => this.curveFrame(lab, deadline)));

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Train both models live (stops building the curve). */
  override play(): void {
    this.curveLoop.pause();
    super.play();
  }

  /** Stop training (and the curve, if it is being built). */
  override pause(): void {
    super.pause();
    this.curveLoop.pause();
  }

  /** Shuffle the demo set and recompute both models' outputs. */
  shuffle(): void {
    const lab = this.engine.value;
    if (!lab) return;
    const rng = lab.eng.createRng(this.seed * 31 + ++this.draws + 7);
    const order = rng.shuffle(this.items.map((_, i) => i));
    this.items = order.map((i) => this.items[i]);
    this.previous = this.outputs;
    this.predict(lab);
    this.emit('dl-shuffle', { digits: this.digits, ...this.outputs! });
  }

  /** A new random demo set. */
  newSet(): void {
    const lab = this.engine.value;
    if (!lab) return;
    const rng = lab.eng.createRng(this.seed * 131 + ++this.draws + 3);
    this.items = Array.from({ length: this.setSize }, (_, id) => ({ digit: rng.int(10), id }));
    this.previous = null;
    this.predict(lab);
  }

  /** Build the sample-efficiency curve: one short run per training-set size. */
  async buildCurve(): Promise<void> {
    if (!(await this.engine.ready())) return;
    this.training.pause();
    this.curve = [];
    this.curveRun = null;
    this.curveLoop.play();
  }

  /** The demo set's digits in their current order. */
  get digits(): number[] {
    return this.items.map((t) => t.digit);
  }

  /** Both models' outputs on the demo set. */
  get predictions(): Outputs | null {
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

  // ── work ─────────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A new model (the engine task rebuilds it): old scores and the old curve no longer apply.
    if (this.hasUpdated && ['task', 'setSize', 'trainSize', 'pooling', 'hiddenUnits', 'learningRate', 'seed'].some((k) => changed.has(k))) this.clearResults();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  private raceOptions(trainSize: number) {
    return { task: this.task, setSize: this.setSize, trainSize, pooling: this.pooling, hidden: this.hiddenUnits, learningRate: this.learningRate, seed: this.seed };
  }

  private clearResults(): void {
    this.scores = null;
    this.outputs = null;
    this.previous = null;
    this.curve = [];
    this.curveRun = null;
    this.curveLoop.pause();
    this.chart.clear();
  }

  private predict({ race }: Lab): void {
    const digits = Int32Array.from(this.items, (t) => t.digit);
    this.outputs = { deepSets: race.deepSets.predict(digits, 1)[0], mlp: race.mlp.predict(digits, 1)[0] };
  }

  private pushChart(race: SetRace): void {
    this.chart.push(race.steps, [this.scores!.deepSets.accuracy * 100, this.scores!.mlp.accuracy * 100]);
    this.chart.draw();
  }

  /** Up to steps-per-frame minibatch steps, stopping at the deadline; then the read-outs. */
  private train(lab: Lab, deadline: number): void {
    const race = lab.race;
    let n = 0;
    do {
      race.step(1);
      n++;
    } while (n < this.stepsPerFrame && performance.now() < deadline);
    this.scores = race.evaluate();
    this.pushChart(race);
    this.previous = null;
    this.predict(lab);
    this.emit('dl-train-step', { step: race.steps, deepSets: this.scores.deepSets, mlp: this.scores.mlp });
  }

  /** Curve runs, a few steps at a time until the deadline; at most one finished point per frame. */
  private curveFrame(lab: Lab, deadline: number): void {
    do {
      if (!this.curveRun) {
        const n = CURVE_SIZES[this.curve.length];
        if (n === undefined) break;
        this.curveRun = { race: lab.eng.createSetRace(this.raceOptions(n)), n };
      }
      const run = this.curveRun;
      run.race.step(Math.min(CURVE_CHUNK, this.curveSteps - run.race.steps));
      if (run.race.steps >= this.curveSteps) {
        const s = run.race.evaluate();
        this.curve = [...this.curve, { n: run.n, deepSets: s.deepSets.accuracy, mlp: s.mlp.accuracy }];
        this.curveRun = null;
        this.emit('dl-curve-point', { trainSize: run.n, deepSets: s.deepSets.accuracy, mlp: s.mlp.accuracy });
        break;
      }
    } while (performance.now() < deadline);
    if (this.curve.length === CURVE_SIZES.length) this.curveLoop.pause();
    this.requestUpdate();
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private colours(): { ds: string; mlp: string; muted: string; fg: string } {
    return {
      ds: cssVar(this, '--deep-sets-color', '#0877bd'),
      mlp: cssVar(this, '--mlp-color', '#c43e36'),
      muted: cssVar(this, '--dl-color-muted', '#5b6573'),
      fg: cssVar(this, '--dl-color-fg', '#1d2430'),
    };
  }

  private paint(): void {
    const c = this.colours();
    const curve = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.curve');
    if (curve) {
      const series = (label: string, color: string, key: 'deepSets' | 'mlp') => ({ label, color, points: this.curve.map((p) => ({ n: p.n, value: p[key] })) });
      drawCurve(curve, CURVE_SIZES, [series('Deep Sets', c.ds, 'deepSets'), series('MLP', c.mlp, 'mlp')], c.muted);
    }
    const inBars = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.eq-in');
    const outBars = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.eq-out');
    const eng = this.engine.value?.eng;
    if (inBars && outBars && eng && this.items.length > 0) {
      const x = this.items.map((t) => t.digit - 4.5);
      const y = eng.equivariantLayer(x, this.lambda, this.gamma, 'mean');
      const colors = this.items.map((t) => tileColour(t.id));
      const maxAbs = Math.max(1, ...x.map(Math.abs), ...Array.from(y, Math.abs));
      drawBars(inBars, x, colors, maxAbs, c.fg);
      drawBars(outBars, y, colors, maxAbs, c.fg);
    }
  }

  // ── template ─────────────────────────────────────────────────────────────

  private renderTiles(): TemplateResult {
    return html`<div class="tiles" role="list" aria-label="The set">
      ${this.items.map((t) => {
        const bg = tileColour(t.id);
        return html`<span role="listitem" class=${t.id >= CATEGORICAL.length ? 'tile lap' : 'tile'} style=${styleProps({ background: bg, color: textOn(bg) })}>${t.digit}</span>`;
      })}
    </div>`;
  }

  private renderInvariance(): TemplateResult {
    const eng = this.engine.value?.eng;
    const target = eng && this.items.length ? eng.setTarget(this.task, this.digits) : NaN;
    const o = this.outputs;
    const p = this.previous;
    const cell = (now: number | undefined, before: number | undefined) => {
      if (now === undefined || before === undefined) return html`<td class="chg"></td>`;
      const same = Math.abs(now - before) < 1e-4;
      return html`<td class=${same ? 'chg same' : 'chg'}>${same ? '= unchanged' : `≠ changed by ${(now - before > 0 ? '+' : '') + (now - before).toFixed(3)}`}</td>`;
    };
    return html`<section class="panel" part="panel">
      <h3>Shuffle the set</h3>
      ${this.renderTiles()}
      <div class="row">
        <button type="button" @click=${() => this.shuffle()}>Shuffle</button>
        <button type="button" @click=${() => this.newSet()}>New set</button>
        <span class="muted">${this.task} = ${Number.isFinite(target) ? target : '–'}</span>
      </div>
      <table class="outs">
        <tr><th><span class="dl-key ds">Deep Sets</span> ρ(${this.pooling === 'sum' ? 'Σ' : 'mean'} φ(xᵢ))</th><td class="out-ds">${o ? o.deepSets.toFixed(3) : '–'}</td>${cell(o?.deepSets, p?.deepSets)}</tr>
        <tr><th><span class="dl-key mlp">MLP</span> on [x₁; …; x${sub(this.setSize)}]</th><td class="out-mlp">${o ? o.mlp.toFixed(3) : '–'}</td>${cell(o?.mlp, p?.mlp)}</tr>
      </table>
    </section>`;
  }

  private renderEquivariance(): TemplateResult {
    const set = (key: 'lambda' | 'gamma') => (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      if (Number.isFinite(v) && v >= -10 && v <= 10) this[key] = v;
    };
    return html`<section class="panel" part="panel">
      <h3>Equivariant layer yᵢ = λxᵢ + γ·mean(x)</h3>
      <div class="eq"><span class="muted">x</span><canvas class="eq-in" role="img" aria-label=${`Inputs of the equivariant layer: ${this.digits.map((d) => d - 4.5).join(', ')}`}></canvas></div>
      <div class="eq"><span class="muted">y</span><canvas class="eq-out" role="img" aria-label="Outputs of the equivariant layer, one per element"></canvas></div>
      <div class="row">
        <label>λ<input type="number" min="-10" max="10" step="0.25" .value=${String(this.lambda)} @change=${set('lambda')} /></label>
        <label>γ<input type="number" min="-10" max="10" step="0.25" .value=${String(this.gamma)} @change=${set('gamma')} /></label>
        <button type="button" @click=${() => this.shuffle()}>Shuffle</button>
      </div>
      <p class="hint">Colours follow the elements: shuffling x shuffles y the same way.</p>
    </section>`;
  }

  private renderTraining(): TemplateResult {
    const s = this.scores;
    const r = this.engine.value?.race;
    const sizes = [...new Set([...CURVE_SIZES, this.trainSize])].sort((a, b) => a - b);
    const pick = html`<label>sets<select @change=${(e: Event) => (this.trainSize = Number((e.target as HTMLSelectElement).value))}>
        ${sizes.map((n) => html`<option .value=${String(n)} ?selected=${n === this.trainSize}>${n}</option>`)}</select></label>`;
    return html`<section class="panel" part="panel">
      <h3>Train both on ${this.trainSize} sets (${this.task} of ${this.setSize} digits)</h3>
      ${this.training.renderToolbar(pick, { play: 'Train' })}
      <table class="outs">
        <tr><th scope="col">model</th><th>params</th><th>test loss</th><th>test acc.</th></tr>
        <tr><th><span class="dl-key ds">Deep Sets</span></th><td>${r?.deepSets.paramCount ?? '–'}</td><td>${s ? s.deepSets.loss.toFixed(4) : '–'}</td><td class="acc-ds">${s ? pct(s.deepSets.accuracy) : '–'}</td></tr>
        <tr><th><span class="dl-key mlp">MLP</span></th><td>${r?.mlp.paramCount ?? '–'}</td><td>${s ? s.mlp.loss.toFixed(4) : '–'}</td><td class="acc-mlp">${s ? pct(s.mlp.accuracy) : '–'}</td></tr>
      </table>
      <div class="train-chart"><canvas aria-label="Test accuracy of both models while training"></canvas></div>
      <p class="hint">φ and ρ: ${this.hiddenUnits} ReLU units, Adam η = ${this.learningRate}</p>
    </section>`;
  }

  private renderCurve(): TemplateResult {
    const building = this.curveLoop.playing;
    const words = building
      ? `run ${this.curve.length + 1} of ${CURVE_SIZES.length} (${CURVE_SIZES[this.curve.length]} sets, ${this.curveSteps} steps)…`
      : this.curve.length
        ? `${this.curve.length} runs of ${this.curveSteps} steps`
        : `${CURVE_SIZES.length} short runs, ${this.curveSteps} steps each`;
    const described = this.curve.map((p) => `${p.n} sets: Deep Sets ${pct(p.deepSets)}, MLP ${pct(p.mlp)}`).join('; ');
    return html`<section class="panel" part="panel">
      <h3>Test accuracy against training-set size</h3>
      <div class="row">
        <button type="button" class="primary" @click=${() => (building ? this.pause() : void this.buildCurve())}>${building ? 'Stop' : 'Build curve'}</button>
        <span class="muted" role="status" aria-live="polite">${words}</span>
      </div>
      <canvas class="curve" role="img" aria-label=${`Test accuracy against training-set size. ${described}`}></canvas>
      <p class="legend"><span class="dl-key ds">Deep Sets</span> <span class="dl-key mlp">MLP</span></p>
    </section>`;
  }

  private renderParams(): TemplateResult {
    const k = this.counts;
    const eng = this.engine.value?.eng;
    const counts: LayerCounts | null = eng ? eng.layerParamCounts(k.elements, k.features, k.out, k.kernel) : null;
    const field = (label: string, key: keyof typeof k, max: number) =>
      html`<label>${label}<input type="number" min="1" max=${max} .value=${String(k[key])} @change=${(e: Event) => {
        const v = Math.round(Number((e.target as HTMLInputElement).value));
        if (Number.isFinite(v) && v >= 1 && v <= max) this.counts = { ...this.counts, [key]: v };
      }} /></label>`;
    const count = (v: number | undefined) => (v === undefined ? '–' : v.toLocaleString('en'));
    return html`<section class="panel" part="panel">
      <h3>Parameters of one layer: N elements × d features → N × d′</h3>
      <div class="row">${field('N', 'elements', 100000)}${field('d', 'features', 4096)}${field('d′', 'out', 4096)}${field('k', 'kernel', 99)}</div>
      <table class="outs params">
        <tr><th>fully connected</th><td>(Nd)(Nd′) + Nd′</td><td>${count(counts?.dense)}</td></tr>
        <tr><th>convolution (kernel k)</th><td>k·d·d′ + d′</td><td>${count(counts?.conv)}</td></tr>
        <tr><th>Deep Sets equivariant</th><td>2·d·d′ + d′</td><td>${count(counts?.deepSets)}</td></tr>
      </table>
    </section>`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const shown = shownPanels(this.panels);
    const show = (p: Panel) => shown.includes(p);
    const columns = Math.min(shown.length, shown.length === 4 ? 2 : 3);
    return html`${this.renderSpeakerViewNote()}
      <div class="grid" style=${styleProps({ 'grid-template-columns': `repeat(${columns}, minmax(0, 1fr))` })}>
        ${show('invariance') ? this.renderInvariance() : null}
        ${show('equivariance') ? this.renderEquivariance() : null}
        ${show('training') ? this.renderTraining() : null}
        ${show('curve') ? this.renderCurve() : null}
        ${show('params') ? this.renderParams() : null}
      </div>
      ${show('training') ? null : html`<p class="dl-status" role="status" aria-live="polite">${this.training.statusText()}</p>`}`;
  }
}

/** Colour of element `id` of the demo set (Okabe–Ito, in order; ids past 8 repeat and carry a ring). */
function tileColour(id: number): string {
  return CATEGORICAL[id % CATEGORICAL.length];
}

function splitPanels(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The message for a bad `panels` value, or null. */
function panelsProblem(value: string): string | null {
  const v = value.trim();
  if (v === 'all' || v === '') return null;
  const bad = splitPanels(v).filter((p) => !(PANELS as readonly string[]).includes(p));
  return bad.length === 0 ? null : `${bad.map((b) => `"${quote(b)}"`).join(', ')} not recognised. Use "all" or a comma-separated list from: ${PANELS.join(', ')}.`;
}

function shownPanels(v: string): Panel[] {
  const t = v.trim();
  return t === 'all' || t === '' ? [...PANELS] : (splitPanels(t) as Panel[]);
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
