import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Activations, MnistSubset, Normalized } from '../../engine/js.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { paintGrid } from '../_shared/canvas.ts';
import { cssVar, divergingTable, sequentialTable } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { styles } from './normalization.styles.ts';

const KINDS = ['batch', 'layer', 'instance', 'group'] as const;
const MODES = ['train', 'inference'] as const;
const KIND_LABEL: Record<string, string> = { batch: 'BatchNorm', layer: 'LayerNorm', instance: 'InstanceNorm', group: 'GroupNorm' };
const CHANNEL_NAMES = ['edge-x', 'edge-y', 'blur', 'sharpen'];
/** Group counts that divide the 4 channels. */
const GROUPS = [1, 2, 4];
const HUES = [205, 30, 140, 280, 0, 60, 175, 320, 100, 240, 15, 260, 190, 45, 300, 120];

/**
 * `<dl-normalization>`: the activation tensor of a conv layer (edge, blur and sharpen kernels,
 * ReLU, max-pool) on a batch of real handwritten digits, drawn as a block of examples × channels,
 * each cell a spatial map. Choose batch, layer, instance or group norm: the cells that share one
 * mean and variance are outlined in one colour; click a cell to see its group's statistics. For
 * batch norm, switch between training (batch statistics) and inference (running averages).
 *
 * ```html
 * <dl-normalization kind="group" groups="2" batch-size="4"></dl-normalization>
 * ```
 *
 * @summary Which activations share one mean and variance in batch, layer, instance and group norm.
 * @event dl-ready - Activations computed. detail: { shape: number[] }
 * @event dl-select - The user picked a cell. detail: { example: number; channel: number; group: number }
 * @csspart block - The examples × channels block.
 * @cssproperty [--selected=var(--dl-color-accent-2)] - Outline of the picked cell.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative normalized values.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive values.
 */
export class DlNormalization extends DlElement {
  static override styles = [widgetStyles, styles];

  /** Layer: batch | layer | instance | group. */
  @choice(KINDS) kind: (typeof KINDS)[number] = 'batch';
  /** Groups for group norm (must divide the 4 channels: 1, 2 or 4). */
  @int(1, 4) groups = 2;
  /** Examples in the batch (2–8). */
  @int(2, 8) batchSize = 4;
  /** Batch norm mode: train (batch statistics) | inference (running averages). */
  @choice(MODES) mode: (typeof MODES)[number] = 'train';
  /** Running-average momentum m (PyTorch's default 0.1). */
  @num({ min: 0.001, max: 1 }) momentum = 0.1;
  /** Training batches that fed the running averages (1–500). */
  @int(1, 500) runningSteps = 50;
  /** Seed for which digits form the batch. */
  @int(0, 2 ** 31) seed = 1;
  /** Draw the normalized activations instead of the raw ones. */
  @flag() showNormalized = false;

  @state() private picked = { n: 0, c: 0 };

  private readonly task: EngineTask<{ eng: JsEngineModule; mnist: MnistSubset }, JsEngineModule> = jsEngineTask(this, {
    // The digits depend on no attribute: load them once, compute the activations per setting.
    args: () => [],
    build: async (eng) => ({ eng, mnist: await eng.loadMnist() }),
    ready: () => this.handleReady(),
  });
  private cache?: { key: string; acts: Activations; norm: Normalized; train?: Normalized; running?: { mean: Float32Array; variance: Float32Array } };

  /** Nothing animates here; play() shows the normalized values. */
  play(): void {
    this.showNormalized = true;
  }

  /** Show the raw activations. */
  pause(): void {
    this.showNormalized = false;
  }

  /** Back to the first cell and the raw activations. */
  reset(): void {
    this.picked = { n: 0, c: 0 };
    this.showNormalized = false;
  }

  /** Draw a new batch of digits (next seed). */
  step(): void {
    this.seed = (this.seed + 1) % 2 ** 31;
  }

  /** The current statistics (for tests): group of the picked cell, its mean and variance. */
  get pickedStats(): { group: number; mean: number; variance: number; cells: number } | null {
    const s = this.compute();
    if (!s) return null;
    const g = s.norm.groupOf[(this.picked.n * s.acts.c + this.picked.c) * s.acts.h * s.acts.w];
    return { group: g, mean: s.norm.mean[g], variance: s.norm.variance[g], cells: s.norm.groupSize };
  }

