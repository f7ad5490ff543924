/**
 * Pure drawing for `<dl-ppo-rollouts>`: the cart and pole, PPO's clipped objective with the last
 * minibatch's ratios on it, and one rollout's advantages over time. Data in, pixels out.
 */
import { fmt } from '../_shared/rl-ui.ts';
import { NUM_ENVS, type PpoSession } from './ppo-rollouts.session.ts';

/** Colours the pictures use. */
export interface PpoColors {
  fg: string;
  muted: string;
  accent: string;
  accent2: string;
  surface: string;
}

/**
 * The cart as the session has it: the watched episode (watch mode), the replayed rollout of env 0,
 * or an upright pole with a hint before the first rollout.
 */
export function drawCartFrom(ctx: CanvasRenderingContext2D, w: number, h: number, s: PpoSession | undefined, watching: boolean, c: PpoColors): void {
  if (!s) return drawCartPole(ctx, w, h, 0, 0, c, 'Starts when shown', false);
  if (watching) {
    const last = s.watchReturns.length ? ` · last episode ${s.watchReturns[s.watchReturns.length - 1]}` : '';
    return drawCartPole(ctx, w, h, s.watchObs[0], s.watchObs[2], c, `watching the current policy at real speed · step ${s.watchSteps}${last}`, s.watchFailed);
  }
  const r = s.replay;
  if (!r) return drawCartPole(ctx, w, h, 0, 0, c, 'Collect a rollout, or press Auto / Watch', false);
  const { obs, dones, rewards } = r.rollout.trace;
  const t = Math.min(rewards.length - 1, r.step);
  const failed = dones[t] === 1 && Math.abs(obs[t * 4 + 2]) > 0.15;
  drawCartPole(ctx, w, h, obs[t * 4], obs[t * 4 + 2], c, `rollout replay (env 1 of ${NUM_ENVS}) · step ${t + 1} of ${rewards.length}`, failed);
}

/** Draw CartPole: x in metres (track ±2.4), θ in radians (0 = upright). */
export function drawCartPole(ctx: CanvasRenderingContext2D, w: number, h: number, x: number, theta: number, c: PpoColors, caption: string, failed: boolean): void {
  ctx.clearRect(0, 0, w, h);
  const limit = 2.4;
  const scale = (w - 40) / (2 * limit + 0.6);
  const cx = w / 2 + x * scale;
  const trackY = h - 34;
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(w / 2 - limit * scale, trackY);
  ctx.lineTo(w / 2 + limit * scale, trackY);
  ctx.stroke();
  for (const edge of [-limit, limit]) {
    ctx.beginPath();
    ctx.moveTo(w / 2 + edge * scale, trackY - 8);
    ctx.lineTo(w / 2 + edge * scale, trackY + 8);
    ctx.stroke();
  }
  const cartW = 0.5 * scale;
  const cartH = 0.3 * scale;
  ctx.fillStyle = c.fg;
  ctx.fillRect(cx - cartW / 2, trackY - cartH, cartW, cartH);
  // Pole: full length 2 × 0.5 m.
  const poleLen = 1.0 * scale;
  const px = cx + Math.sin(theta) * poleLen;
  const py = trackY - cartH - Math.cos(theta) * poleLen;
  ctx.strokeStyle = failed ? c.accent2 : c.accent;
  ctx.lineWidth = Math.max(5, scale * 0.08);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx, trackY - cartH);
  ctx.lineTo(px, py);
  ctx.stroke();
  ctx.lineCap = 'butt';
  ctx.fillStyle = c.muted;
  ctx.beginPath();
  ctx.arc(cx, trackY - cartH, 4, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = c.fg;
  ctx.font = '14px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(caption, 8, 6);
}

/**
 * The clipped surrogate per unit advantage, L(r) = min(r·Â, clip(r, 1−ε, 1+ε)·Â) / |Â|, for Â > 0
 * (left) and Â < 0 (right), with the dashed unclipped line and the last minibatch's ratios as dots
 * (filled where the gradient flows, hollow where the clip switched it off).
 */
