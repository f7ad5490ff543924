/**
 * Resumable work for a page that must not block (issues 18 and 20): an epoch cut into slices as
 * small as they come (a deadline already past) gives bit for bit the weights of the epoch in one
 * go, on every kernel; a measurement in slices gives what the one-shot read-outs give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import type { Feature } from '../datasets/features.ts';
import { createBoundaryTrainer, createBoundaryTrainerPaced, type BoundaryOptions } from './boundary.ts';

beforeAll(useCpu);

const ALL_FEATURES: Feature[] = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'];
/** Big enough that a batch of 50 is taken in several passes on the js and wasm-simd kernels. */
const WIDE: BoundaryOptions = { dataset: 'spiral', points: 200, trainRatio: 0.5, features: ALL_FEATURES, hidden: [256, 256], batchSize: 50, optimizer: 'adam', learningRate: 0.003, regularization: 'l2', regularizationRate: 0.001, seed: 7 };
/** Batch 1: one update per row, the epoch cut between them (a network wide enough to look at the clock inside an epoch). */
const ONE: BoundaryOptions = { dataset: 'xor', points: 60, features: ['x1', 'x2', 'x1x2'], hidden: [256, 256], batchSize: 1, optimizer: 'momentum', learningRate: 0.01, seed: 3 };

const weights = (t: ReturnType<typeof createBoundaryTrainer>) => [...t.trainer.params.w, ...t.trainer.params.b].map((a) => Array.from(a));

describe.each(['js', 'wasm-simd', 'tfjs'] as const)('%s kernel: a resumable epoch', (kernel) => {
  it.each([
    ['batch 50 of a 7-256-256-1 network', WIDE],
    ['batch 1', ONE],
  ] as const)('%s: cut into the smallest slices, two epochs give the weights of fit(2), bit for bit', async (_, options) => {
    await expectNoLeak(async () => {
      const whole = createBoundaryTrainer({ ...options, kernel });
      const sliced = createBoundaryTrainer({ ...options, kernel });
      expect(sliced.trainer.kernel).toBe(kernel);
      await whole.trainer.fit(2);
      let calls = 0;
      for (let epochs = 0; epochs < 2; calls++) {
        epochs += await sliced.trainer.fitUntil(-Infinity, 2);
        if (epochs < 2 && calls > 0) expect(sliced.trainer.midEpoch || epochs === 1).toBe(true);
      }
      expect(sliced.trainer.midEpoch).toBe(false);
      expect(sliced.trainer.updates).toBe(whole.trainer.updates);
      // Really cut inside the epochs; where a batch is taken in passes, more calls than updates.
      expect(calls).toBeGreaterThan(2);
      if (options === WIDE && kernel !== 'tfjs') expect(calls).toBeGreaterThan(sliced.trainer.updates);
      expect(weights(sliced)).toEqual(weights(whole));
      expect(sliced.trainer.evaluate()).toEqual(whole.trainer.evaluate());
      whole.dispose();
      sliced.dispose();
    });
  });

  it('fit() after a half-done epoch finishes it, and a point added mid-epoch keeps the cut invisible', async () => {
    await expectNoLeak(async () => {
      const a = createBoundaryTrainer({ ...ONE, kernel });
      const b = createBoundaryTrainer({ ...ONE, kernel });
      await a.trainer.fitUntil(-Infinity, 1);
      expect(a.trainer.midEpoch).toBe(true);
      a.addPoint({ x1: 1, x2: 1, label: 1 });
      b.addPoint({ x1: 1, x2: 1, label: 1 });
      // The epoch in progress goes on over the rows it began with; b's first epoch has the new row.
      await a.trainer.fit(1);
      expect(a.trainer.midEpoch).toBe(false);
      expect(a.trainer.epoch).toBe(1);
      await a.trainer.fit(1);
      await b.trainer.fit(2);
      expect(a.trainer.epoch).toBe(b.trainer.epoch);
      expect(a.trainer.updates).toBe(b.trainer.updates - 1);
      a.dispose();
      b.dispose();
    });
  });
});

describe('a measurement in slices', () => {
  it.each(['js', 'wasm-simd'] as const)('%s: equals evaluate(), accuracy(), predictGrid() and neuronGrids(), and restarts when the weights change', async (kernel) => {
    const t = createBoundaryTrainer({ ...WIDE, kernel });
    await t.trainer.fit(1);
    const measure = t.measure({ losses: true, accuracy: true, grid: 40, neurons: 12 });
    let slices = 0;
    let m = measure(-Infinity);
    for (; m === null; m = measure(-Infinity)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(m.result).toEqual(t.trainer.evaluate());
    expect(m.accuracy).toBe(t.accuracy('test'));
    expect(Array.from(m.grid)).toEqual(Array.from(t.predictGrid(40)));
    expect(m.neurons.map((l) => l.map((v) => Array.from(v)))).toEqual(t.neuronGrids(12).map((l) => l.map((v) => Array.from(v))));
    // Half a measurement, then an update: the result is of the new weights.
    expect(measure(-Infinity)).toBeNull();
    await t.trainer.fitUntil(-Infinity, 1);
    let again = measure(-Infinity);
    while (again === null) again = measure(-Infinity);
    expect(again.result).toEqual(t.trainer.evaluate());
    expect(Array.from(again.grid)).toEqual(Array.from(t.predictGrid(40)));
    // Only what was asked for.
    const small = t.measure({ grid: 10 })(Infinity)!;
    expect(small.result).toBeNull();
    expect(small.grid.length).toBe(100);
    expect(small.neurons).toEqual([]);
    t.dispose();
  });
});

describe('a build in pieces (createBoundaryTrainerPaced)', () => {
  it('makes the seeded weights a layer at a time, pausing between them, and is the same session number for number', async () => {
    await expectNoLeak(async () => {
      const options: BoundaryOptions = { ...WIDE, hidden: [64, 32, 16], kernel: 'js' };
      const whole = createBoundaryTrainer(options);
      let pauses = 0;
      const paced = await createBoundaryTrainerPaced(options, async () => void pauses++);
      // Between the four layers, and once before the rest of the build.
      expect(pauses).toBe(4);
      expect(weights(paced)).toEqual(weights(whole));
      await whole.trainer.fit(2);
      await paced.trainer.fit(2);
      expect(weights(paced)).toEqual(weights(whole));
      expect(paced.trainer.evaluate()).toEqual(whole.trainer.evaluate());
      // Bad options fail with the same message before any weights are made.
      await expect(createBoundaryTrainerPaced({ dataset: 'donut' as never }, async () => void pauses++)).rejects.toThrow('Unknown dataset "donut"');
      expect(pauses).toBe(4);
      whole.dispose();
      paced.dispose();
    });
  });
});
