/**
 * A gridworld: the Markov decision process of the Bellman lecture, small enough to see every
 * state. Cells are empty, walls or terminal; entering a cell earns that cell's reward plus a step
 * reward; terminal cells end the episode. With slip probability p the agent moves in the intended
 * direction with probability 1 − p and to each perpendicular side with p/2 (Russell & Norvig's
 * noisy moves). Bumping into a wall or the edge leaves it where it was.
 *
 * The full model P(s′, r | s, a) is exposed through `transitions(s, a)`, so dynamic programming
 * can plan with it, and the same object is a sampling environment for TD learning.
 *
 * ```ts
 * const g = createGridWorld({ preset: 'classic', slip: 0.2 });
 * g.transitions(g.index(0, 2), ACTION_UP); // [{ prob: 0.8, next: …, reward: -0.04, done: false }, …]
 * ```
 */
import { createRng, type Rng } from '../random.ts';
import type { Env, StepResult } from './types.ts';

/** What a cell is. */
export type CellKind = 'empty' | 'wall' | 'terminal';
/** Actions, clockwise from up. */
export const ACTION_UP = 0;
export const ACTION_RIGHT = 1;
export const ACTION_DOWN = 2;
export const ACTION_LEFT = 3;
/** Names of the four actions, indexed by action. */
export const GRID_ACTIONS = ['up', 'right', 'down', 'left'] as const;
/** Column and row change of each action (row 0 is the top). */
const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/** Built-in layouts. */
export const GRID_PRESETS = ['classic', 'cliff', 'rooms', 'blank'] as const;
/** One built-in layout name. */
export type GridPreset = (typeof GRID_PRESETS)[number];

/**
 * Layouts as text: `.` empty, `#` wall, `S` start, `G` terminal goal (+1), `X` terminal pit (−1),
 * `C` terminal cliff (−10). Rewards can be changed cell by cell afterwards.
 */
const PRESET_TEXT: Record<GridPreset, { rows: string[]; stepReward: number }> = {
  // Russell & Norvig's 4 × 3 world (AIMA, chapter 17).
  classic: { rows: ['...G', '.#.X', 'S...'], stepReward: -0.04 },
  // Sutton & Barto's cliff walking, shortened to 8 columns.
  cliff: { rows: ['........', '........', '........', 'SCCCCCCG'], stepReward: -0.1 },
  // Two rooms joined by a door.
  rooms: { rows: ['...#...', '...#...', '.......', '...#..G', 'S..#...'], stepReward: -0.04 },
  blank: { rows: ['.....', '.....', '.....', '.....', 'S...G'], stepReward: 0 },
};

/** Rewards for the letters of a layout. */
const LETTER_REWARD: Record<string, number> = { G: 1, X: -1, C: -10 };

/** One outcome of a state–action pair. */
export interface Transition {
  /** Probability of this outcome. */
  prob: number;
  /** Next state index. */
  next: number;
  /** Reward received. */
  reward: number;
  /** Whether the next state is terminal. */
  done: boolean;
}

/** Options for {@link createGridWorld}; every field has a default. */
export interface GridWorldOptions {
  /** A built-in layout (ignored when `rows` is given). */
  preset?: GridPreset;
  /** A layout in text, one string per row (see the letters above). */
  rows?: string[];
  /** Probability of slipping sideways, 0 … 1. */
  slip?: number;
  /** Reward added to every step (a small negative value rewards short paths). */
  stepReward?: number;
  /** Episode length limit for sampling (truncation). */
  maxSteps?: number;
  /** Seed of the slip noise. */
  seed?: number;
}

/** Defaults of {@link createGridWorld}. */
export const GRID_DEFAULTS = {
  /** Layout. */
  preset: 'classic' as GridPreset,
  /** Slip probability. */
  slip: 0,
  /** Episode length limit. */
  maxSteps: 100,
  /** Seed. */
  seed: 1,
};

/** A gridworld MDP that is also a sampling environment (observation = state index). */
export class GridWorld implements Env<number> {
  readonly actionCount = 4;
  readonly observationSize = 1;
  readonly width: number;
  readonly height: number;
  /** Cell kinds, row-major. */
  readonly kinds: CellKind[];
  /** Reward for entering each cell (on top of `stepReward`), row-major. */
  readonly rewards: Float64Array;
  /** Start cell index. */
  start: number;
  /** Slip probability. */
  slip: number;
  /** Reward of every step. */
  stepReward: number;
  /** Time limit for sampled episodes. */
  maxSteps: number;
  private rng: Rng;
  private state = 0;
  private t = 0;
  private over = true;

