import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AlignmentLab, AlignmentMethod, AlignmentStats, PaceClock, Preference } from '../../engine/js.ts';
import { fitCanvas } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { CATEGORICAL, cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num } from '../_shared/props.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './alignment.styles.ts';
import { drawPolicyBars, drawRewardVsKl, type CurvePoint } from './alignment.view.ts';

const METHODS = ['ppo', 'dpo'] as const;
const METHOD_LABELS: Record<AlignmentMethod, string> = { ppo: 'PPO-KL', dpo: 'DPO' };
/** Policy steps in one run (Play then starts again from π_ref). */
const RUN_STEPS = 300;
/** The β slider moves on a log scale over this range. */
const BETA_MIN = 0.01;
const BETA_MAX = 10;

/** Position 0–1000 of the β slider for a β, and back. */
const betaToSlider = (b: number) => Math.round((1000 * Math.log(b / BETA_MIN)) / Math.log(BETA_MAX / BETA_MIN));
const sliderToBeta = (s: number) => +(BETA_MIN * (BETA_MAX / BETA_MIN) ** (s / 1000)).toPrecision(2);

/**
 * `<dl-alignment>`: RLHF and DPO on one prompt you can run. Two answers to "How do I fix a flat
 * bicycle tyre?", drawn from the reference policy π_ref, wait for a click on the better one; each
 * click fits a Bradley–Terry reward model r_φ (linear in the number of repair steps named, the
 * length and the exclamation marks) live, and "Auto-label 10" lets a scripted labeller with a
 * hidden score click for you. Play then optimises the policy π over the eight answers, either with
 * PPO against r_φ and a KL penalty β·KL(π‖π_ref) or with DPO on the collected pairs with the same
 * β. Bars show π against π_ref per answer; the chart plots E_π[r_φ] and the hidden score against
 * KL(π‖π_ref). With β near 0, PPO finds the answer the reward model overrates (all exclamation
 * marks, no repair step): reward hacking.
 *
 * ```html
 * <dl-alignment method="ppo" beta="1" kl-budget="2"></dl-alignment>
 * <dl-alignment prelabel="30" beta="0.01" autoplay></dl-alignment>
 * ```
 *
 * @summary RLHF you can click: a Bradley–Terry reward model, PPO-KL and DPO, and reward hacking at small β.
 * @event dl-ready - The lab is built. detail: { answers: number; pairs: number }
 * @event dl-preference - A comparison was labelled and r_φ refitted. detail: { winner: number; loser: number; pairs: number; rmAccuracy: number; scripted: boolean }
 * @event dl-train-step - After each policy step. detail: { step: number; method: string; beta: number; rewardRm: number; rewardTrue: number; kl: number }
 * @csspart compare - The prompt, the two answers and their buttons.
 * @csspart bars - π and π_ref per answer.
 * @csspart chart - Reward against KL.
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--alignment-policy=var(--dl-color-accent)] - Colour of π's bars and of E_π[r_φ].
 * @cssproperty [--alignment-true=#d55e00] - Colour of the true (hidden) score's curve.
 */
