import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { ImageCompressor, ImageReconstruction } from '../../engine/js.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './tensor-compress.styles.ts';
import { drawCurves, drawImage, type Curve } from './tensor-compress.view.ts';

const METHODS = ['svd', 'tucker', 'cp'] as const;
const METHOD_NAMES: Record<(typeof METHODS)[number], string> = { svd: 'truncated SVD (grey)', tucker: 'Tucker / HOSVD (colour)', cp: 'CP by ALS (colour)' };
/** CP-ALS sweeps before Play counts the fit as done. */
const MAX_SWEEPS = 150;

/**
 * `<dl-tensor-compress>`: compress a picture with a rank slider. A 96 × 96 colour landscape (drawn
 * by code) is approximated by a truncated SVD of its grey levels (a matrix), by Tucker (HOSVD) of
 * its rows × columns × colour tensor, or by CP fitted live by alternating least squares. Beside
 * the original and the approximation: how many numbers are stored against the original, the
 * relative error, and the singular-value decay (per mode for Tucker; the error per ALS sweep for CP).
 *
 * ```html
 * <dl-tensor-compress method="svd" rank="10"></dl-tensor-compress>
 * ```
 *
 * @summary Truncated SVD, Tucker and CP of an image with rank sliders, stored numbers, error and singular-value decay.
 * @event dl-ready - The SVD and HOSVD are computed. detail: { backend: string }
 * @event dl-train-step - After each frame of CP-ALS sweeps. detail: { step: number; error: number }
 * @csspart toolbar - Play (CP sweeps), step, reset, method, ranks and status.
 * @csspart picture - The approximation.
 * @cssproperty [--tensor-picture-size=280px] - Side of each picture.
 */
