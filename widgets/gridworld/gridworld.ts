import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { choice, flag, int, num, text } from '../_shared/props.ts';
import { presetSelect } from '../_shared/rl-ui.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { applyEdits, GridSession, isPlanning, layoutProblem, METHODS, parseLayout, PRESETS, TOOLS, type GridEdits, type Method, type Tool } from './gridworld.session.ts';
import { styles } from './gridworld.styles.ts';
import { cellAt, drawGrid, fmt, readout } from './gridworld.view.ts';

const METHOD_LABELS: Record<Method, string> = {
  evaluation: 'Policy evaluation',
  'value-iteration': 'Value iteration',
  'policy-iteration': 'Policy iteration',
  td0: 'TD(0) prediction',
  sarsa: 'SARSA',
  'q-learning': 'Q-learning',
};
const TOOL_HINTS: Record<Tool, [string, string]> = {
  wall: ['wall', 'toggle a wall'],
  goal: ['goal +1', 'toggle a +1 terminal goal'],
  pit: ['pit −1', 'toggle a −1 terminal pit'],
  reward: ['reward', 'toggle a reward on a cell'],
  empty: ['empty', 'clear a cell'],
  start: ['start', 'move the start'],
};
const SPEEDS = [1, 5, 25, 200];
/** Time between planning sweeps while playing: about three a second, slow enough to follow. */
const SWEEP_INTERVAL_MS = 330;

/**
 * `<dl-gridworld>`: planning versus learning on one small grid. Dynamic programming sweeps the
 * Bellman equation over every cell using the model (policy evaluation, value iteration, policy
 * iteration); TD(0), SARSA and Q-learning learn the same values from sampled steps of an agent
 * that walks the grid. Hover a cell to see its Bellman backup (or its last TD update) in numbers;
 * click cells to edit walls, goals, pits and rewards.
 *
 * ```html
 * <dl-gridworld preset="classic" method="value-iteration" gamma="0.9" slip="0.2"></dl-gridworld>
 * ```
 *
 * @summary A gridworld MDP with step-by-step dynamic programming and TD learning.
 * @event dl-ready - The grid is built. detail: { cells: number }
 * @event dl-sweep - After each planning step (a sweep, or a policy-iteration round). detail: { method: string; sweep: number; delta: number }
 * @event dl-episode - A learning episode ended. detail: { method: string; episode: number; return: number }
 * @event dl-grid-edit - The user changed a cell. detail: { x: number; y: number; kind: string; reward: number }
 * @csspart board - The grid canvas.
 * @csspart toolbar - Play, step, reset and status.
 * @cssproperty [--positive=var(--dl-color-positive)] - Colour of positive values.
 * @cssproperty [--negative=var(--dl-color-negative)] - Colour of negative values.
 * @cssproperty [--neutral=var(--dl-color-neutral)] - Colour of zero.
 * @cssproperty [--agent=var(--dl-color-accent-2)] - Colour of the agent and the hovered cell.
 * @cssproperty [--wall=#4a5260] - Colour of walls.
 * @cssproperty [--grid-width=440px] - Width of the grid picture.
 */
export class DlGridworld extends TrainingElement {
  static override styles = [widgetStyles, styles];
  static override remoteVerbs = ['improve', 'episode'];