  /**
   * The declarations check each attribute, and `checkAttributes` runs only once they all pass; "groups
   * must divide the 4 channels" is a rule on one attribute that a number declaration cannot state,
   * so it is added here, next to the other attributes' messages.
   */
  override attributeProblems(): string[] {
    const out = super.attributeProblems();
    const g = this.groups;
    if (Number.isInteger(g) && g >= 1 && g <= 4 && !GROUPS.includes(g)) out.push(`groups="${g}" does not divide the 4 channels. Use one of: ${GROUPS.join(', ')}.`);
    return out;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.picked.n >= this.batchSize) this.picked = { n: 0, c: this.picked.c };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  private async handleReady(): Promise<void> {
    await this.updateComplete;
    const s = this.compute();
    if (s) this.emit('dl-ready', { shape: [s.acts.n, s.acts.c, s.acts.h, s.acts.w] });
  }

  private compute() {
    const v = this.task.value;
    if (!v || this.hasConfigErrors) return undefined;
    const key = [this.kind, this.groups, this.batchSize, this.mode, this.momentum, this.runningSteps, this.seed].join('|');
    if (this.cache?.key === key) return this.cache;
    const { eng, mnist } = v;
    const acts = eng.digitActivations(mnist.test, { batch: this.batchSize, seed: this.seed });
    const kind = this.kind;
    let running: { mean: Float32Array; variance: Float32Array } | undefined;
    let norm: Normalized;
    let train: Normalized | undefined;
    if (kind === 'batch' && this.mode === 'inference') {
      running = eng.runningBatchStats(mnist.train, { batch: this.batchSize, steps: this.runningSteps, momentum: this.momentum, seed: this.seed + 1000 });
      norm = eng.normalizeActivations(acts, kind, { stats: running });
      train = eng.normalizeActivations(acts, kind);
    } else norm = eng.normalizeActivations(acts, kind, { groups: this.groups });
    this.cache = { key, acts, norm, train, running };
    return this.cache;
  }

  private paint(): void {
    const s = this.compute();
    if (!s) return;
    const area = s.acts.h * s.acts.w;
    const seq = sequentialTable('#000000', '#ffffff');
    const div = divergingTable(cssVar(this, '--negative', '#f59322'), cssVar(this, '--neutral', '#e8eaeb'), cssVar(this, '--positive', '#0877bd'));
    let max = 1e-6;
    const data = this.showNormalized ? s.norm.y : s.acts.data;
    for (const v of data) max = Math.max(max, Math.abs(v));
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('.cell canvas').forEach((canvas, i) => {
      const values = data.subarray(i * area, (i + 1) * area);
      if (this.showNormalized) paintGrid(canvas, values, s.acts.w, s.acts.h, div, (v) => (v / max + 1) * 127.5);
      else paintGrid(canvas, values, s.acts.w, s.acts.h, seq, (v) => (v / max) * 255);
    });
  }