export class DlAlignment extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['prefer', 'autoLabel', 'clearLabels'];

  /** Policy optimiser: ppo (PPO against r_φ with the KL penalty) | dpo (DPO on the labelled pairs). */
  @choice(METHODS) method: AlignmentMethod = 'ppo';
  /** KL weight β of both methods (0.01–10; the slider is logarithmic). */
  @num({ min: BETA_MIN, max: BETA_MAX }) beta = 1;
  /** KL(π‖π_ref) budget in nats, drawn as a dashed line (0.1–10). */
  @num({ min: 0.1, max: 10 }) klBudget = 2;
  /** Adam step size of the policy logits (0.001–1). */
  @num({ min: 0.001, max: 1 }) learningRate = 0.05;
  /** Scripted comparisons made before the first click (0–200). */
  @int(0, 200) prelabel = 0;
  /** Seed of the comparisons shown, the held-out set and PPO's sampling. */
  @int(0, 2 ** 31) seed = 2;
  /** Start optimising the policy as soon as the widget is shown. */
  @flag() autoplay = false;

  /** The two answers shown for comparison (indices), A then B. */
  @state() private pair: [number, number] | null = null;
  /** The person's labels (and the scripted ones), kept through Reset and changes of β or method. */
  private labels: (Preference & { scripted: boolean })[] = [];
  private curve: CurvePoint[] = [];

  private readonly task: EngineTask<AlignmentLab, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.seed, this.prelabel],
    // Each label refits r_φ: at 200 labels one refit is tens of milliseconds, so they run in slices.
    build: async (eng) => {
      const lab = eng.createAlignmentLab({ seed: this.seed, beta: this.beta, method: this.method, learningRate: this.learningRate });
      if (!this.labels.length && this.prelabel) {
        await lab.autoLabelPaced(this.prelabel, nextTask);
        this.labels = lab.preferences.map((p) => ({ ...p, scripted: true }));
      } else {
        // The same labels, fitted in the same order, and the stream of comparisons moved past them.
        const clock = eng.paceClock();
        for (const p of this.labels) {
          lab.samplePair();
          await lab.addPreferencePaced(p.winner, p.loser, nextTask, undefined, clock);
        }
      }
      return lab;
    },
    ready: (lab) => {
      this.pair = lab.samplePair();
      this.restartCurve(lab);
      this.emit('dl-ready', { answers: lab.answers.length, pairs: lab.preferences.length });
    },
  });
  protected readonly training: Training<AlignmentLab> = new Training(this, {
    task: this.task,
    // One policy step per frame (each takes well under a millisecond): slow enough to watch.
    frame: (lab) => this.stepOnce(lab),
    step: (lab) => this.stepOnce(lab),
    finished: (lab) => lab.steps >= RUN_STEPS,
    describe: (lab) => this.describe(lab),
    autoplay: () => this.autoplay,
    onReset: () => (this.curve = []),
  });

  /** The lab's read-outs now (undefined before it is built). */
  get stats(): AlignmentStats | undefined {
    return this.task.value?.stats();
  }

  /** The comparison on screen, as answer indices [A, B]. */
  get shownPair(): [number, number] | null {
    return this.pair;
  }

  // ── labelling ────────────────────────────────────────────────────────────

  /** The person prefers answer A or B of the pair shown: record it, refit r_φ, show the next pair. */
  async prefer(side: 'a' | 'b'): Promise<void> {
    await this.task.use(async (lab) => {
      if (!this.pair || this.refitting) return;
      const [a, b] = this.pair;
      this.pair = lab.samplePair();
      await this.record(lab, side === 'a' ? a : b, side === 'a' ? b : a, false);
    });
    this.requestUpdate();
  }

  /**
   * `count` comparisons by the scripted labeller (it knows the hidden scores), starting with the
   * pair on screen: clicks and auto-labels walk the same seeded stream of comparisons, so 30 of
   * them label the same pairs as `createAlignmentLab({ seed }).autoLabel(30)` (the bench).
   */
  async autoLabel(count = 10): Promise<void> {
    await this.task.use(async (lab) => {
      if (this.refitting) return;
      const clock = { deadline: performance.now() + 8 }; // one slice clock for the run of labels
      for (let i = 0; i < count; i++) {
        const [a, b] = this.pair ?? lab.samplePair();
        const w = lab.scriptedChoice(a, b);
        this.pair = lab.samplePair();
        await this.record(lab, w, w === a ? b : a, true, clock);
      }
    });
    this.requestUpdate();
  }

  /** Forget every label: r_φ back to 0, the policy back to π_ref. */
  clearLabels(): void {
    this.labels = [];
    this.training.reset();
  }

  /** Refits r_φ in slices (`record`): the policy waits, and further labels wait, until it ends. */
  private refitting = false;

  private async record(lab: AlignmentLab, winner: number, loser: number, scripted: boolean, clock?: PaceClock): Promise<void> {
    this.refitting = true;
    try {
      await lab.addPreferencePaced(winner, loser, nextTask, undefined, clock);
    } finally {
      this.refitting = false;
    }
    this.labels.push({ winner, loser, scripted });
    // A new reward model starts a new run of the policy from π_ref.
    lab.resetPolicy();
    this.restartCurve(lab);
    this.emit('dl-preference', { winner, loser, pairs: lab.preferences.length, rmAccuracy: lab.stats().rmAccuracy, scripted });
  }

  // ── training ─────────────────────────────────────────────────────────────

  private stepOnce(lab: AlignmentLab): void {
    if (this.refitting) return; // r_φ is being refitted: the policy's next run starts after it
    if (lab.options.method === 'dpo' && !lab.preferences.length) return; // the status says why
    if (lab.steps >= RUN_STEPS) return;
    const s = lab.step();
    this.curve.push({ kl: s.kl, rm: s.rewardRm, hidden: s.rewardTrue });
    this.emit('dl-train-step', { step: s.step, method: lab.options.method, beta: lab.options.beta, rewardRm: s.rewardRm, rewardTrue: s.rewardTrue, kl: s.kl });
  }

  private restartCurve(lab: AlignmentLab): void {
    const s = lab.stats();
    this.curve = [{ kl: s.kl, rm: s.rewardRm, hidden: s.rewardTrue }];
  }

  private describe(lab: AlignmentLab): string {
    if (lab.options.method === 'dpo' && !lab.preferences.length) return 'DPO needs preference pairs: click A or B, or Auto-label 10';
    const s = lab.stats();
    const words = [`${METHOD_LABELS[lab.options.method]} β = ${lab.options.beta}`, `step ${s.step}/${RUN_STEPS}`];
    if (!lab.preferences.length) words.push('no labels yet: r_φ = 0');
    return words.join(' · ');
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // β, the method and the step size change the running lab: a new run from π_ref, same labels.
    const live = ['beta', 'method', 'learningRate'].some((k) => changed.has(k));
    if (live && this.hasUpdated && !this.hasConfigErrors) {
      void this.task.use((lab) => {
        lab.configure({ beta: this.beta, method: this.method, learningRate: this.learningRate });
        lab.resetPolicy();
        this.restartCurve(lab);
      }).then(() => this.requestUpdate());
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.draw();
  }

  async printReady(): Promise<void> {
    this.pause();
    await this.task.ready();
    if (!this.labels.length) await this.autoLabel(30);
    await this.task.use((lab) => {
      while (lab.steps < 150) this.stepOnce(lab);
    });
    this.requestUpdate();
    await this.updateComplete;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private draw(): void {
    const lab = this.task.value;
    if (!lab) return;
    const s = lab.stats();
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    const muted = cssVar(this, '--dl-color-muted', '#5b6573');
    const policy = cssVar(this, '--alignment-policy', '#0072b2');
    const grid = 'rgba(128,128,128,0.22)';
    const bars = this.canvas('canvas.bars', 440, 250);
    if (bars) {
      const rows = lab.answers.map((a, i) => ({ label: a.short, p: s.probs[i], ref: s.refProbs[i], rm: s.rmRewards[i], hidden: a.hidden }));
      drawPolicyBars(bars.ctx, bars.w, bars.h, rows, { fg, muted, policy, reference: muted, grid }, this.pair ?? []);
    }
    const chart = this.canvas('canvas.curve', 440, 220);
    if (chart) {
      drawRewardVsKl(chart.ctx, chart.w, chart.h, this.curve, this.klBudget, { fg, muted, rm: policy, hidden: cssVar(this, '--alignment-true', CATEGORICAL[5]), budget: muted, grid });
    }
  }

  private canvas(selector: string, fallbackW: number, fallbackH: number): { ctx: CanvasRenderingContext2D; w: number; h: number } | null {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(selector);
    if (!canvas) return null;
    const w = canvas.clientWidth || fallbackW;
    const h = canvas.clientHeight || fallbackH;
    const ctx = fitCanvas(canvas, w, h);
    return ctx ? { ctx, w, h } : null;
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const lab = this.task.value;
    const s = lab?.stats();
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(null, { play: 'Train π', step: 'Step' })}
      <div class="layout">
        <div class="left">
          ${this.renderCompare(lab)}
          <div class="dl-group">
            <span class="dl-group-title">Optimiser</span>
            <div class="toggle" role="group" aria-label="Policy optimiser">
              ${METHODS.map(
                (m) => html`<button type="button" aria-pressed=${this.method === m ? 'true' : 'false'} @click=${() => (this.method = m)}
                  title=${m === 'ppo' ? 'PPO against the reward model, reward r_φ − β log(π/π_ref)' : 'DPO on the labelled pairs, no reward model'}>${METHOD_LABELS[m]}</button>`,
              )}
            </div>
            <label title="KL weight β (logarithmic slider); a change restarts π from π_ref"
              >β
              <input type="range" min="0" max="1000" step="1" aria-label="KL weight beta" .value=${String(betaToSlider(this.beta))}
                @input=${(e: Event) => (this.beta = sliderToBeta(Number((e.target as HTMLInputElement).value)))} />
              <output>${this.beta}</output></label
            >
          </div>
          <div class="numbers" aria-live="polite">${s ? this.renderNumbers(s) : this.task.renderStatus()}</div>
        </div>
        <div class="right">
          <canvas class="bars" part="bars" role="img" aria-label=${this.barsLabel(lab, s)}></canvas>
          <p class="key"><span class="dl-key policy">π</span> filled · <span class="outline">π_ref</span> outlined ·
            right: r_φ and the hidden true score (0–10)</p>
          <canvas class="curve" part="chart" role="img" aria-label="Reward model score and true score of the policy against KL(π‖π_ref) over training"></canvas>
        </div>
      </div>
    `;
  }

  private renderCompare(lab: AlignmentLab | undefined): TemplateResult {
    const pair = this.pair;
    const answer = (i: number | undefined) => (lab && i !== undefined ? lab.answers[i].text : '…');
    const busy = !lab || !pair;
    return html`<div class="compare" part="compare">
      <p class="prompt"><span class="who">Prompt</span> ${lab?.prompt ?? '…'}</p>
      <div class="answers">
        <div class="answer"><span class="who">A</span> ${answer(pair?.[0])}</div>
        <div class="answer"><span class="who">B</span> ${answer(pair?.[1])}</div>
      </div>
      <div class="buttons">
        <button type="button" class="primary" ?disabled=${busy} @click=${() => void this.prefer('a')}>A is better</button>
        <button type="button" class="primary" ?disabled=${busy} @click=${() => void this.prefer('b')}>B is better</button>
        <button type="button" ?disabled=${busy} @click=${() => void this.autoLabel(10)} title="Ten comparisons by a scripted labeller that knows the hidden scores">Auto-label 10</button>
        <button type="button" ?disabled=${busy || !this.labels.length} @click=${() => this.clearLabels()} title="Forget every label">Clear labels</button>
      </div>
    </div>`;
  }

  private renderNumbers(s: AlignmentStats): TemplateResult {
    const mine = this.labels.filter((l) => !l.scripted).length;
    const acc = Number.isNaN(s.rmAccuracy) || !s.pairs ? '–' : `${(s.rmAccuracy * 100).toFixed(0)} %`;
    const over = s.kl > this.klBudget;
    return html`<span>${s.pairs} labels (${mine} by hand) · r_φ accuracy on held-out pairs <b>${acc}</b></span>
      <span>E_π[r_φ] <b>${s.rewardRm.toFixed(2)}</b> (π_ref ${s.refRewardRm.toFixed(2)}) · true <b>${s.rewardTrue.toFixed(2)}</b> (π_ref ${s.refRewardTrue.toFixed(2)})</span>
      <span class=${over ? 'over' : ''}>KL(π‖π_ref) <b>${s.kl.toFixed(2)}</b> nats ${over ? `· over the budget of ${this.klBudget}` : `· budget ${this.klBudget}`}</span>`;
  }

  private barsLabel(lab: AlignmentLab | undefined, s: AlignmentStats | undefined): string {
    if (!lab || !s) return 'Policy and reference probabilities per answer';
    const top = s.probs.indexOf(Math.max(...s.probs));
    return `Policy π against π_ref for ${lab.answers.length} answers; most likely now: "${lab.answers[top].short}" at ${(s.probs[top] * 100).toFixed(0)} %`;
  }
}

defineElement('dl-alignment', DlAlignment);

declare global {
  interface HTMLElementTagNameMap {
    'dl-alignment': DlAlignment;
  }
}
