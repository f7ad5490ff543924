import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Backup, JsEngineModule, GridWorld, Policy, TabularAgent, TdStep } from './gridworld.types.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { AttributeCheck } from '../_shared/validate.ts';
import { styles } from './gridworld.styles.ts';
import { cellAt, drawGrid, fmt } from './gridworld.view.ts';

// Mirrors of the engine's lists, so validation never loads the engine.
const PRESETS = ['classic', 'cliff', 'rooms', 'blank'] as const;
const METHODS = ['evaluation', 'value-iteration', 'policy-iteration', 'td0', 'sarsa', 'q-learning'] as const;
const METHOD_LABELS: Record<Method, string> = {
  evaluation: 'Policy evaluation',
  'value-iteration': 'Value iteration',
  'policy-iteration': 'Policy iteration',
  td0: 'TD(0) prediction',
  sarsa: 'SARSA',
  'q-learning': 'Q-learning',
};
const TOOLS = ['wall', 'goal', 'pit', 'reward', 'empty', 'start'] as const;
const ARROWS = ['↑ up   ', '→ right', '↓ down ', '← left '];
const SPEEDS = [1, 5, 25, 200];
/** Frames between planning sweeps while playing (about three sweeps a second). */
const FRAMES_PER_SWEEP = 20;
const MAX_TRAIL = 40;
const MAX_CELLS_SIDE = 12;

type Method = (typeof METHODS)[number];
type Tool = (typeof TOOLS)[number];
type Planning = 'evaluation' | 'value-iteration' | 'policy-iteration';
const isPlanning = (m: Method): m is Planning => m === 'evaluation' || m === 'value-iteration' || m === 'policy-iteration';

/** The engine pieces this widget uses. */
interface GridSession {
  eng: JsEngineModule;
  grid: GridWorld;
}

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
export class DlGridworld extends DlElement {
  static override styles = [widgetStyles, styles];

  static override properties: PropertyDeclarations = {
    preset: {},
    layout: {},
    method: {},
    gamma: { type: Number },
    slip: { type: Number },
    stepReward: { type: Number, attribute: 'step-reward' },
    alpha: { type: Number },
    epsilon: { type: Number },
    seed: { type: Number },
    speed: { type: Number },
    autoplay: { type: Boolean },
    noControls: { type: Boolean, attribute: 'no-controls' },
    noValues: { type: Boolean, attribute: 'no-values' },
    tick: { state: true },
  };

  /** Built-in layout: classic (Russell & Norvig 4 × 3) | cliff | rooms | blank. */
  declare preset: string;
  /** Custom layout instead of a preset: rows separated by "/", letters . # S G X C (e.g. "..G/.#X/S.."). */
  declare layout: string;
  /** Method: evaluation | value-iteration | policy-iteration | td0 | sarsa | q-learning. */
  declare method: string;
  /** Discount γ, 0 to 1. */
  declare gamma: number;
  /** Probability of slipping sideways, 0 to 1 (half to each side). */
  declare slip: number;
  /** Reward of every step, −1 to 1; unset: the preset's. */
  declare stepReward: number | undefined;
  /** TD step size α, 0.01 to 1. */
  declare alpha: number;
  /** Exploration rate ε of SARSA and Q-learning, 0 to 1. */
  declare epsilon: number;
  /** Seed of the slip noise and of exploration. */
  declare seed: number;
  /** Learning steps per animation frame while playing (1–200). */
  declare speed: number;
  /** Start playing as soon as the widget is shown. */
  declare autoplay: boolean;
  /** Hides the settings and the editing tools (the toolbar stays). */
  declare noControls: boolean;
  /** Hides the numbers in the cells (colours and arrows stay). */
  declare noValues: boolean;
  private declare tick: number;

  private readonly task = jsEngineTask<GridSession>(
    this,
    (eng) => this.build(eng),
    () => this.handleReady(),
  );
  private readonly loop = new FrameLoop(this, () => this.frame());
  private parsed?: ReturnType<DlGridworld['parseAttributes']>;
  private values: Float64Array = new Float64Array(0);
  private policy: Policy = new Float64Array(0);
  private sweeps = 0;
  private delta = NaN;
  private converged = false;
  private agent?: TabularAgent;
  private lastTd?: TdStep;
  private trail: number[] = [];
  private hover = -1;
  private tool: Tool = 'wall';
  private toolReward = 0.5;
  private frameCount = 0;
  private resizeObserver?: ResizeObserver;