  /** Built-in layout: classic (Russell & Norvig 4 × 3) | cliff | rooms | blank. */
  @choice(PRESETS) preset: (typeof PRESETS)[number] = 'classic';
  /** Custom layout instead of a preset: rows separated by "/", letters . # S G X C (e.g. "..G/.#X/S.."). */
  @text({ check: layoutProblem }) layout = '';
  /** Method: evaluation | value-iteration | policy-iteration | td0 | sarsa | q-learning. */
  @choice(METHODS) method: Method = 'value-iteration';
  /** Discount γ, 0 to 1. */
  @num({ min: 0, max: 1 }) gamma = 0.9;
  /** Probability of slipping sideways, 0 to 1 (half to each side). */
  @num({ min: 0, max: 1 }) slip = 0;
  /** Reward of every step, −1 to 1; unset: the preset's. */
  @num({ min: -1, max: 1, optional: true }) stepReward = NaN;
  /** TD step size α, 0.01 to 1. */
  @num({ min: 0.01, max: 1 }) alpha = 0.1;
  /** Exploration rate ε of SARSA and Q-learning, 0 to 1. */
  @num({ min: 0, max: 1 }) epsilon = 0.1;
  /** Seed of the slip noise and of exploration. */
  @int(0, 2 ** 31) seed = 1;
  /** Learning steps per animation frame while playing (1–200; fewer when a frame's time is up). */
  @int(1, 200) speed = 5;
  /** Start playing as soon as the widget is shown. */
  @flag() autoplay = false;
  /** Hides the settings and the editing tools (the toolbar stays). */
  @flag() noControls = false;
  /** Hides the numbers in the cells (colours and arrows stay). */
  @flag() noValues = false;

  @state() private hover = -1;
  @state() private tool: Tool = 'wall';
  private toolReward = 0.5;
  /** The user's edits of the grid, kept through Reset and changes of method or step reward. */
  private edits?: GridEdits;
  private lastSweepAt = -Infinity;

