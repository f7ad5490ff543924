/**
 * Decision-boundary page targets, measured on the real widget in Chromium: the 100 × 100 repaint
 * (prediction + pixels) and the frame rate while training.
 */
import '../widgets/decision-boundary/decision-boundary.ts';
import type { DlDecisionBoundary } from '../widgets/decision-boundary/decision-boundary.ts';
import type { Bench } from './types.ts';

async function pageTargets(): Promise<Record<string, number | string | boolean>> {
  const el = document.createElement('dl-decision-boundary') as DlDecisionBoundary;
  el.setAttribute('dataset', 'spiral');
  el.setAttribute('hidden-layers', '16,16');
  el.setAttribute('activation', 'tanh');
  el.setAttribute('learning-rate', '0.03');
  el.active = true;
  document.body.append(el);
  await new Promise<void>((resolve) => el.addEventListener('dl-ready', () => resolve(), { once: true }));
  // Repaint cost alone, from single steps (each step trains one epoch and repaints).
  const paints: number[] = [];
  const neuronPaints: number[] = [];
  for (let i = 0; i < 40; i++) {
    await el.step();
    paints.push(el.paintMs);
    neuronPaints.push(el.neuronPaintMs);
  }
  // Frames while playing: count animation frames for 3 s.
  let epochs = 0;
  el.addEventListener('dl-train-step', () => epochs++);
  el.play();
  let frames = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      frames++;
      if (performance.now() - t0 < 3000) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const seconds = (performance.now() - t0) / 1000;
  el.pause();
  const info = el.engineInfo;
  el.remove();
  const sorted = [...paints].sort((a, b) => a - b);
  const neuronSorted = [...neuronPaints].sort((a, b) => a - b);
  return {
    'boundary repaint ms (100×100 prediction + pixels, median)': Number(sorted[Math.floor(sorted.length / 2)].toFixed(2)),
    'neuron maps repaint ms (32 maps of 26×26, median)': Number(neuronSorted[Math.floor(neuronSorted.length / 2)].toFixed(2)),
    'fps while training (3 s)': Number((frames / seconds).toFixed(1)),
    'epochs/s while training': Number((epochs / seconds).toFixed(1)),
    kernel: info?.kernel ?? '?',
    target: 'repaint ≤ 5 ms and ≥ 50 fps',
    target_met: sorted[Math.floor(sorted.length / 2)] <= 5 && frames / seconds >= 50,
  };
}

export const benches: Bench[] = [{ name: 'decision boundary: repaint and frame rate (real widget)', where: 'browser', run: pageTargets }];