export function drawClipObjective(ctx: CanvasRenderingContext2D, w: number, h: number, eps: number, ratios: ArrayLike<number>, advantages: ArrayLike<number>, c: PpoColors): void {
  ctx.clearRect(0, 0, w, h);
  const panelW = w / 2;
  const rMax = 2;
  for (const sign of [1, -1]) {
    const ox = sign > 0 ? 0 : panelW;
    const pad = { l: 34, r: 10, t: 22, b: 26 };
    const pw = panelW - pad.l - pad.r;
    const ph = h - pad.t - pad.b;
    const X = (r: number) => ox + pad.l + (r / rMax) * pw;
    const Y = (v: number) => pad.t + ((2 - v) / 4) * ph; // v in [−2, 2]
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    ctx.lineTo(X(rMax), Y(0));
    ctx.moveTo(X(0), Y(2));
    ctx.lineTo(X(0), Y(-2));
    ctx.stroke();
    ctx.setLineDash([3, 3]);
    for (const r of [1 - eps, 1, 1 + eps]) {
      ctx.beginPath();
      ctx.moveTo(X(r), Y(2));
      ctx.lineTo(X(r), Y(-2));
      ctx.stroke();
    }
    // Unclipped r·Â.
    ctx.strokeStyle = c.muted;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    ctx.lineTo(X(rMax), Y(sign * rMax));
    ctx.stroke();
    ctx.setLineDash([]);
    const L = (r: number) => Math.min(r * sign, Math.min(Math.max(r, 1 - eps), 1 + eps) * sign);
    ctx.strokeStyle = c.accent;
    ctx.lineWidth = 3;
    ctx.beginPath();
    for (let i = 0; i <= 100; i++) {
      const r = (i / 100) * rMax;
      if (i === 0) ctx.moveTo(X(r), Y(L(r)));
      else ctx.lineTo(X(r), Y(L(r)));
    }
    ctx.stroke();
    ctx.lineWidth = 1.5;
    for (let i = 0; i < ratios.length; i++) {
      const a = advantages[i];
      if (a === 0 || Math.sign(a) !== sign) continue;
      const r = Math.min(rMax, ratios[i]);
      const active = !((a > 0 && ratios[i] > 1 + eps) || (a < 0 && ratios[i] < 1 - eps));
      ctx.beginPath();
      ctx.arc(X(r), Y(L(r)), 3.5, 0, 2 * Math.PI);
      if (active) {
        ctx.fillStyle = c.accent2;
        ctx.fill();
      } else {
        ctx.strokeStyle = c.accent2;
        ctx.stroke();
      }
    }
    ctx.fillStyle = c.fg;
    ctx.font = '13px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(sign > 0 ? 'Â > 0: raise π(a|s), but not past 1+ε' : 'Â < 0: lower π(a|s), but not below 1−ε', ox + pad.l + pw / 2, 3);
    ctx.fillStyle = c.muted;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('ratio r = π/π_old', ox + pad.l + pw / 2, h - 14);
    for (const r of [0, 1, 2]) ctx.fillText(String(r), X(r), Y(-2) + 2);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of [-2, 0, 2]) ctx.fillText(fmt(v, 0), X(0) - 4, Y(v));
  }
}

/** One rollout's advantages over time (env 0), with episode ends marked. */
export function drawAdvantages(ctx: CanvasRenderingContext2D, w: number, h: number, advantages: ArrayLike<number>, dones: ArrayLike<number>, c: PpoColors): void {
  ctx.clearRect(0, 0, w, h);
  const n = advantages.length;
  const pad = { l: 40, r: 8, t: 20, b: 22 };
  const pw = w - pad.l - pad.r;
  const ph = h - pad.t - pad.b;
  ctx.fillStyle = c.fg;
  ctx.font = '13px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('GAE advantages Â_t of one rollout (env 0); | = episode end', pad.l, 2);
  if (n === 0) {
    ctx.fillStyle = c.muted;
    ctx.fillText('Collect a rollout to see its advantages.', pad.l, pad.t + ph / 2 - 8);
    return;
  }
  let m = 1e-6;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(advantages[i]));
  const X = (t: number) => pad.l + (t / Math.max(1, n - 1)) * pw;
  const Y = (v: number) => pad.t + ph / 2 - (v / m) * (ph / 2);
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad.l, Y(0));
  ctx.lineTo(pad.l + pw, Y(0));
  ctx.stroke();
  ctx.strokeStyle = c.accent2;
  for (let t = 0; t < n; t++) {
    if (!dones[t]) continue;
    ctx.beginPath();
    ctx.moveTo(X(t), pad.t);
    ctx.lineTo(X(t), pad.t + ph);
    ctx.stroke();
  }
  const bw = Math.max(1, pw / n - 0.5);
  for (let t = 0; t < n; t++) {
    const v = advantages[t];
    ctx.fillStyle = v >= 0 ? c.accent : c.muted;
    const y0 = Y(0);
    const y1 = Y(v);
    ctx.fillRect(X(t) - bw / 2, Math.min(y0, y1), bw, Math.max(1, Math.abs(y1 - y0)));
  }
  ctx.fillStyle = c.muted;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(fmt(m, 1), pad.l - 4, Y(m));
  ctx.fillText('0', pad.l - 4, Y(0));
  ctx.fillText(fmt(-m, 1), pad.l - 4, Y(-m));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(`step t (0 … ${n - 1})`, pad.l + pw / 2, h - 16);
}