  constructor(rows: string[], o: { slip: number; stepReward: number; maxSteps: number; seed: number }) {
    if (rows.length === 0 || rows.some((r) => r.length !== rows[0].length)) throw new Error('Grid rows must all have the same length.');
    this.height = rows.length;
    this.width = rows[0].length;
    this.kinds = [];
    this.rewards = new Float64Array(this.width * this.height);
    this.start = -1;
    rows.forEach((row, y) =>
      [...row].forEach((ch, x) => {
        const i = y * this.width + x;
        if (!'.#SGXC'.includes(ch)) throw new Error(`Unknown grid letter "${ch}". Use . # S G X C.`);
        this.kinds.push(ch === '#' ? 'wall' : 'GXC'.includes(ch) ? 'terminal' : 'empty');
        this.rewards[i] = LETTER_REWARD[ch] ?? 0;
        if (ch === 'S') this.start = i;
      }),
    );
    if (this.start < 0) this.start = this.kinds.indexOf('empty');
    if (this.start < 0) throw new Error('The grid needs at least one empty cell to start from.');
    if (!(o.slip >= 0 && o.slip <= 1)) throw new Error(`slip must be in [0, 1], got ${o.slip}.`);
    this.slip = o.slip;
    this.stepReward = o.stepReward;
    this.maxSteps = o.maxSteps;
    this.rng = createRng(o.seed);
  }

  /** Number of states (cells, walls included; walls are never visited). */
  get stateCount(): number {
    return this.width * this.height;
  }

  /** State index of column x, row y. */
  index(x: number, y: number): number {
    return y * this.width + x;
  }

  /** Column and row of a state index. */
  coords(s: number): { x: number; y: number } {
    return { x: s % this.width, y: Math.floor(s / this.width) };
  }

  /** Whether s is terminal (its value is 0 by definition). */
  isTerminal(s: number): boolean {
    return this.kinds[s] === 'terminal';
  }

  /** Whether s is a wall. */
  isWall(s: number): boolean {
    return this.kinds[s] === 'wall';
  }

  /** States where the agent can act (neither wall nor terminal). */
  isDecision(s: number): boolean {
    return this.kinds[s] === 'empty';
  }

  /** Change one cell. The start cell cannot become a wall or terminal (it moves elsewhere if it does). */
  setCell(s: number, kind: CellKind, reward?: number): void {
    this.kinds[s] = kind;
    if (reward !== undefined) this.rewards[s] = reward;
    if (kind !== 'empty' && s === this.start) {
      const other = this.kinds.indexOf('empty');
      this.start = other;
    }
  }

  /** Where action a leads from s with no slip. */
  moveTarget(s: number, a: number): number {
    const { x, y } = this.coords(s);
    const nx = x + DX[a];
    const ny = y + DY[a];
    if (nx < 0 || ny < 0 || nx >= this.width || ny >= this.height) return s;
    const n = this.index(nx, ny);
    return this.kinds[n] === 'wall' ? s : n;
  }

  /**
   * The model: every outcome of taking a in s, with probability, reward and terminal flag.
   * Outcomes that land in the same cell are merged. Terminal and wall states have none.
   */
  transitions(s: number, a: number): Transition[] {
    if (!this.isDecision(s)) return [];
    const moves: [number, number][] = [[a, 1 - this.slip]];
    if (this.slip > 0) moves.push([(a + 1) % 4, this.slip / 2], [(a + 3) % 4, this.slip / 2]);
    const out: Transition[] = [];
    for (const [dir, prob] of moves) {
      if (prob <= 0) continue;
      const next = this.moveTarget(s, dir);
      const same = out.find((t) => t.next === next);
      if (same) same.prob += prob;
      else out.push({ prob, next, reward: this.stepReward + this.rewards[next], done: this.isTerminal(next) });
    }
    return out;
  }

  /** Start an episode at the start cell. */
  reset(seed?: number): number {
    if (seed !== undefined) this.rng = createRng(seed);
    this.state = this.start;
    this.t = 0;
    this.over = false;
    return this.state;
  }

  /** Current state index. */
  get current(): number {
    return this.state;
  }

  /** Sample one step from the model. */
  step(action: number): StepResult<number> {
    if (this.over) throw new Error('Episode is over: call reset() first.');
    const outcomes = this.transitions(this.state, action);
    let u = this.rng.next();
    let pick = outcomes[outcomes.length - 1];
    for (const o of outcomes) {
      if (u < o.prob) {
        pick = o;
        break;
      }
      u -= o.prob;
    }
    this.state = pick.next;
    this.t++;
    const truncated = !pick.done && this.t >= this.maxSteps;
    this.over = pick.done || truncated;
    return { observation: pick.next, reward: pick.reward, done: pick.done, truncated };
  }
}

/** Build a gridworld from a preset or text rows. Throws a readable message for bad input. */
export function createGridWorld(options: GridWorldOptions = {}): GridWorld {
  const preset = options.preset ?? GRID_DEFAULTS.preset;
  if (!options.rows && !(GRID_PRESETS as readonly string[]).includes(preset)) {
    throw new Error(`Unknown grid preset "${preset}". Use one of: ${GRID_PRESETS.join(', ')}.`);
  }
  const base = PRESET_TEXT[preset];
  return new GridWorld(options.rows ?? base.rows, {
    slip: options.slip ?? GRID_DEFAULTS.slip,
    stepReward: options.stepReward ?? (options.rows ? 0 : base.stepReward),
    maxSteps: options.maxSteps ?? GRID_DEFAULTS.maxSteps,
    seed: options.seed ?? GRID_DEFAULTS.seed,
  });
}
