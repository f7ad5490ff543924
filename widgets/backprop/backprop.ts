import { html, svg, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { BackpropSpec, BackpropStep, BackpropTrace, BackpropWeights } from '../../engine/js.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { choice, int, num, text } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { styles } from './backprop.styles.ts';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'linear'] as const;
const OUTPUTS = ['sigmoid', 'linear'] as const;
const LOSSES = ['mse', 'bce'] as const;
const W = 760;
const H = 400;
const R = 25;

type Selection = { kind: 'weight'; layer: number; from: number; to: number } | { kind: 'bias'; layer: number; node: number } | null;

/** A factor in a product: negative numbers in parentheses. */
const par = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));

/** Format a number for the slide: three decimals, or scientific notation when tiny. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 0.001) return v.toExponential(1);
  return v.toFixed(3);
}

function parseList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v))) throw new Error('use comma-separated numbers, e.g. "0.5,-1".');
  return values;
}

/** A text declaration's check from a parser that throws a readable message. */
function checkWith(parse: (text: string) => unknown): (text: string) => string | null {
  return (text) => {
    try {
      parse(text);
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
}

/**
 * `<dl-backprop>`: backpropagation with the numbers. A small network is drawn as a graph; step
 * through the forward pass (values appear on the neurons), the loss, the backward pass one neuron
 * at a time (upstream gradient × local derivative = δ, and ∂L/∂w = a·δ on every incoming edge),
 * then the SGD update. Inputs, target, learning rate and every weight and bias are editable.
 *
 * ```html
 * <dl-backprop layers="2,3,2,1" activation="sigmoid" inputs="0.5,-1" target="1" learning-rate="0.5"></dl-backprop>
 * ```
 * Keyboard: focus the graph, → / ← step forward / back, Tab to a weight or neuron, Enter to edit it.
 *
 * @summary Step-through forward and backward pass of a small network, every number shown.
 * @event dl-backprop-step - After each revealed step. detail: { index: number; phase: string; layer?: number; node?: number; loss: number }
 * @event dl-update - After an SGD update. detail: { iteration: number; lossBefore: number; lossAfter: number }
 * @event dl-ready - The engine is loaded. detail: { backend: "js" } (plain JavaScript, no TensorFlow.js)
 * @csspart graph - The SVG network drawing.
 * @csspart toolbar - Step buttons and inputs.
 * @cssproperty [--forward-color=var(--dl-color-accent)] - Colour of forward values.
 * @cssproperty [--backward-color=var(--dl-color-accent-2)] - Colour of gradients.
 * @cssproperty [--graph-width=760px] - Width of the drawing.
 */
export class DlBackprop extends DlElement {
  static override styles = [widgetStyles, styles];

  /** Layer widths, input first, comma-separated (2 to 6 layers of 1 to 6 neurons). */
  @text({ check: checkWith(parseSizes) }) layers = '2,3,2,1';
  /** Hidden activation: sigmoid | tanh | relu | linear. */
  @choice(ACTIVATIONS) activation: (typeof ACTIVATIONS)[number] = 'sigmoid';
  /** Output activation: sigmoid | linear. */
  @choice(OUTPUTS) output: (typeof OUTPUTS)[number] = 'sigmoid';
  /** Loss: mse (½(ŷ − y)² summed over outputs) | bce (binary cross-entropy; needs a sigmoid output). */
  @choice(LOSSES) loss: (typeof LOSSES)[number] = 'mse';
  /** Input values, comma-separated (one per input neuron). */
  @text({ check: checkWith(parseList) }) inputs = '0.5,-1';
  /** Target values, comma-separated (one per output neuron). */
  @text({ check: checkWith(parseList) }) target = '1';
  /** SGD learning rate η. */
  @num({ min: 0, max: 100 }) learningRate = 0.5;
  /** Seed for the initial weights. */
  @int(0, 2 ** 31) seed = 1;

  @state() private weights: BackpropWeights | null = null;
  /** Index of the last revealed step in the schedule; -1 = nothing yet. */
  @state() private cursor = -1;
  @state() private selection: Selection = null;
  @state() private iteration = 0;

  private readonly task: EngineTask<{ eng: JsEngineModule }, JsEngineModule> = jsEngineTask(this, {
    // The network lives in the widget (weights are edited by hand); the engine only computes.
    args: () => [],
    build: (eng) => ({ eng }),
    ready: () => this.handleReady(),
  });
  private spec: BackpropSpec = { sizes: [2, 3, 2, 1], activation: 'sigmoid', output: 'sigmoid', loss: 'mse' };
  private x: number[] = [0.5, -1];
  private y: number[] = [1];
  private schedule: BackpropStep[] = [];
  private trace: BackpropTrace | null = null;
  private lastUpdate: { before: BackpropWeights; lossBefore: number } | null = null;

  // ── verbs ────────────────────────────────────────────────────────────────

  /** Reveal the next step (forward, loss, backward, update); after the update a new pass begins. */
  async step(): Promise<BackpropStep | undefined> {
    if (!(await this.task.ready()) || !this.weights) return undefined;
    if (this.cursor >= this.schedule.length - 1) this.beginPass();
    this.cursor++;
    const s = this.schedule[this.cursor];
    if (s.phase === 'update') this.applyUpdate();
    this.announce(s);
    return s;
  }

  /** Hide the last revealed step (not past the start of the pass). */
  back(): void {
    if (this.cursor < 0) return;
    if (this.schedule[this.cursor]?.phase === 'update' && this.lastUpdate) {
      this.weights = this.lastUpdate.before;
      this.iteration--;
      this.lastUpdate = null;
      this.recompute();
    }
    this.cursor--;
  }

  /** Reveal the rest of the current phase (all of forward, or all of backward), or the next one. */
  async play(): Promise<void> {
    if (!(await this.task.ready())) return;
    const phase = this.schedule[this.cursor + 1]?.phase ?? 'forward';
    do await this.step();
    while (this.schedule[this.cursor + 1] && this.schedule[this.cursor + 1].phase === phase && phase !== 'update');
  }

  /** Nothing to pause: the widget only moves when asked. Kept for the common verb set. */
  pause(): void {}

  /** Fresh seeded weights, iteration 0, nothing revealed. */
  reset(): void {
    const eng = this.task.value?.eng;
    if (!eng) return;
    this.weights = eng.initBackpropWeights(this.spec.sizes, eng.createRng(this.seed));
    this.iteration = 0;
    this.cursor = -1;
    this.selection = null;
    this.lastUpdate = null;
    this.recompute();
  }

  /** Current loss (before the update of this pass). */
  get currentLoss(): number {
    return this.trace?.loss ?? NaN;
  }

  /** The full trace of the current pass (numbers as shown once revealed). */
  get currentTrace(): BackpropTrace | null {
    return this.trace;
  }

  /** Current weights (copy). */
  get currentWeights(): BackpropWeights | null {
    return this.weights ? structuredClone(this.weights) : null;
  }

  /** Set one weight w[layer][from][to] (layer 0 connects the inputs to the first hidden layer). */
  setWeight(layer: number, from: number, to: number, value: number): void {
    if (!this.weights || !Number.isFinite(value)) return;
    const w = structuredClone(this.weights);
    w.w[layer][from][to] = value;
    this.weights = w;
    this.cursor = -1;
    this.recompute();
  }

  /** Set one bias b[layer][node]. */
  setBias(layer: number, node: number, value: number): void {
    if (!this.weights || !Number.isFinite(value)) return;
    const w = structuredClone(this.weights);
    w.b[layer][node] = value;
    this.weights = w;
    this.cursor = -1;
    this.recompute();
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override checkAttributes(): string[] {
    const out: string[] = [];
    const sizes = parseSizes(this.layers);
    const x = parseList(this.inputs);
    const y = parseList(this.target);
    if (this.loss === 'bce' && this.output !== 'sigmoid') out.push('loss="bce" needs output="sigmoid" (cross-entropy reads a probability).');
    if (x.length !== sizes[0]) out.push(`inputs="${this.inputs}" has ${x.length} values but layers="${this.layers}" starts with ${sizes[0]} inputs.`);
    if (y.length !== sizes[sizes.length - 1]) out.push(`target="${this.target}" has ${y.length} values but the network has ${sizes[sizes.length - 1]} outputs.`);
    return out;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const keys = ['layers', 'activation', 'output', 'loss', 'inputs', 'target', 'learningRate', 'seed'];
    if (!keys.some((k) => changed.has(k)) || this.hasConfigErrors) return;
    const sizes = parseSizes(this.layers);
    const structural = changed.has('layers') || changed.has('seed') || JSON.stringify(sizes) !== JSON.stringify(this.spec.sizes);
    this.spec = { sizes, activation: this.activation, output: this.output, loss: this.loss };
    this.x = parseList(this.inputs);
    this.y = parseList(this.target);
    if (!this.task.value) return;
    if (structural || !this.weights) this.reset();
    else {
      this.cursor = -1;
      this.recompute();
    }
  }

  private handleReady(): void {
    if (!this.hasConfigErrors) this.reset();
    this.emit('dl-ready', { backend: this.task.backendName });
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private recompute(): void {
    const eng = this.task.value?.eng;
    if (!eng || !this.weights || this.hasConfigErrors) return;
    this.schedule = eng.backpropSchedule(this.spec.sizes);
    this.trace = eng.backpropTrace(this.spec, this.weights, this.x, this.y);
    this.requestUpdate();
  }

  private beginPass(): void {
    this.cursor = -1;
    this.lastUpdate = null;
    this.recompute();
  }

  private applyUpdate(): void {
    const eng = this.task.value?.eng;
    if (!eng || !this.weights || !this.trace) return;
    const before = this.weights;
    const lossBefore = this.trace.loss;
    this.weights = eng.sgdUpdate(this.weights, this.trace, this.learningRate);
    this.lastUpdate = { before, lossBefore };
    this.iteration++;
    const lossAfter = eng.backpropTrace(this.spec, this.weights, this.x, this.y).loss;
    this.emit('dl-update', { iteration: this.iteration, lossBefore, lossAfter });
  }

  private announce(s: BackpropStep): void {
    this.emit('dl-backprop-step', { index: this.cursor, ...s, loss: this.trace?.loss ?? NaN });
  }

  /** Has step s (forward/backward of neuron) been revealed? */
  private revealed(phase: 'forward' | 'backward' | 'loss' | 'update', layer = 0, node = 0): boolean {
    for (let i = 0; i <= this.cursor; i++) {
      const s = this.schedule[i];
      if (s.phase !== phase) continue;
      if (s.phase === 'loss' || s.phase === 'update') return true;
      if (s.layer === layer && s.node === node) return true;
    }
    return false;
  }

  // ── events ───────────────────────────────────────────────────────────────

  private handleGraphKey(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as Element;
    if (e.key === 'ArrowRight') {
      void this.step();
    } else if (e.key === 'ArrowLeft') {
      this.back();
    } else if ((e.key === 'Enter' || e.key === ' ') && target instanceof SVGElement && target.dataset.sel) {
      this.select(JSON.parse(target.dataset.sel) as Selection);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  private select(sel: Selection): void {
    this.selection = sel;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('.edit input')?.focus());
  }

  private handleEdit(e: Event): void {
    const v = Number((e.target as HTMLInputElement).value);
    const s = this.selection;
    if (!s || !Number.isFinite(v)) return;
    if (s.kind === 'weight') this.setWeight(s.layer, s.from, s.to, v);
    else this.setBias(s.layer, s.node, v);
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private pos(layer: number, node: number): [number, number] {
    const sizes = this.spec.sizes;
    const x = 50 + (layer * (W - 250)) / (sizes.length - 1);
    const n = sizes[layer];
    const gap = Math.min(110, (H - 70) / n);
    const y = H / 2 + (node - (n - 1) / 2) * gap;
    return [x, y];
  }

  private renderGraph(): TemplateResult {
    const sizes = this.spec.sizes;
    const p = this.weights!;
    const t = this.trace!;
    const L = sizes.length - 1;
    const edges: TemplateResult[] = [];
    const labels: TemplateResult[] = [];
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < sizes[l]; i++) {
        for (let j = 0; j < sizes[l + 1]; j++) {
          const [x1, y1] = this.pos(l, i);
          const [x2, y2] = this.pos(l + 1, j);
          const w = p.w[l][i][j];
          const sel = this.selection?.kind === 'weight' && this.selection.layer === l && this.selection.from === i && this.selection.to === j;
          const back = this.revealed('backward', l + 1, j);
          const width = Math.min(5, 0.8 + Math.abs(w) * 2);
          edges.push(svg`<line class=${`edge ${w >= 0 ? 'pos' : 'neg'} ${sel ? 'sel' : ''} ${back ? 'back' : ''}`} x1=${x1 + R} y1=${y1} x2=${x2 - R} y2=${y2} stroke-width=${width}></line>`);
          const f1 = 0.25;
          const f2 = 0.75;
          const wx = x1 + R + (x2 - x1 - 2 * R) * f1;
          const wy = y1 + (y2 - y1) * f1;
          const selData = JSON.stringify({ kind: 'weight', layer: l, from: i, to: j });
          labels.push(svg`<g class=${`wlabel ${sel ? 'sel' : ''}`} tabindex="0" role="button" data-sel=${selData}
            aria-label=${`weight from layer ${l} neuron ${i + 1} to layer ${l + 1} neuron ${j + 1}: ${fmt(w)}. Press Enter to edit.`}
            @click=${() => this.select({ kind: 'weight', layer: l, from: i, to: j })}>
            <rect x=${wx - 21} y=${wy - 8} width="42" height="15" rx="4"></rect>
            <text x=${wx} y=${wy + 4}>${w.toFixed(2)}</text></g>`);
          if (back) {
            const gx = x1 + R + (x2 - x1 - 2 * R) * f2;
            const gy = y1 + (y2 - y1) * f2;
            labels.push(svg`<g class="glabel"><rect x=${gx - 26} y=${gy - 8} width="52" height="15" rx="4"></rect><text x=${gx} y=${gy + 4}>${fmt(t.gw[l][i][j])}</text></g>`);
          }
        }
      }
    }
    const nodes: TemplateResult[] = [];
    for (let l = 0; l <= L; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        const [cx, cy] = this.pos(l, j);
        const fwd = l === 0 || this.revealed('forward', l, j);
        const back = l > 0 && this.revealed('backward', l, j);
        const current = this.isCurrent(l, j);
        const name = l === 0 ? `x${sub(j + 1)}` : l === L ? `ŷ${sizes[L] > 1 ? sub(j + 1) : ''}` : `h${sup(l)}${sub(j + 1)}`;
        const selData = l > 0 ? JSON.stringify({ kind: 'bias', layer: l - 1, node: j }) : '';
        nodes.push(svg`<g class=${`node ${current ? 'current' : ''} ${l === 0 ? 'input' : ''}`} tabindex=${l > 0 ? '0' : '-1'} role=${l > 0 ? 'button' : 'img'} data-sel=${selData}
          aria-label=${`${name}: ${fwd ? `value ${fmt(t.a[l][j])}` : 'not computed yet'}${back ? `, delta ${fmt(t.delta[l][j])}` : ''}${l > 0 ? `, bias ${fmt(p.b[l - 1][j])}. Press Enter to edit the bias.` : ''}`}
          @click=${() => l > 0 && this.select({ kind: 'bias', layer: l - 1, node: j })}>
          <circle cx=${cx} cy=${cy} r=${R}></circle>
          <text class="name" x=${cx} y=${cy - R - 6}>${name}</text>
          <text class="val" x=${cx} y=${cy + 5}>${fwd ? fmt(t.a[l][j]) : '?'}</text>
          ${l > 0 ? svg`<text class="bias" x=${cx} y=${cy + R + 13}>b=${p.b[l - 1][j].toFixed(2)}</text>` : null}
          ${back ? svg`<text class="delta" x=${cx} y=${cy + R + 27}>δ=${fmt(t.delta[l][j])}</text>` : null}
        </g>`);
      }
    }
    const [ox, oy] = this.pos(L, 0);
    const lossShown = this.revealed('loss');
    return html`<svg part="graph" viewBox="0 0 ${W} ${H}" role="group" tabindex="0"
      aria-label="Network graph. Right arrow: next step; left arrow: back; Tab to a weight or neuron and press Enter to edit it."
      @keydown=${this.handleGraphKey}>
      ${edges}${labels}${nodes}
      <g class=${`lossbox ${lossShown ? 'shown' : ''}`}>
        <rect x=${ox + 55} y=${oy - 30} width="120" height="60" rx="6"></rect>
        <text x=${ox + 115} y=${oy - 10}>y = ${this.y.map((v) => v.toFixed(2)).join(', ')}</text>
        <text class="lossval" x=${ox + 115} y=${oy + 14}>L = ${lossShown ? fmt(t.loss) : '?'}</text>
      </g>
    </svg>`;
  }

  private isCurrent(l: number, j: number): boolean {
    const s = this.schedule[this.cursor];
    return !!s && (s.phase === 'forward' || s.phase === 'backward') && s.layer === l && s.node === j;
  }

  private renderExplanation(): TemplateResult {
    const s = this.schedule[this.cursor];
    const t = this.trace!;
    const p = this.weights!;
    const sizes = this.spec.sizes;
    const L = sizes.length - 1;
    if (!s) {
      return html`<p><strong>Ready.</strong> Press <kbd>Step</kbd> (or → on the graph) to compute the first neuron. Weights are on the edges; click one to edit it.</p>`;
    }
    const actName = (l: number) => (l === L ? this.spec.output : this.spec.activation);
    if (s.phase === 'forward') {
      const { layer: l, node: j } = s;
      const terms = Array.from({ length: sizes[l - 1] }, (_, i) => `${p.w[l - 1][i][j].toFixed(2)}·${par(t.a[l - 1][i])}`);
      return html`<p class="phase fwd">Forward · layer ${l}, neuron ${j + 1}</p>
        <p>z = Σ w·a + b = ${terms.join(' + ')} + ${p.b[l - 1][j].toFixed(2)} = <strong>${fmt(t.z[l][j])}</strong></p>
        <p>a = ${actName(l)}(z) = <strong>${fmt(t.a[l][j])}</strong></p>`;
    }
    if (s.phase === 'loss') {
      return html`<p class="phase">Loss</p>
        <p>${this.spec.loss === 'mse' ? html`L = ½ Σ (ŷ − y)²` : html`L = −[y log ŷ + (1 − y) log(1 − ŷ)]`} = <strong>${fmt(t.loss)}</strong></p>
        <p>The backward pass starts from ∂L/∂ŷ = ${t.dA[L].map(fmt).join(', ')}.</p>`;
    }
    if (s.phase === 'backward') {
      const { layer: l, node: j } = s;
      const upstream =
        l === L
          ? html`∂L/∂ŷ = ${this.spec.loss === 'mse' ? 'ŷ − y' : '(ŷ − y)/(ŷ(1 − ŷ))'} = <strong>${fmt(t.dA[l][j])}</strong>`
          : html`∂L/∂a = Σ w·δ = ${Array.from({ length: sizes[l + 1] }, (_, k) => `${p.w[l][j][k].toFixed(2)}·${par(t.delta[l + 1][k])}`).join(' + ')} = <strong>${fmt(t.dA[l][j])}</strong>`;
      const localText = { sigmoid: 'a(1 − a)', tanh: '1 − a²', relu: '[z > 0]', linear: '1' }[actName(l)];
      return html`<p class="phase back">Backward · layer ${l}, neuron ${j + 1}</p>
        <p>upstream: ${upstream}</p>
        <p>local: ∂a/∂z = ${localText} = <strong>${fmt(t.local[l][j])}</strong></p>
        <p>δ = upstream × local = <strong>${fmt(t.delta[l][j])}</strong>${this.spec.loss === 'bce' && l === L ? ' (= ŷ − y exactly)' : ''}</p>
        <p>each incoming edge: ∂L/∂w = a<sub>in</sub> · δ; ∂L/∂b = δ</p>`;
    }
    return html`<p class="phase">SGD update · iteration ${this.iteration}</p>
      <p>θ ← θ − η·∂L/∂θ with η = ${this.learningRate}</p>
      <p>Loss before: ${fmt(this.lastUpdate?.lossBefore ?? NaN)}. Step again to run the next forward pass with the new weights.</p>`;
  }

  private renderEditor(): TemplateResult | null {
    const s = this.selection;
    const p = this.weights;
    if (!s || !p) return null;
    const value = s.kind === 'weight' ? p.w[s.layer][s.from][s.to] : p.b[s.layer][s.node];
    const label = s.kind === 'weight' ? `w from layer ${s.layer} neuron ${s.from + 1} to layer ${s.layer + 1} neuron ${s.to + 1}` : `bias of layer ${s.layer + 1} neuron ${s.node + 1}`;
    return html`<div class="edit"><label>${label}
      <input type="number" step="0.1" .value=${String(Number(value.toFixed(4)))} @change=${this.handleEdit} /></label>
      <button @click=${() => (this.selection = null)}>Done</button></div>`;
  }

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const ready = this.task.status === 'ready' && this.weights && this.trace;
    const num = (label: string, value: string, onChange: (v: string) => void, title: string) =>
      html`<label title=${title}>${label}<input type="text" size="7" .value=${value} @change=${(e: Event) => onChange((e.target as HTMLInputElement).value)} /></label>`;
    return html`${note}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${() => void this.step()} ?disabled=${!ready}>Step</button>
        <button @click=${() => this.back()} ?disabled=${!ready || this.cursor < 0}>Back</button>
        <button @click=${() => void this.play()} ?disabled=${!ready} title="Reveal the rest of the current phase">Whole phase</button>
        <button @click=${() => this.reset()} ?disabled=${!ready} title="Seeded initial weights again">Reset</button>
        ${num('x =', this.inputs, (v) => (this.inputs = v), 'Input values, comma-separated')}
        ${num('y =', this.target, (v) => (this.target = v), 'Target values, comma-separated')}
        <label>η =<input type="number" step="0.1" min="0" .value=${String(this.learningRate)} @change=${(e: Event) => (this.learningRate = Number((e.target as HTMLInputElement).value))} /></label>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      ${ready
        ? html`<div class="layout">
            <div class="graph">${this.renderGraph()}</div>
            <div class="side" aria-live="polite">${this.renderExplanation()}${this.renderEditor()}</div>
          </div>`
        : html`<div class="placeholder">${this.task.renderStatus() ?? 'Preparing…'}</div>`}`;
  }

  private statusText(): string {
    if (this.task.status !== 'ready') return this.task.status === 'loading' ? 'Loading…' : this.task.status === 'error' ? 'Could not start' : 'Starts when shown';
    const s = this.schedule[this.cursor];
    const where = !s ? 'ready for a forward pass' : s.phase === 'forward' ? 'forward pass' : s.phase === 'loss' ? 'loss computed' : s.phase === 'backward' ? 'backward pass' : 'weights updated';
    return `iteration ${this.iteration} · ${where} · step ${this.cursor + 1}/${this.schedule.length}`;
  }
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.length < 2 || sizes.length > 6 || sizes.some((v) => !Number.isInteger(v) || v < 1 || v > 6)) {
    throw new Error('use 2 to 6 comma-separated layer widths from 1 to 6, input first, e.g. "2,3,2,1".');
  }
  return sizes;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sub = (n: number) => String(n).split('').map((d) => SUB[Number(d)]).join('');
const sup = (n: number) => `⁽${String(n).split('').map((d) => SUP[Number(d)]).join('')}⁾`;

defineElement('dl-backprop', DlBackprop);

declare global {
  interface HTMLElementTagNameMap {
    'dl-backprop': DlBackprop;
  }
}