export class DlTensorCompress extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Decomposition: svd | tucker | cp. */
  @choice(METHODS) method: (typeof METHODS)[number] = 'svd';
  /** SVD rank, and Tucker's rank for rows and for columns (1–96). */
  @int(1, 96) rank = 10;
  /** Tucker's rank for the colour mode (1–3). */
  @int(1, 3) colourRank = 3;
  /** CP rank: number of rank-one components (1–80). */
  @int(1, 80) cpRank = 20;
  /** Seed of the image's grain and of CP's random start. */
  @int(0, 2 ** 31) seed = 1;
  /** Start CP sweeps when shown (method cp). */
  @flag() autoplay = false;

  private result: ImageReconstruction | null = null;
  /** The build in progress; a new one replaces it, so the old one sees it is stale. */
  private buildToken = {};

  private readonly task: EngineTask<ImageCompressor, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.seed],
    // The image, SVD and HOSVD are computed in slices of ~12 ms (issue 18); a newer build, Reset
    // or removal stops this one between slices.
    build: (eng) => {
      const token = (this.buildToken = {});
      const stale = () => token !== this.buildToken || !this.isConnected || this.task.status !== 'loading';
      return eng.createImageCompressor({ seed: this.seed }, { shouldStop: stale });
    },
    ready: (s) => {
      // refresh() starts CP-ALS only when CP is shown: its random start costs a frame or two.
      this.refresh(s);
      this.emit('dl-ready', { backend: 'js' });
    },
  });
  protected readonly training: Training<ImageCompressor> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => {
      // SVD and Tucker have closed forms: nothing to iterate, so Play stops at once.
      if (this.method !== 'cp') return this.training.pause();
      s.setCpRank(this.cpRank);
      let error: number;
      do error = s.cpStep();
      while (performance.now() < deadline && s.cpErrors.length <= MAX_SWEEPS);
      this.refresh(s);
      this.emit('dl-train-step', { step: s.cpErrors.length - 1, error });
    },
    describe: (s) => (this.method === 'cp' ? `sweep ${Math.max(0, s.cpErrors.length - 1)}` : 'closed form: move the rank'),
    finished: (s) => this.method === 'cp' && s.cpErrors.length > MAX_SWEEPS,
    autoplay: () => this.autoplay,
    onReset: () => (this.result = null),
  });

  /** Recompute the approximation the controls ask for. */
  private refresh(s: ImageCompressor): void {
    if (this.method === 'cp') s.setCpRank(this.cpRank);
    this.result = s.reconstruct(this.method, this.method === 'tucker' ? [this.rank, this.rank, this.colourRank] : [this.rank]);
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const s = this.task.value;
    if (s && ['method', 'rank', 'colourRank', 'cpRank'].some((k) => changed.has(k))) {
      if (this.method === 'cp') s.setCpRank(this.cpRank);
      this.result = s.reconstruct(this.method, this.method === 'tucker' ? [this.rank, this.rank, this.colourRank] : [this.rank]);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.paint();
  }

  /**
   * Print hook (widgets/_shared/print-ready.ts): wait for the decompositions; for CP, run 20 ALS
   * sweeps in 30 ms slices so the printed picture is a fit, not the random start.
   */
  async printReady(): Promise<void> {
    this.pause();
    await this.task.use(async (s) => {
      if (this.method === 'cp') {
        s.setCpRank(this.cpRank);
        while (s.cpErrors.length <= 20) {
          const until = performance.now() + 30;
          while (s.cpErrors.length <= 20 && performance.now() < until) s.cpStep();
          await nextTask();
        }
      }
      this.refresh(s);
    });
    await this.updateComplete;
  }

  private paint(): void {
    const s = this.task.value;
    const root = this.renderRoot;
    const original = root.querySelector<HTMLCanvasElement>('canvas.original');
    const picture = root.querySelector<HTMLCanvasElement>('canvas.picture');
    const plot = root.querySelector<HTMLCanvasElement>('canvas.decay');
    if (!s || !original || !picture || !plot) return;
    drawImage(original, this.method === 'svd' ? s.grey : s.original);
    if (this.result) drawImage(picture, this.result.image);
    const colours = { muted: cssVar(this, '--dl-color-muted', '#5b6573'), fg: cssVar(this, '--dl-color-fg', '#1d2430') };
    const fg = colours.fg;
    let curves: Curve[];
    let marker: number | null;
    let labels: { x: string; y: string };
    if (this.method === 'svd') {
      curves = [{ values: s.singularValues, colour: fg, label: 'σⱼ of the grey image' }];
      marker = this.rank;
      labels = { x: 'index j (kept: left of the dashed line)', y: 'singular value' };
    } else if (this.method === 'tucker') {
      curves = [
        { values: s.modeSingularValues[0], colour: cssVar(this, '--dl-color-accent', '#0877bd'), label: 'rows' },
        { values: s.modeSingularValues[1], colour: cssVar(this, '--dl-color-negative', '#f59322'), label: 'columns' },
        { values: s.modeSingularValues[2], colour: fg, label: 'colour (3)' },
      ];
      marker = this.rank;
      labels = { x: 'index j per mode unfolding', y: 'singular value' };
    } else {
      curves = [{ values: s.cpErrors, colour: fg, label: 'relative error' }];
      marker = null;
      labels = { x: 'ALS sweep', y: '‖X − X̂‖ / ‖X‖' };
    }
    drawCurves(plot, plot.clientWidth || 360, plot.clientHeight || 280, curves, marker, labels, colours);
  }

  private renderControls(): TemplateResult {
    const slider = (label: string, value: number, max: number, set: (v: number) => void) =>
      html`<label>${label} <b>${value}</b>
        <input type="range" min="1" max=${max} step="1" .value=${String(value)} aria-label=${label} @input=${(e: Event) => set(Number((e.target as HTMLInputElement).value))} /></label>`;
    return html`<label>Method <select @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value as DlTensorCompress['method'])}>
        ${METHODS.map((m) => html`<option .value=${m} ?selected=${m === this.method}>${METHOD_NAMES[m]}</option>`)}</select></label>
      ${this.method === 'svd' ? slider('Rank', this.rank, 96, (v) => (this.rank = v)) : null}
      ${this.method === 'tucker'
        ? html`${slider('Rows and columns rank', this.rank, 96, (v) => (this.rank = v))}${slider('Colour rank', this.colourRank, 3, (v) => (this.colourRank = v))}`
        : null}
      ${this.method === 'cp' ? slider('CP rank', this.cpRank, 80, (v) => (this.cpRank = v)) : null}`;
  }

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const r = this.result;
    const share = r ? r.params / r.originalParams : NaN;
    return html`${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(this.renderControls(), { play: this.method === 'cp' ? 'Run ALS' : 'Play' })}
      <div class="layout">
        <figure><canvas class="original" role="img" aria-label="The original picture"></canvas><figcaption>original${this.method === 'svd' ? ' (grey levels)' : ''}</figcaption></figure>
        <figure><canvas class="picture" part="picture" role="img" aria-label="The compressed picture"></canvas>
          <figcaption class="readout">${r
            ? html`<b class="params">${r.params.toLocaleString('en-US')}</b> of ${r.originalParams.toLocaleString('en-US')} numbers (${(share * 100).toFixed(1)} %)${share > 1 ? ' — more than the original!' : ''}<br />
                error <b class="error">${(r.error * 100).toFixed(1)} %</b>${this.method === 'cp' && (this.task.value?.cpErrors.length ?? 0) <= 1 ? ' (press Run ALS)' : ''}`
            : 'computing the decompositions…'}</figcaption>
        </figure>
        <figure><canvas class="decay" role="img" aria-label="Singular-value decay, or CP error per sweep"></canvas></figure>
      </div>`;
  }
}

defineElement('dl-tensor-compress', DlTensorCompress);

declare global {
  interface HTMLElementTagNameMap {
    'dl-tensor-compress': DlTensorCompress;
  }
}
