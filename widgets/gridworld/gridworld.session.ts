/**
 * What `<dl-gridworld>` plans and learns on, with no DOM: one grid, the values and policy of the
 * planning methods, or a tabular agent for the sampling methods. The widget builds one through
 * its engine task (a change of preset, layout, seed, method or step reward builds a new one; the
 * user's edits of the grid are carried over) and draws what it holds.
 */
import type { Backup, CellKind, GridWorld, Policy, TabularAgent, TdStep } from '../../engine/js.ts';
import type { JsEngineModule } from '../_shared/engine-task.ts';

// Mirrors of the engine's lists, so validation never loads the engine.
export const PRESETS = ['classic', 'cliff', 'rooms', 'blank'] as const;
export const METHODS = ['evaluation', 'value-iteration', 'policy-iteration', 'td0', 'sarsa', 'q-learning'] as const;
export const TOOLS = ['wall', 'goal', 'pit', 'reward', 'empty', 'start'] as const;
export type Method = (typeof METHODS)[number];
export type Tool = (typeof TOOLS)[number];
type Planning = 'evaluation' | 'value-iteration' | 'policy-iteration';
export const isPlanning = (m: Method): m is Planning => m === 'evaluation' || m === 'value-iteration' || m === 'policy-iteration';

const MAX_TRAIL = 40;
const MAX_CELLS_SIDE = 12;

/** Settings that change without a new grid. */
export interface LiveSettings {
  gamma: number;
  slip: number;
  alpha: number;
  epsilon: number;
  seed: number;
}

/** The grid as the user edited it, to carry over to a rebuilt session. */
export interface GridEdits {
  kinds: CellKind[];
  rewards: number[];
  start: number;
}

export class GridSession {
  values: Float64Array;
  policy: Policy;
  /** Planning steps done (sweeps; rounds for policy iteration). */
  sweeps = 0;
  /** Largest change of V in the last planning step. */
  delta = NaN;
  converged = false;
  agent?: TabularAgent;
  lastTd?: TdStep;
  /** Recent agent positions, oldest first. */
  trail: number[] = [];

  constructor(
    private readonly eng: JsEngineModule,
    readonly grid: GridWorld,
    readonly method: Method,
    private settings: LiveSettings,
  ) {
    this.values = new Float64Array(grid.stateCount);
    this.policy = eng.uniformPolicy(grid);
    this.restartLearning();
  }

  get planning(): boolean {
    return isPlanning(this.method);
  }

  get gamma(): number {
    return this.settings.gamma;
  }

  /** Planning: steps done; learning: finished episodes. */
  get progress(): number {
    return this.planning ? this.sweeps : (this.agent?.episodes ?? 0);
  }

  /** Change γ, slip, α, ε: planning goes on from the current values, learning from what it learnt. */
  configure(settings: LiveSettings): void {
    this.settings = settings;
    this.grid.slip = settings.slip;
    this.converged = false;
    if (this.agent) Object.assign(this.agent, { alpha: settings.alpha, gamma: settings.gamma, epsilon: settings.epsilon });
  }

  /** A fresh agent for the sampling methods (nothing for planning). */
  restartLearning(): void {
    if (isPlanning(this.method)) return;
    const { alpha, gamma, epsilon, seed } = this.settings;
    this.agent = this.eng.createTabularAgent(this.grid, { method: this.method, alpha, gamma, epsilon, seed });
    this.trail = [this.agent.state];
    this.lastTd = undefined;
  }

  /** One planning step (a sweep, or a policy-iteration round); returns the largest change of V. */
  sweep(): number {
    const { eng, grid } = this;
    const gamma = this.settings.gamma;
    let delta: number;
    if (this.method === 'evaluation') {
      ({ values: this.values, delta } = eng.policyEvaluationSweep(grid, this.values, this.policy, gamma));
    } else if (this.method === 'value-iteration') {
      ({ values: this.values, delta } = eng.valueIterationSweep(grid, this.values, gamma));
      this.policy = eng.greedyPolicy(grid, this.values, gamma);
    } else {
      const r = eng.policyIterationStep(grid, this.policy, gamma);
      delta = r.stable ? 0 : maxAbsDiff(r.values, this.values);
      this.values = r.values;
      this.policy = r.policy;
    }
    this.sweeps++;
    this.delta = delta;
    this.converged = delta < 1e-6;
    return delta;
  }