  constructor() {
    super();
    this.preset = 'classic';
    this.layout = '';
    this.method = 'value-iteration';
    this.gamma = 0.9;
    this.slip = 0;
    this.stepReward = undefined;
    this.alpha = 0.1;
    this.epsilon = 0.1;
    this.seed = 1;
    this.speed = 5;
    this.autoplay = false;
    this.noControls = false;
    this.noValues = false;
    this.tick = 0;
  }

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Play: sweeps (planning) or steps of the agent (learning). */
  play(): void {
    this.loop.play();
  }

  /** Pause. */
  pause(): void {
    this.loop.pause();
  }

  /** Forget values, policy and learning; keep the grid as edited. */
  reset(): void {
    this.loop.pause();
    const s = this.task.value;
    if (s) this.clearLearning(s);
    this.redraw();
  }

  /** One planning sweep (one round for policy iteration), or one learning step. */
  async step(): Promise<void> {
    const s = await this.task.ready();
    if (!s) return;
    this.advance(s, 1);
    this.redraw();
  }

  /** Planning: sweeps done; learning: finished episodes. */
  get progress(): number {
    return isPlanning(this.parsed!.method) ? this.sweeps : (this.agent?.episodes ?? 0);
  }

  /** Current value estimate V(s) per cell (row-major), a copy. */
  get valueTable(): Float64Array {
    return this.currentValues().slice();
  }

  /** Whether the loop is playing. */
  get playing(): boolean {
    return this.loop.playing;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const rebuild = ['preset', 'layout', 'seed'];
    const live = ['method', 'gamma', 'slip', 'stepReward', 'alpha', 'epsilon', 'speed'];
    if (!this.parsed || rebuild.some((k) => changed.has(k)) || live.some((k) => changed.has(k))) {
      const before = this.parsed;
      this.parsed = this.parseAttributes();
      this.reportConfig(this.parsed.problems);
      if (this.parsed.problems.length > 0) {
        if (this.task.status !== 'idle') this.task.reset();
      } else if (!before || rebuild.some((k) => changed.has(k))) {
        if (this.task.status !== 'idle') this.task.reset();
      } else if (this.task.value) {
        this.applyLive(this.task.value, changed.has('method') || changed.has('stepReward'));
      }
    }
  }

  protected override firstUpdated(): void {
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.redraw());
      const board = this.renderRoot.querySelector('.board');
      if (board) this.resizeObserver.observe(board);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const board = this.renderRoot.querySelector('.board');
    if (board && this.resizeObserver) this.resizeObserver.observe(board);
    this.redraw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  // ── engine glue ──────────────────────────────────────────────────────────

  private parseAttributes() {
    const c = new AttributeCheck();
    const preset = c.oneOf('preset', this.preset, PRESETS, 'classic');
    const method = c.oneOf('method', this.method, METHODS, 'value-iteration');
    const gamma = c.number('gamma', this.gamma, 0, 1, 0.9);
    const slip = c.number('slip', this.slip, 0, 1, 0);
    const stepReward = this.stepReward === undefined || this.stepReward === null ? undefined : c.number('step-reward', this.stepReward, -1, 1, 0);
    const alpha = c.number('alpha', this.alpha, 0.01, 1, 0.1);
    const epsilon = c.number('epsilon', this.epsilon, 0, 1, 0.1);
    const seed = c.integer('seed', this.seed, 0, 2 ** 31, 1);
    const speed = c.integer('speed', this.speed, 1, 200, 5);
    const rows = this.layout ? c.parse('layout', this.layout, parseLayout, undefined) : undefined;
    return { problems: c.problems, preset, method, gamma, slip, stepReward, alpha, epsilon, seed, speed, rows };
  }

  private build(eng: JsEngineModule): GridSession {
    const p = this.parsed;
    if (!p || p.problems.length > 0) throw new Error('Fix the attributes listed above first.');
    const grid = eng.createGridWorld({ preset: p.preset, rows: p.rows, slip: p.slip, stepReward: p.stepReward, seed: p.seed });
    return { eng, grid };
  }

  private handleReady(): void {
    const s = this.task.value!;
    this.clearLearning(s);
    this.updateBoardSize(s.grid);
    this.emit('dl-ready', { cells: s.grid.stateCount });
    this.tick++;
    if (this.autoplay && !this.loop.playing) this.play();
  }

