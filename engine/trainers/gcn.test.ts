import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { createGcn, stochasticBlockModel } from './gcn.ts';

const accuracyAfter = (options: Parameters<typeof createGcn>[0], steps = 150) => {
  const accs: number[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const g = createGcn({ ...options, seed });
    for (let i = 0; i < steps; i++) g.step();
    accs.push(g.evaluate().accuracy);
  }
  return accs.reduce((a, b) => a + b, 0) / accs.length;
};

describe('GCN on a stochastic block model', () => {
  it('builds a graph with no isolated node and mostly inside-community edges', () => {
    const g = stochasticBlockModel(3, 12, 0.3, 0.025, createRng(1));
    const degree = new Int32Array(g.n);
    let inside = 0;
    for (const [a, b] of g.edges) {
      expect(a).toBeLessThan(b);
      degree[a]++;
      degree[b]++;
      if (g.community[a] === g.community[b]) inside++;
    }
    expect(Math.min(...degree)).toBeGreaterThan(0);
    expect(inside / g.edges.length).toBeGreaterThan(0.75);
  });

  it('gradients equal finite differences (3 layers, weight decay on)', () => {
    const g = createGcn({ layers: 3, hidden: 5, communities: 2, size: 5, seed: 4 });
    const { grads } = g.lossAndGrads();
    const h = 1e-2;
    for (let l = 0; l < g.weights.length; l++) {
      const w = g.weights[l];
      for (const t of [0, Math.floor(w.length / 2), w.length - 1]) {
        const keep = w[t];
        w[t] = keep + h;
        const up = g.lossAndGrads().loss;
        w[t] = keep - h;
        const down = g.lossAndGrads().loss;
        w[t] = keep;
        expect(grads[l][t]).toBeCloseTo((up - down) / (2 * h), 2);
      }
    }
  });

  it('labels spread along edges: no edges ≈ chance, more layers reach more nodes (mean of 5 seeds)', () => {
    const none = accuracyAfter({ useEdges: false });
    const one = accuracyAfter({ layers: 1 });
    const two = accuracyAfter({ layers: 2 });
    // Measured: 0.32, 0.74, 0.85 (three communities: chance is 1/3).
    expect(none).toBeLessThan(0.45);
    expect(one).toBeGreaterThan(none + 0.2);
    expect(two).toBeGreaterThan(0.78);
    expect(two).toBeGreaterThan(one);
  });

  it('is seeded, and names a bad option', () => {
    const a = createGcn({ seed: 9 });
    const b = createGcn({ seed: 9 });
    expect([a.step(), a.step()]).toEqual([b.step(), b.step()]);
    expect(a.labelled).toEqual(b.labelled);
    expect(() => createGcn({ layers: 9 })).toThrow(/layers must be/);
  });
});