  /** One step of the agent and its update. */
  learn(): TdStep {
    const agent = this.agent!;
    const st = agent.step();
    this.lastTd = st;
    if (st.episodeEnd) {
      this.trail = [agent.state];
    } else {
      this.trail.push(st.next);
      if (this.trail.length > MAX_TRAIL) this.trail.shift();
    }
    return st;
  }

  /** Policy improvement: greedy with respect to the current values. */
  improve(): void {
    this.policy = this.eng.greedyPolicy(this.grid, this.values, this.settings.gamma);
    this.converged = false;
  }

  /** V(s) per cell, row-major (the agent's estimate for the sampling methods). */
  currentValues(): Float64Array {
    return this.agent ? this.agent.values() : this.values;
  }

  /** Arrows to draw: the greedy (or evaluated) policy, or null for none yet. */
  currentPolicy(): Policy | null {
    if (this.agent) return this.method === 'td0' ? null : this.agent.greedy();
    if (this.method === 'value-iteration' && this.sweeps === 0) return null;
    return this.policy;
  }

  /** The Bellman backup of one cell under the current values (max over actions, or under π). */
  backup(cell: number): Backup {
    const gamma = this.settings.gamma;
    return this.method === 'value-iteration'
      ? this.eng.bellmanBackup(this.grid, this.values, cell, gamma)
      : this.eng.bellmanBackup(this.grid, this.values, cell, gamma, this.policy);
  }

  /**
   * Apply a click with `tool` (a toggle: clicking a wall again clears it). Values stay (planning
   * continues from them); learning restarts on the new grid. Returns what the cell became.
   */
  edit(cell: number, tool: Tool, reward: number): { x: number; y: number; kind: CellKind; reward: number } {
    const g = this.grid;
    if (tool === 'start') {
      if (g.isDecision(cell)) g.start = cell;
    } else if (tool === 'wall') {
      g.setCell(cell, g.isWall(cell) ? 'empty' : 'wall', 0);
    } else if (tool === 'goal' || tool === 'pit') {
      const r = tool === 'goal' ? 1 : -1;
      const same = g.isTerminal(cell) && g.rewards[cell] === r;
      g.setCell(cell, same ? 'empty' : 'terminal', same ? 0 : r);
    } else if (tool === 'reward') {
      g.setCell(cell, 'empty', g.rewards[cell] === reward && g.isDecision(cell) ? 0 : reward);
    } else {
      g.setCell(cell, 'empty', 0);
    }
    if (g.start < 0) {
      // Every cell became a wall or terminal: undo, the agent needs somewhere to stand.
      g.setCell(cell, 'empty', 0);
      g.start = cell;
    }
    this.converged = false;
    this.restartLearning();
    return { ...g.coords(cell), kind: g.kinds[cell], reward: g.rewards[cell] };
  }

  /** The grid's cells as they are now. */
  edits(): GridEdits {
    return { kinds: [...this.grid.kinds], rewards: [...this.grid.rewards], start: this.grid.start };
  }
}

/** Carry the user's edits over to a new grid of the same size. */
export function applyEdits(grid: GridWorld, edits: GridEdits | undefined): void {
  if (!edits || edits.kinds.length !== grid.stateCount) return;
  edits.kinds.forEach((kind, i) => grid.setCell(i, kind, edits.rewards[i]));
  grid.start = edits.start;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - (b[i] ?? 0)));
  return m;
}

/** What is wrong with a `layout`, or null: rows separated by "/", letters . # S G X C. */
export function layoutProblem(text: string): string | null {
  if (!text) return null;
  try {
    parseLayout(text);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** A `layout` as rows; throws a readable message. */
export function parseLayout(text: string): string[] {
  const rows = text.split('/').map((r) => r.trim());
  if (rows.some((r) => r.length === 0 || r.length !== rows[0].length)) throw new Error('rows must be non-empty and of equal length, separated by "/", e.g. "..G/.#X/S..".');
  if (rows.length > MAX_CELLS_SIDE || rows[0].length > MAX_CELLS_SIDE) throw new Error(`at most ${MAX_CELLS_SIDE} × ${MAX_CELLS_SIDE} cells.`);
  const bad = [...rows.join('')].find((ch) => !'.#SGXC'.includes(ch));
  if (bad) throw new Error(`"${bad}" is not a cell letter. Use . (empty) # (wall) S (start) G (+1 goal) X (−1 pit) C (−10 cliff).`);
  if (!rows.join('').match(/[.S]/)) throw new Error('the grid needs at least one empty cell.');
  return rows;
}