  private readonly task: EngineTask<GridSession, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.preset, this.layout, this.seed, this.method, this.stepReward],
    build: (eng) => {
      const grid = eng.createGridWorld({
        preset: this.preset,
        rows: this.layout ? parseLayout(this.layout) : undefined,
        slip: this.slip,
        stepReward: Number.isNaN(this.stepReward) ? undefined : this.stepReward,
        seed: this.seed,
      });
      applyEdits(grid, this.edits);
      return new GridSession(eng, grid, this.method, this.settings());
    },
    ready: (s) => {
      const cell = Math.min(Math.min(520, 100 * s.grid.width) / s.grid.width, 400 / s.grid.height);
      this.style.setProperty('--grid-width', `${Math.round(cell * s.grid.width)}px`);
      this.style.setProperty('--grid-height', `${Math.round(cell * s.grid.height)}px`);
      this.emit('dl-ready', { cells: s.grid.stateCount });
    },
  });
  protected readonly training: Training<GridSession> = new Training(this, {
    task: this.task,
    frame: (s, deadline) => this.frame(s, deadline),
    step: (s) => (s.planning ? this.sweepOnce(s) : this.learnOnce(s)),
    finished: (s) => s.planning && s.converged,
    describe: (s) => this.describe(s),
    autoplay: () => this.autoplay,
  });

  /** Planning: sweeps done; learning: finished episodes. */
  get progress(): number {
    return this.task.value?.progress ?? 0;
  }

  /** Current value estimate V(s) per cell (row-major), a copy. */
  get valueTable(): Float64Array {
    return this.task.value?.currentValues().slice() ?? new Float64Array(0);
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A new layout forgets the edits; γ, slip, α and ε change the running session in place.
    if (this.hasUpdated && (changed.has('preset') || changed.has('layout') || changed.has('seed'))) this.edits = undefined;
    const live = ['gamma', 'slip', 'alpha', 'epsilon'].some((k) => changed.has(k));
    if (live && !this.hasConfigErrors) this.task.value?.configure(this.settings());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.draw();
  }

  private settings() {
    return { gamma: this.gamma, slip: this.slip, alpha: this.alpha, epsilon: this.epsilon, seed: this.seed };
  }

  // ── planning and learning ────────────────────────────────────────────────

  /** Playing: a sweep every {@link SWEEP_INTERVAL_MS}, or up to `speed` agent steps until the deadline. */
  private frame(s: GridSession, deadline: number): void {
    if (s.planning) {
      const now = performance.now();
      if (now - this.lastSweepAt < SWEEP_INTERVAL_MS) return;
      this.lastSweepAt = now;
      this.sweepOnce(s);
      return;
    }
    let n = 0;
    do this.learnOnce(s);
    while (++n < this.speed && performance.now() < deadline);
  }

  private sweepOnce(s: GridSession): void {
    const delta = s.sweep();
    this.emit('dl-sweep', { method: s.method, sweep: s.sweeps, delta });
  }

  private learnOnce(s: GridSession): void {
    const agent = s.agent!;
    if (s.learn().episodeEnd) this.emit('dl-episode', { method: s.method, episode: agent.episodes, return: agent.returns[agent.returns.length - 1] });
  }

  private describe(s: GridSession): string {
    if (!s.planning) return `${METHOD_LABELS[s.method]} · episode ${s.agent?.episodes ?? 0} · step ${s.agent?.totalSteps ?? 0}`;
    const unit = s.method === 'policy-iteration' ? 'round' : 'sweep';
    const change = Number.isNaN(s.delta) ? '' : ` · largest change ${fmt(s.delta, 4)}`;
    return `${METHOD_LABELS[s.method]} · ${unit} ${s.sweeps}${change}${s.converged ? ' · converged' : ''}`;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private draw(): void {
    const s = this.task.value;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.board canvas');
    if (!s || !canvas) return;
    const w = canvas.clientWidth || 440;
    const h = canvas.clientHeight || 330;
    const ctx = fitCanvas(canvas, w, h);
    if (!ctx) return;
    const g = s.grid;
    drawGrid(ctx, w, h, {
      width: g.width,
      height: g.height,
      kinds: g.kinds,
      rewards: g.rewards,
      start: g.start,
      values: s.currentValues(),
      policy: s.currentPolicy(),
      agent: s.agent ? s.agent.state : -1,
      trail: s.agent ? s.trail : [],
      hover: this.hover,
      showValues: !this.noValues,
      colors: {
        neg: cssVar(this, '--negative', '#f59322'),
        mid: cssVar(this, '--neutral', '#e8eaeb'),
        pos: cssVar(this, '--positive', '#0877bd'),
        wall: cssVar(this, '--wall', '#4a5260'),
        fg: cssVar(this, '--dl-color-fg', '#1d2430'),
        grid: 'rgba(0,0,0,0.25)',
        agent: cssVar(this, '--agent', '#d0453b'),
      },
    });
  }

  // ── events ───────────────────────────────────────────────────────────────

  private cellFromEvent(event: PointerEvent): number {
    const s = this.task.value;
    const board = event.currentTarget as HTMLElement;
    if (!s) return -1;
    const { x, y } = localPoint(event, board);
    return cellAt(x, y, board.offsetWidth, board.offsetHeight, s.grid.width, s.grid.height);
  }

  private handleClick(event: PointerEvent): void {
    const s = this.task.value;
    const cell = this.cellFromEvent(event);
    if (!s || cell < 0 || this.noControls) return;
    const detail = s.edit(cell, this.tool, this.toolReward);
    this.edits = s.edits();
    this.emit('dl-grid-edit', detail);
    this.requestUpdate();
  }

  /** Policy improvement: make the policy greedy with respect to the current values (policy evaluation). */
  improve(): void {
    this.task.value?.improve();
    this.requestUpdate();
  }

  /** Run the agent until the current episode ends (learning methods). */
  async episode(): Promise<void> {
    await this.task.use((s) => {
      if (!s.agent) return;
      const start = s.agent.episodes;
      for (let guard = 0; s.agent.episodes === start && guard < 10_000; guard++) this.learnOnce(s);
    });
    this.requestUpdate();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const planning = isPlanning(this.method);
    const extra = html`${this.method === 'evaluation'
      ? html`<button type="button" @click=${() => this.improve()} title="Make the policy greedy with respect to the current values (policy improvement)">Improve policy</button>`
      : null}
    ${planning ? null : html`<button type="button" @click=${() => void this.episode()} title="Run one whole episode">Episode</button>`}`;
    const s = this.task.value;
    return html`
      ${this.renderSpeakerViewNote()}
      ${this.training.renderToolbar(extra, { step: this.method === 'policy-iteration' ? 'Round' : planning ? 'Sweep' : 'Step' })}
      <div class="layout">
        <div>
          <div class="board" part="board" role="img"
            aria-label=${`Gridworld: value of each cell as colour${this.noValues ? '' : ' and number'}, greedy actions as arrows. Click a cell to edit it.`}
            @pointermove=${(e: PointerEvent) => (this.hover = this.cellFromEvent(e))} @pointerleave=${() => (this.hover = -1)} @pointerdown=${this.handleClick}>
            <canvas></canvas>
          </div>
          ${this.noControls ? null : html`<p class="hint">Hover: the cell's backup · click: ${TOOL_HINTS[this.tool][1]}</p>`}
        </div>
        <div class="side">
          ${this.noControls ? null : this.renderSettings(planning)}
          <div class="backup" aria-live="polite">${s ? readout(s, this.hover) : this.task.renderStatus()}</div>
        </div>
      </div>
    `;
  }

  private renderSettings(planning: boolean): TemplateResult {
    const slider = (label: string, key: 'gamma' | 'slip' | 'alpha' | 'epsilon', min: number, max: number, stepSize: number) => html`<label
      >${label}
      <input type="range" min=${min} max=${max} step=${stepSize} .value=${String(this[key])}
        @input=${(e: Event) => (this[key] = Number((e.target as HTMLInputElement).value))} />
      <output>${this[key].toFixed(2)}</output></label
    >`;
    const options = (methods: readonly Method[]) => methods.map((m) => html`<option .value=${m} ?selected=${m === this.method}>${METHOD_LABELS[m]}</option>`);
    return html`
      <div class="dl-group"><span class="dl-group-title">Method</span>
        <select aria-label="Method" @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value as Method)}>
          <optgroup label="Planning with the model">${options(METHODS.filter(isPlanning))}</optgroup>
          <optgroup label="Learning from samples">${options(METHODS.filter((m) => !isPlanning(m)))}</optgroup>
        </select>
      </div>
      <div class="dl-group"><span class="dl-group-title">MDP</span>
        ${slider('γ', 'gamma', 0, 0.99, 0.01)} ${slider('slip', 'slip', 0, 0.8, 0.05)}
      </div>
      ${planning
        ? null
        : html`<div class="dl-group"><span class="dl-group-title">Learning</span>
            ${slider('α', 'alpha', 0.01, 1, 0.01)} ${this.method === 'td0' ? null : slider('ε', 'epsilon', 0, 1, 0.01)}
            ${presetSelect({ label: 'Speed', value: this.speed, presets: SPEEDS, format: (v) => `${v} / frame`, onPick: (v) => (this.speed = v) })}
          </div>`}
      <div class="dl-group"><span class="dl-group-title">Edit</span>
        <label>Click sets
          <select @change=${(e: Event) => (this.tool = (e.target as HTMLSelectElement).value as Tool)}>
            ${TOOLS.map((t) => html`<option .value=${t} ?selected=${t === this.tool}>${TOOL_HINTS[t][0]}</option>`)}
          </select></label>
        ${this.tool === 'reward'
          ? html`<label>r <input type="number" step="0.1" min="-10" max="10" .value=${String(this.toolReward)}
              @change=${(e: Event) => (this.toolReward = Number((e.target as HTMLInputElement).value) || 0)} /></label>`
          : null}
      </div>
    `;
  }
}

defineElement('dl-gridworld', DlGridworld);

declare global {
  interface HTMLElementTagNameMap {
    'dl-gridworld': DlGridworld;
  }
}