  /** Apply attribute changes that keep the grid (γ, slip, α, ε, method). */
  private applyLive(s: GridSession, restartLearning: boolean): void {
    const p = this.parsed!;
    s.grid.slip = p.slip;
    if (p.stepReward !== undefined) s.grid.stepReward = p.stepReward;
    this.converged = false;
    if (restartLearning) this.clearLearning(s);
    if (this.agent) {
      this.agent.alpha = p.alpha;
      this.agent.gamma = p.gamma;
      this.agent.epsilon = p.epsilon;
    }
    this.tick++;
  }

  private clearLearning(s: GridSession): void {
    const p = this.parsed!;
    const n = s.grid.stateCount;
    this.values = new Float64Array(n);
    this.policy = s.eng.uniformPolicy(s.grid);
    this.sweeps = 0;
    this.delta = NaN;
    this.converged = false;
    this.lastTd = undefined;
    this.trail = [];
    this.agent = isPlanning(p.method)
      ? undefined
      : s.eng.createTabularAgent(s.grid, { method: p.method, alpha: p.alpha, gamma: p.gamma, epsilon: p.epsilon, seed: p.seed });
    if (this.agent) this.trail = [this.agent.state];
    this.tick++;
  }

  private frame(): void {
    const s = this.task.value;
    if (!s) return;
    const p = this.parsed!;
    if (isPlanning(p.method)) {
      if (this.frameCount++ % FRAMES_PER_SWEEP !== 0) return;
      this.advance(s, 1);
      if (this.converged) this.loop.pause();
    } else {
      this.advance(s, p.speed);
    }
    this.redraw();
  }

  /** `n` planning sweeps or learning steps. */
  private advance(s: GridSession, n: number): void {
    const p = this.parsed!;
    const { eng, grid } = s;
    if (isPlanning(p.method)) {
      for (let k = 0; k < n; k++) {
        let delta: number;
        if (p.method === 'evaluation') {
          const r = eng.policyEvaluationSweep(grid, this.values, this.policy, p.gamma);
          this.values = r.values;
          delta = r.delta;
        } else if (p.method === 'value-iteration') {
          const r = eng.valueIterationSweep(grid, this.values, p.gamma);
          this.values = r.values;
          delta = r.delta;
          this.policy = eng.greedyPolicy(grid, this.values, p.gamma);
        } else {
          const r = eng.policyIterationStep(grid, this.policy, p.gamma);
          delta = maxAbsDiff(r.values, this.values);
          this.values = r.values;
          this.policy = r.policy;
          if (r.stable) delta = 0;
        }
        this.sweeps++;
        this.delta = delta;
        this.converged = delta < 1e-6;
        this.emit('dl-sweep', { method: p.method, sweep: this.sweeps, delta });
      }
    } else if (this.agent) {
      for (let k = 0; k < n; k++) {
        const st = this.agent.step();
        this.lastTd = st;
        if (st.episodeEnd) {
          this.emit('dl-episode', { method: p.method, episode: this.agent.episodes, return: this.agent.returns[this.agent.returns.length - 1] });
          this.trail = [this.agent.state];
        } else {
          this.trail.push(st.next);
          if (this.trail.length > MAX_TRAIL) this.trail.shift();
        }
      }
    }
    this.tick++;
  }

  private currentValues(): Float64Array {
    if (this.agent) return this.agent.values();
    return this.values;
  }

  private currentPolicy(): Policy | null {
    const p = this.parsed!;
    if (this.agent) return p.method === 'td0' ? null : this.agent.greedy();
    if (p.method === 'value-iteration' && this.sweeps === 0) return null;
    return this.policy;
  }

  // ── drawing ──────────────────────────────────────────────────────────────

  private updateBoardSize(grid: GridWorld): void {
    const width = Math.min(520, 100 * grid.width);
    const cell = Math.min(width / grid.width, 400 / grid.height);
    this.style.setProperty('--grid-width', `${Math.round(cell * grid.width)}px`);
    this.style.setProperty('--grid-height', `${Math.round(cell * grid.height)}px`);
  }