  private pick(n: number, c: number): void {
    this.picked = { n, c };
    const s = this.compute();
    const group = s ? s.norm.groupOf[(n * s.acts.c + c) * s.acts.h * s.acts.w] : -1;
    this.emit('dl-select', { example: n, channel: c, group });
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const s = this.compute();
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar">
        <label>Layer
          <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as DlNormalization['kind'])}>
            ${KINDS.map((k) => html`<option .value=${k} ?selected=${k === this.kind}>${KIND_LABEL[k]}</option>`)}
          </select></label>
        ${this.kind === 'group'
          ? html`<label>Groups <select @change=${(e: Event) => (this.groups = Number((e.target as HTMLSelectElement).value))}>
              ${[1, 2, 4].map((g) => html`<option .value=${String(g)} ?selected=${g === this.groups}>${g}</option>`)}</select></label>`
          : null}
        ${this.kind === 'batch'
          ? html`<label>Mode <select @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as DlNormalization['mode'])}>
              ${MODES.map((m) => html`<option .value=${m} ?selected=${m === this.mode}>${m === 'train' ? 'training (batch statistics)' : 'inference (running statistics)'}</option>`)}</select></label>`
          : null}
        <label><input type="checkbox" .checked=${this.showNormalized} @change=${(e: Event) => (this.showNormalized = (e.target as HTMLInputElement).checked)} />Show normalized</label>
        <button @click=${() => this.step()} title="Another batch of digits">New batch</button>
        <span class="dl-status">${this.task.renderStatus() ?? `activations ${this.batchSize} × 4 × 7 × 7 from real digits`}</span>
      </div>
      ${s ? this.renderBlock(s) : null}
    `;
  }

  private renderBlock(s: NonNullable<ReturnType<DlNormalization['compute']>>) {
    const { acts, norm } = s;
    const area = acts.h * acts.w;
    const pickedGroup = norm.groupOf[(this.picked.n * acts.c + this.picked.c) * area];
    const stats = this.kind === 'batch' && this.mode === 'inference' && s.running ? s.running : { mean: norm.mean, variance: norm.variance };
    const over: Record<string, string> = {
      batch: `the ${acts.n} examples × ${acts.h}×${acts.w} positions of one channel = ${norm.groupSize} values`,
      layer: `all ${acts.c} channels × ${acts.h}×${acts.w} positions of one example = ${norm.groupSize} values`,
      instance: `the ${acts.h}×${acts.w} positions of one channel of one example = ${norm.groupSize} values`,
      group: `${acts.c / this.groups} channel${acts.c / this.groups > 1 ? 's' : ''} × ${acts.h}×${acts.w} positions of one example = ${norm.groupSize} values`,
    };
    const inference = this.kind === 'batch' && this.mode === 'inference';
    return html`<div class="layout">
      <div>
        <div class="block" part="block" style=${styleProps({ 'grid-template-columns': `auto repeat(${acts.c}, auto)` })}>
          <span></span>
          ${Array.from({ length: acts.c }, (_, c) => html`<span class="axis">channel ${c + 1}<br />${CHANNEL_NAMES[c]}</span>`)}
          ${Array.from({ length: acts.n }, (_, n) => html`<span class="axis">example ${n + 1}</span>
            ${Array.from({ length: acts.c }, (_, c) => {
              const g = norm.groupOf[(n * acts.c + c) * area];
              const hue = HUES[g % HUES.length];
              const picked = n === this.picked.n && c === this.picked.c;
              return html`<button class="cell ${g === pickedGroup ? '' : 'dim'} ${picked ? 'picked' : ''}" style=${styleProps({ 'border-color': `hsl(${hue} 70% 50%)` })}
                aria-label=${`example ${n + 1}, channel ${c + 1}, statistics group ${g + 1}`} aria-pressed=${picked} @click=${() => this.pick(n, c)}><canvas width=${acts.w} height=${acts.h}></canvas></button>`;
            })}`)}
        </div>
        <p class="axis">Frame colour = which mean and variance a cell uses. Click a cell.</p>
      </div>
      <div class="stats">
        <p><strong>${KIND_LABEL[this.kind]}</strong>: ${norm.groupCount} mean${norm.groupCount > 1 ? 's' : ''} and variance${norm.groupCount > 1 ? 's' : ''}, each over ${over[this.kind]}.</p>
        ${inference
          ? html`<p>At inference every example uses the running averages of ${this.runningSteps} training batches (momentum ${this.momentum}), not its own batch:</p>
              <table><tr><th>channel</th><th>batch μ</th><th>running μ̂</th><th>batch σ²</th><th>running σ̂²</th></tr>
                ${Array.from({ length: acts.c }, (_, c) => html`<tr><td>${c + 1}</td><td>${norm.mean[c].toFixed(3)}</td><td>${s.running!.mean[c].toFixed(3)}</td><td>${norm.variance[c].toFixed(3)}</td><td>${s.running!.variance[c].toFixed(3)}</td></tr>`)}
              </table>
              <p>So the output of one example no longer depends on the others in its batch, and the batch is only approximately standardised.</p>`
          : html`<p>Picked cell: example ${this.picked.n + 1}, channel ${this.picked.c + 1} → group ${pickedGroup + 1}:<br />
              <span class="formula">μ = ${stats.mean[pickedGroup].toFixed(4)}, σ² = ${stats.variance[pickedGroup].toFixed(4)}</span></p>
              <p class="formula">x̂ = (x − μ) / √(σ² + ε), then y = γ x̂ + β</p>
              ${this.kind === 'batch' ? html`<p>The statistics mix examples: change one digit in the batch and every example's output changes.</p>` : html`<p>No dependence on the other examples: training and inference compute the same thing.</p>`}`}
      </div>
    </div>`;
  }
}

defineElement('dl-normalization', DlNormalization);

declare global {
  interface HTMLElementTagNameMap {
    'dl-normalization': DlNormalization;
  }
}
