/**
 * Pure drawing for `<dl-gridworld>`: cells coloured by value, walls, terminal rewards, policy
 * arrows, the agent and the hovered cell; and the read-out of a cell's Bellman backup or of the
 * last TD update, in numbers. Data in, pixels (or text) out; no state.
 */
import { html, type TemplateResult } from 'lit';
import type { GridWorld } from '../../engine/js.ts';
import type { Rgb } from '../_shared/palette.ts';
import { mix, parseHex } from '../_shared/palette.ts';
import { fmt, meanOfLast } from '../_shared/rl-ui.ts';
import type { GridSession } from './gridworld.session.ts';

export { fmt };

/** What one frame of the grid shows. */
export interface GridPicture {
  width: number;
  height: number;
  kinds: readonly string[];
  rewards: ArrayLike<number>;
  start: number;
  values: ArrayLike<number>;
  /** `cells × 4` action probabilities, or null for no arrows. */
  policy: ArrayLike<number> | null;
  /** Agent position, or −1. */
  agent: number;
  /** Recent agent positions, oldest first. */
  trail: number[];
  hover: number;
  showValues: boolean;
  colors: { neg: string; mid: string; pos: string; wall: string; fg: string; grid: string; agent: string };
}

const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/** Colour of a value on the diverging scale, |v| ≥ scale saturates. */
function valueColor(v: number, scale: number, neg: Rgb, mid: Rgb, pos: Rgb): string {
  const t = Math.max(-1, Math.min(1, v / scale));
  const c = t < 0 ? mix(mid, neg, -t) : mix(mid, pos, t);
  return `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})`;
}