  private redraw(): void {
    const s = this.task.value;
    const canvas = this.renderRoot?.querySelector<HTMLCanvasElement>('.board canvas');
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
      values: this.currentValues(),
      policy: this.currentPolicy(),
      agent: this.agent ? this.agent.state : -1,
      trail: this.agent ? this.trail : [],
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

  private handleMove(event: PointerEvent): void {
    const cell = this.cellFromEvent(event);
    if (cell !== this.hover) {
      this.hover = cell;
      this.tick++;
    }
  }

  private handleLeave(): void {
    this.hover = -1;
    this.tick++;
  }

  private handleClick(event: PointerEvent): void {
    const s = this.task.value;
    const cell = this.cellFromEvent(event);
    if (!s || cell < 0 || this.noControls) return;
    const g = s.grid;
    const tool = this.tool;
    if (tool === 'start') {
      if (g.isDecision(cell)) g.start = cell;
    } else if (tool === 'wall') {
      g.setCell(cell, g.isWall(cell) ? 'empty' : 'wall', 0);
    } else if (tool === 'goal' || tool === 'pit') {
      const r = tool === 'goal' ? 1 : -1;
      const same = g.isTerminal(cell) && g.rewards[cell] === r;
      g.setCell(cell, same ? 'empty' : 'terminal', same ? 0 : r);
    } else if (tool === 'reward') {
      g.setCell(cell, 'empty', g.rewards[cell] === this.toolReward && g.isDecision(cell) ? 0 : this.toolReward);
    } else {
      g.setCell(cell, 'empty', 0);
    }
    if (g.start < 0) {
      // Every cell became a wall or terminal: undo, the agent needs somewhere to stand.
      g.setCell(cell, 'empty', 0);
      g.start = cell;
    }
    const { x, y } = g.coords(cell);
    // Values stay (planning continues from them); learning restarts on the new grid.
    this.converged = false;
    if (this.agent) this.clearLearning(s);
    this.emit('dl-grid-edit', { x, y, kind: g.kinds[cell], reward: g.rewards[cell] });
    this.tick++;
  }

  private handleToggle(): void {
    if (this.loop.playing) this.pause();
    else this.play();
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render() {
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const p = this.parsed!;
    const planning = isPlanning(p.method);
    const stepLabel = p.method === 'policy-iteration' ? 'Round' : planning ? 'Sweep' : 'Step';
    const stepTitle = p.method === 'policy-iteration' ? 'Evaluate the policy fully, then make it greedy' : planning ? 'Back up every cell once' : 'Take one step and learn from it';
    return html`
      ${this.renderSpeakerViewNote()}
      <div class="dl-toolbar" part="toolbar">
        <button class="primary" @click=${this.handleToggle} aria-pressed=${this.loop.playing}>${this.loop.playing ? 'Pause' : 'Play'}</button>
        <button @click=${() => void this.step()} title=${stepTitle}>${stepLabel}</button>
        ${p.method === 'evaluation'
          ? html`<button @click=${this.handleImprove} title="Make the policy greedy with respect to the current values (policy improvement)">Improve policy</button>`
          : null}
        ${!planning ? html`<button @click=${this.handleEpisode} title="Run one whole episode">Episode</button>` : null}
        <button @click=${() => this.reset()} title="Forget the values and what was learned (the grid stays)">Reset</button>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      <div class="layout">
        <div>
          <div class="board" part="board" role="img"
            aria-label=${`Gridworld: value of each cell as colour${this.noValues ? '' : ' and number'}, greedy actions as arrows. Click a cell to edit it.`}
            @pointermove=${this.handleMove} @pointerleave=${this.handleLeave} @pointerdown=${this.handleClick}>
            <canvas></canvas>
          </div>
          ${this.noControls ? null : html`<p class="hint">Hover: the cell's backup · click: ${toolHint(this.tool)}</p>`}
        </div>
        <div class="side">
          ${this.noControls ? null : this.renderSettings()}
          <div class="backup" aria-live="polite">${this.renderBackup()}</div>
        </div>
      </div>
    `;
  }

  private renderSettings() {
    const p = this.parsed!;
    const planning = isPlanning(p.method);
    const slider = (label: string, key: 'gamma' | 'slip' | 'alpha' | 'epsilon', value: number, min: number, max: number, stepSize: number) => html`<label
      >${label}
      <input type="range" min=${min} max=${max} step=${stepSize} .value=${String(value)}
        @input=${(e: Event) => (this[key] = Number((e.target as HTMLInputElement).value))} />
      <output>${value.toFixed(2)}</output></label
    >`;
    return html`
      <div class="dl-group"><span class="dl-group-title">Method</span>
        <select aria-label="Method" @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value)}>
          <optgroup label="Planning with the model">
            ${(['evaluation', 'value-iteration', 'policy-iteration'] as const).map((m) => html`<option .value=${m} ?selected=${m === p.method}>${METHOD_LABELS[m]}</option>`)}
          </optgroup>
          <optgroup label="Learning from samples">
            ${(['td0', 'sarsa', 'q-learning'] as const).map((m) => html`<option .value=${m} ?selected=${m === p.method}>${METHOD_LABELS[m]}</option>`)}
          </optgroup>
        </select>
      </div>
      <div class="dl-group"><span class="dl-group-title">MDP</span>
        ${slider('γ', 'gamma', p.gamma, 0, 0.99, 0.01)} ${slider('slip', 'slip', p.slip, 0, 0.8, 0.05)}
      </div>
      ${planning
        ? null
        : html`<div class="dl-group"><span class="dl-group-title">Learning</span>
            ${slider('α', 'alpha', p.alpha, 0.01, 1, 0.01)} ${p.method === 'td0' ? null : slider('ε', 'epsilon', p.epsilon, 0, 1, 0.01)}
            <label>Speed
              <select @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}>
                ${[...new Set([...SPEEDS, p.speed])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === p.speed}>${v} / frame</option>`)}
              </select></label>
          </div>`}
      <div class="dl-group"><span class="dl-group-title">Edit</span>
        <label>Click sets
          <select @change=${(e: Event) => ((this.tool = (e.target as HTMLSelectElement).value as Tool), this.tick++)}>
            ${TOOLS.map((t) => html`<option .value=${t} ?selected=${t === this.tool}>${t === 'goal' ? 'goal +1' : t === 'pit' ? 'pit −1' : t}</option>`)}
          </select></label>
        ${this.tool === 'reward'
          ? html`<label>r <input type="number" step="0.1" min="-10" max="10" .value=${String(this.toolReward)}
              @change=${(e: Event) => (this.toolReward = Number((e.target as HTMLInputElement).value) || 0)} /></label>`
          : null}
      </div>
    `;
  }

  private renderBackup() {
    const s = this.task.value;
    const p = this.parsed!;
    if (!s) return html`<span>${this.task.renderStatus()}</span>`;
    const g = s.grid;
    const gamma = p.gamma;
    const name = (c: number) => {
      const { x, y } = g.coords(c);
      return `(${x},${y})`;
    };
    if (!isPlanning(p.method)) return this.renderTdReadout(g, name);
    const cell = this.hover;
    if (cell < 0) return html`Hover a cell to see its Bellman backup.`;
    if (g.isWall(cell)) return html`${name(cell)} is a wall: never visited.`;
    if (g.isTerminal(cell)) return html`${name(cell)} is terminal: entering it pays ${fmt(g.rewards[cell])} and the episode ends, so V = 0 after it.`;
    const backup: Backup = p.method === 'value-iteration'
      ? s.eng.bellmanBackup(g, this.values, cell, gamma)
      : s.eng.bellmanBackup(g, this.values, cell, gamma, this.policy);
    const head = p.method === 'value-iteration'
      ? `V${name(cell)} ← max_a Σ P·[r + ${fmt(gamma)}·V(s′)] = ${fmt(backup.value, 3)}`
      : `V${name(cell)} ← Σ_a π(a|s) Σ P·[r + ${fmt(gamma)}·V(s′)] = ${fmt(backup.value, 3)}`;
    return html`${head}\n${backup.actions.map((a) => {
      const terms = a.terms.map((t) => `${short(t.prob)}·(${fmt(t.reward)} + ${short(gamma)}·${paren(fmt(t.nextValue))})`).join(' + ');
      const weight = p.method === 'value-iteration' ? '' : `π=${short(a.weight)}  `;
      const best = p.method === 'value-iteration' && a.weight === 1;
      return html`<span class=${best ? 'best' : ''}>${ARROWS[a.action]} ${weight}q = ${terms} = ${fmt(a.q, 3)}</span>\n`;
    })}`;
  }

  private renderTdReadout(g: GridWorld, name: (c: number) => string) {
    const p = this.parsed!;
    const agent = this.agent;
    if (!agent) return html``;
    const lines: string[] = [];
    const cell = this.hover >= 0 && g.isDecision(this.hover) ? this.hover : agent.state;
    if (p.method === 'td0') {
      lines.push(`V${name(cell)} = ${fmt(agent.v[cell], 3)}   (policy: uniform random)`);
    } else {
      lines.push(`Q${name(cell)}: ${[0, 1, 2, 3].map((a) => `${ARROWS[a].trim().split(' ')[0]} ${fmt(agent.q[cell * 4 + a], 3)}`).join('  ')}`);
    }
    const t = this.lastTd;
    if (t) {
      const boot = t.done ? '0 (terminal)' : p.method === 'td0' ? `V${name(t.next)}` : p.method === 'sarsa' ? `Q(s′,a′)` : `max_a Q${name(t.next)}`;
      const est = p.method === 'td0' ? `V${name(t.state)}` : `Q(${name(t.state)},${ARROWS[t.action].trim().split(' ')[1]})`;
      lines.push(`last step: ${name(t.state)} ${ARROWS[t.action].trim()} → ${name(t.next)}, r = ${fmt(t.reward)}`);
      lines.push(`target = r + ${fmt(p.gamma)}·${boot} = ${fmt(t.target, 3)}`);
      lines.push(`TD error δ = ${fmt(t.tdError, 3)};  ${est} += ${fmt(p.alpha)}·δ`);
    } else {
      lines.push('No samples yet: press Step or Play. The agent learns only from the steps it takes.');
    }
    const last = agent.returns.slice(-20);
    if (last.length > 0) lines.push(`mean return of the last ${last.length} episodes: ${fmt(last.reduce((a, b) => a + b, 0) / last.length)}`);
    return html`${lines.join('\n')}`;
  }

  private handleImprove(): void {
    const s = this.task.value;
    if (!s) return;
    this.policy = s.eng.greedyPolicy(s.grid, this.values, this.parsed!.gamma);
    this.converged = false;
    this.tick++;
  }

  private async handleEpisode(): Promise<void> {
    const s = await this.task.ready();
    if (!s || !this.agent) return;
    const start = this.agent.episodes;
    let guard = 0;
    while (this.agent.episodes === start && guard++ < 10_000) this.advance(s, 1);
    this.redraw();
  }

  private statusText(): string {
    if (this.task.status !== 'ready') return this.task.status === 'error' ? `Could not start: ${this.task.error}` : this.running ? 'Starting…' : 'Starts when shown';
    const p = this.parsed!;
    const state = this.loop.playing ? (this.running ? 'running' : 'paused (off screen)') : 'paused';
    if (isPlanning(p.method)) {
      const unit = p.method === 'policy-iteration' ? 'round' : 'sweep';
      const d = Number.isNaN(this.delta) ? '' : ` · largest change ${fmt(this.delta, 4)}`;
      return `${METHOD_LABELS[p.method]} · ${unit} ${this.sweeps}${d}${this.converged ? ' · converged' : ''} · ${state}`;
    }
    return `${METHOD_LABELS[p.method]} · episode ${this.agent?.episodes ?? 0} · step ${this.agent?.totalSteps ?? 0} · ${state}`;
  }
}

