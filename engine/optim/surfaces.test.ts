import { describe, expect, it } from 'vitest';
import { createOptimizerRace, getSurface, SURFACES, surfaceGrid } from './surfaces.ts';

describe('loss surfaces', () => {
  it.each(SURFACES)('%s: the gradient equals central finite differences', (name) => {
    const s = getSurface(name);
    const [x0, x1, y0, y1] = s.bounds;
    for (let k = 0; k < 12; k++) {
      const x = x0 + ((k * 0.37) % 1) * (x1 - x0);
      const y = y0 + ((k * 0.61) % 1) * (y1 - y0);
      const h = 1e-5;
      const [gx, gy] = s.grad(x, y);
      const fx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
      const fy = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
      expect(gx).toBeCloseTo(fx, 3);
      expect(gy).toBeCloseTo(fy, 3);
    }
  });

  it.each(SURFACES)('%s: the minima are stationary and lower than every grid point', (name) => {
    const s = getSurface(name);
    const grid = surfaceGrid(name, 80, 80);
    const lowest = Math.min(...grid);
    for (const [mx, my] of s.minima) {
      const [gx, gy] = s.grad(mx, my);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-9);
      expect(s.f(mx, my)).toBeLessThanOrEqual(lowest + 1e-12);
    }
  });

  it('the saddle point has zero gradient but is not a minimum', () => {
    const s = getSurface('saddle');
    expect(Math.hypot(...s.grad(0, 0))).toBe(0);
    expect(s.f(0, 0.3)).toBeLessThan(s.f(0, 0));
    expect(s.f(0.3, 0)).toBeGreaterThan(s.f(0, 0));
  });

  it('the first race step is the hand-computed update of each rule', () => {
    const race = createOptimizerRace({ surface: 'ravine', start: [2, 1], learningRate: 0.1, adaptiveLearningRate: 0.01, momentum: 0.9 });
    race.step(1);
    // ∇f(2, 1) = (0.2, 4).
    const at = (name: string) => race.racers.find((r) => r.name === name)!;
    expect(at('sgd').x).toBeCloseTo(2 - 0.1 * 0.2, 6);
    expect(at('sgd').y).toBeCloseTo(1 - 0.1 * 4, 6);
    expect(at('momentum').y).toBeCloseTo(1 - 0.1 * 4, 6); // v = g on the first step
    expect(at('nesterov').y).toBeCloseTo(1 - 0.1 * (4 + 0.9 * 4), 6);
    // RMSProp: s = 0.1 g², step = η g/√s = η/√0.1 in each coordinate.
    expect(at('rmsprop').x).toBeCloseTo(2 - 0.01 / Math.sqrt(0.1), 5);
    // Adam: bias-corrected first step has size η in each coordinate.
    expect(at('adam').x).toBeCloseTo(2 - 0.01, 5);
    expect(at('adam').y).toBeCloseTo(1 - 0.01, 5);
  });

  it('momentum beats plain SGD in the ravine, and every optimizer reaches the bowl minimum despite noise', () => {
    const ravine = createOptimizerRace({ surface: 'ravine', learningRate: 0.3 });
    ravine.step(150);
    const loss = (name: string) => ravine.racers.find((r) => r.name === name)!.loss;
    expect(loss('momentum')).toBeLessThan(loss('sgd') / 10);
    const bowl = createOptimizerRace({ surface: 'noisy-bowl', seed: 3 });
    bowl.step(400);
    for (const r of bowl.racers) expect(r.loss).toBeLessThan(0.5);
    const rosen = createOptimizerRace({ surface: 'rosenbrock', optimizers: ['adam'] });
    rosen.step(3000);
    expect(rosen.racers[0].loss).toBeLessThan(0.05);
  });
});