/** Draw the whole grid into a 2-D context whose units are CSS pixels of a `w × h` box. */
export function drawGrid(ctx: CanvasRenderingContext2D, w: number, h: number, p: GridPicture): void {
  const cell = Math.min(w / p.width, h / p.height);
  const ox = (w - cell * p.width) / 2;
  const oy = (h - cell * p.height) / 2;
  ctx.clearRect(0, 0, w, h);
  const [neg, mid, pos] = [parseHex(p.colors.neg), parseHex(p.colors.mid), parseHex(p.colors.pos)];
  let scale = 1e-9;
  for (let s = 0; s < p.kinds.length; s++) {
    if (p.kinds[s] === 'empty') scale = Math.max(scale, Math.abs(p.values[s]));
    if (p.kinds[s] === 'terminal') scale = Math.max(scale, Math.abs(p.rewards[s]));
  }
  const font = Math.max(10, Math.min(18, cell * 0.22));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let s = 0; s < p.kinds.length; s++) {
    const x = ox + (s % p.width) * cell;
    const y = oy + Math.floor(s / p.width) * cell;
    const kind = p.kinds[s];
    if (kind === 'wall') {
      ctx.fillStyle = p.colors.wall;
      ctx.fillRect(x, y, cell, cell);
      continue;
    }
    const v = kind === 'terminal' ? p.rewards[s] : p.values[s];
    ctx.fillStyle = valueColor(v, scale, neg, mid, pos);
    ctx.fillRect(x, y, cell, cell);
    ctx.fillStyle = p.colors.fg;
    if (kind === 'terminal') {
      ctx.lineWidth = 3;
      ctx.strokeStyle = p.colors.fg;
      ctx.strokeRect(x + 4, y + 4, cell - 8, cell - 8);
      ctx.font = `bold ${font * 1.15}px system-ui, sans-serif`;
      ctx.fillText((p.rewards[s] > 0 ? '+' : '') + fmt(p.rewards[s], Number.isInteger(p.rewards[s]) ? 0 : 2), x + cell / 2, y + cell / 2);
      continue;
    }
    if (p.showValues) {
      ctx.font = `${font}px system-ui, sans-serif`;
      ctx.fillText(fmt(v), x + cell / 2, y + cell - font * 0.8);
    }
    if (p.rewards[s] !== 0) {
      ctx.font = `${font * 0.8}px system-ui, sans-serif`;
      ctx.fillText(`r ${p.rewards[s] > 0 ? '+' : ''}${fmt(p.rewards[s], 1)}`, x + cell / 2, y + font * 0.8);
    }
    if (s === p.start) {
      ctx.font = `bold ${font * 0.8}px system-ui, sans-serif`;
      ctx.textAlign = 'left';
      ctx.fillText('S', x + 4, y + font * 0.7);
      ctx.textAlign = 'center';
    }
    if (p.policy) {
      const cx = x + cell / 2;
      const cy = y + cell / 2 - font * 0.3;
      ctx.strokeStyle = p.colors.fg;
      ctx.fillStyle = p.colors.fg;
      ctx.lineWidth = Math.max(1.5, cell * 0.035);
      for (let a = 0; a < 4; a++) {
        const prob = p.policy[s * 4 + a];
        if (prob <= 1e-6) continue;
        const len = cell * 0.3 * Math.sqrt(prob);
        const ex = cx + DX[a] * len;
        const ey = cy + DY[a] * len;
        ctx.beginPath();
        ctx.moveTo(cx, cy);
        ctx.lineTo(ex, ey);
        ctx.stroke();
        const head = Math.max(4, cell * 0.08);
        ctx.beginPath();
        ctx.moveTo(ex + DX[a] * head * 0.6, ey + DY[a] * head * 0.6);
        ctx.lineTo(ex - DY[a] * head * 0.5 - DX[a] * head * 0.4, ey + DX[a] * head * 0.5 - DY[a] * head * 0.4);
        ctx.lineTo(ex + DY[a] * head * 0.5 - DX[a] * head * 0.4, ey - DX[a] * head * 0.5 - DY[a] * head * 0.4);
        ctx.closePath();
        ctx.fill();
      }
    }
  }
  ctx.strokeStyle = p.colors.grid;
  ctx.lineWidth = 1;
  for (let i = 0; i <= p.width; i++) {
    ctx.beginPath();
    ctx.moveTo(ox + i * cell, oy);
    ctx.lineTo(ox + i * cell, oy + p.height * cell);
    ctx.stroke();
  }
  for (let j = 0; j <= p.height; j++) {
    ctx.beginPath();
    ctx.moveTo(ox, oy + j * cell);
    ctx.lineTo(ox + p.width * cell, oy + j * cell);
    ctx.stroke();
  }
  const centre = (s: number) => [ox + (s % p.width) * cell + cell / 2, oy + Math.floor(s / p.width) * cell + cell / 2] as const;
  if (p.trail.length > 1) {
    ctx.strokeStyle = p.colors.agent;
    ctx.globalAlpha = 0.45;
    ctx.lineWidth = Math.max(2, cell * 0.05);
    ctx.beginPath();
    p.trail.forEach((s, i) => {
      const [cx, cy] = centre(s);
      if (i === 0) ctx.moveTo(cx, cy);
      else ctx.lineTo(cx, cy);
    });
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  if (p.agent >= 0) {
    const [cx, cy] = centre(p.agent);
    ctx.fillStyle = p.colors.agent;
    ctx.beginPath();
    ctx.arc(cx, cy, cell * 0.14, 0, 2 * Math.PI);
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  if (p.hover >= 0) {
    const x = ox + (p.hover % p.width) * cell;
    const y = oy + Math.floor(p.hover / p.width) * cell;
    ctx.strokeStyle = p.colors.agent;
    ctx.lineWidth = 3;
    ctx.strokeRect(x + 1.5, y + 1.5, cell - 3, cell - 3);
  }
}

/** Which cell a point (in the same CSS-pixel box) falls in, or −1. */
export function cellAt(px: number, py: number, w: number, h: number, cols: number, rows: number): number {
  const cell = Math.min(w / cols, h / rows);
  const ox = (w - cell * cols) / 2;
  const oy = (h - cell * rows) / 2;
  const x = Math.floor((px - ox) / cell);
  const y = Math.floor((py - oy) / cell);
  return x < 0 || y < 0 || x >= cols || y >= rows ? -1 : y * cols + x;
}

const ARROWS = ['↑ up', '→ right', '↓ down', '← left'];
const arrow = (a: number) => ARROWS[a].split(' ')[0];
const direction = (a: number) => ARROWS[a].split(' ')[1];

/** A probability or γ without trailing zeros: 0.8, 0.25, 1. */
function short(v: number): string {
  return String(Number(v.toFixed(3)));
}

/** Wrap a negative number in parentheses so "0.9·(−0.36)" reads right. */
function paren(text: string): string {
  return text.startsWith('−') ? `(${text})` : text;
}

/** "(x,y)" of a cell. */
function cellName(g: GridWorld, c: number): string {
  const { x, y } = g.coords(c);
  return `(${x},${y})`;
}

/**
 * What the read-out shows: for planning, the hovered cell's backup, one line per action with
 * every term; for learning, the hovered (or the agent's) cell's estimates and the last TD update.
 */
export function readout(s: GridSession, hover: number): TemplateResult | string {
  const g = s.grid;
  const name = (c: number) => cellName(g, c);
  if (!s.planning) return tdReadout(s, hover);
  if (hover < 0) return 'Hover a cell to see its Bellman backup.';
  if (g.isWall(hover)) return `${name(hover)} is a wall: never visited.`;
  if (g.isTerminal(hover)) return `${name(hover)} is terminal: entering it pays ${fmt(g.rewards[hover])} and the episode ends, so V = 0 after it.`;
  const gamma = s.gamma;
  const backup = s.backup(hover);
  const max = s.method === 'value-iteration';
  const head = max
    ? `V${name(hover)} ← max_a Σ P·[r + ${fmt(gamma)}·V(s′)] = ${fmt(backup.value, 3)}`
    : `V${name(hover)} ← Σ_a π(a|s) Σ P·[r + ${fmt(gamma)}·V(s′)] = ${fmt(backup.value, 3)}`;
  return html`${head}\n${backup.actions.map((a) => {
    const terms = a.terms.map((t) => `${short(t.prob)}·(${fmt(t.reward)} + ${short(gamma)}·${paren(fmt(t.nextValue))})`).join(' + ');
    const weight = max ? '' : `π=${short(a.weight)}  `;
    return html`<span class=${max && a.weight === 1 ? 'best' : ''}>${ARROWS[a.action].padEnd(7)} ${weight}q = ${terms} = ${fmt(a.q, 3)}</span>\n`;
  })}`;
}

function tdReadout(s: GridSession, hover: number): string {
  const { agent, grid: g, method } = s;
  if (!agent) return '';
  const name = (c: number) => cellName(g, c);
  const lines: string[] = [];
  const cell = hover >= 0 && g.isDecision(hover) ? hover : agent.state;
  if (method === 'td0') lines.push(`V${name(cell)} = ${fmt(agent.v[cell], 3)}   (policy: uniform random)`);
  else lines.push(`Q${name(cell)}: ${[0, 1, 2, 3].map((a) => `${arrow(a)} ${fmt(agent.q[cell * 4 + a], 3)}`).join('  ')}`);
  const t = s.lastTd;
  if (t) {
    const boot = t.done ? '0 (terminal)' : method === 'td0' ? `V${name(t.next)}` : method === 'sarsa' ? 'Q(s′,a′)' : `max_a Q${name(t.next)}`;
    const estimate = method === 'td0' ? `V${name(t.state)}` : `Q(${name(t.state)},${direction(t.action)})`;
    lines.push(`last step: ${name(t.state)} ${ARROWS[t.action]} → ${name(t.next)}, r = ${fmt(t.reward)}`);
    lines.push(`target = r + ${fmt(agent.gamma)}·${boot} = ${fmt(t.target, 3)}`);
    lines.push(`TD error δ = ${fmt(t.tdError, 3)};  ${estimate} += ${fmt(agent.alpha)}·δ`);
  } else {
    lines.push('No samples yet: press Step or Play. The agent learns only from the steps it takes.');
  }
  const n = Math.min(20, agent.returns.length);
  if (n > 0) lines.push(`mean return of the last ${n} episodes: ${fmt(meanOfLast(agent.returns, n))}`);
  return lines.join('\n');
}