function toolHint(tool: Tool): string {
  switch (tool) {
    case 'wall':
      return 'toggle a wall';
    case 'goal':
      return 'toggle a +1 terminal goal';
    case 'pit':
      return 'toggle a −1 terminal pit';
    case 'reward':
      return 'toggle a reward on a cell';
    case 'empty':
      return 'clear a cell';
    case 'start':
      return 'move the start';
  }
}

/** A probability or γ without trailing zeros: 0.8, 0.25, 1. */
function short(v: number): string {
  return String(Number(v.toFixed(3)));
}

/** Wrap a negative number in parentheses so "0.9·(−0.36)" reads right. */
function paren(text: string): string {
  return text.startsWith('−') ? `(${text})` : text;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - (b[i] ?? 0)));
  return m;
}

function parseLayout(text: string): string[] {
  const rows = text.split('/').map((r) => r.trim());
  if (rows.some((r) => r.length === 0 || r.length !== rows[0].length)) throw new Error('rows must be non-empty and of equal length, separated by "/", e.g. "..G/.#X/S..".');
  if (rows.length > MAX_CELLS_SIDE || rows[0].length > MAX_CELLS_SIDE) throw new Error(`at most ${MAX_CELLS_SIDE} × ${MAX_CELLS_SIDE} cells.`);
  const bad = [...rows.join('')].find((ch) => !'.#SGXC'.includes(ch));
  if (bad) throw new Error(`"${bad}" is not a cell letter. Use . (empty) # (wall) S (start) G (+1 goal) X (−1 pit) C (−10 cliff).`);
  if (!rows.join('').match(/[.S]/)) throw new Error('the grid needs at least one empty cell.');
  return rows;
}

defineElement('dl-gridworld', DlGridworld);

declare global {
  interface HTMLElementTagNameMap {
    'dl-gridworld': DlGridworld;
  }
}
