import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { normalArray } from '../diffusion/schedule.ts';
import { createRng } from '../random.ts';
import { createDiffusionTrainer } from '../trainers/diffusion.ts';
import { createDiffusionSession } from './diffusion-client.ts';
import { createDiffusionHost, type DiffusionRequest, type DiffusionSamples, type DiffusionSessionInfo, type DiffusionTrainRound } from './diffusion-host.ts';

beforeAll(useCpu);

const TINY = { dataset: 'moons' as const, conditional: true, hidden: [16, 16], batchSize: 64, points: 300, heldOut: 200, steps: 30, seed: 5 };
const SAMPLE = { steps: 10, n: 120, seed: 22, guidance: 2, classLabel: -1 };
const QUALITY = { classLabel: -1, maxPoints: 100 };
const ownsBuffer = (a: Float32Array | Int32Array) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;

describe('diffusion session host (the worker side)', () => {
  it('trains in rounds the very updates the trainer takes, samples and scores the same numbers, and frees its tensors', async () => {
    // The trainer alone: 7 updates, then both samplers and their scores.
    const direct = createDiffusionTrainer(TINY);
    const want: number[] = [];
    for (let i = 0; i < 7; i++) want.push((await direct.train(1)).loss);
    const ddpm = await direct.sample({ ...SAMPLE, method: 'ddpm' });
    const ddim = await direct.sample({ ...SAMPLE, method: 'ddim' });
    const eps = normalArray(direct.data.n * 2, createRng(TINY.seed + 101));
    const wantQuality = { ddpm: direct.quality(ddpm.x, QUALITY), ddim: direct.quality(ddim.x, QUALITY), baseline: direct.quality(eps, QUALITY) };
    const wantField = direct.field(12, 5, { classLabel: 1, guidance: 2 });
    const baselineMmd = direct.noiseBaseline();
    direct.dispose();

    await expectNoLeak(async () => {
      const handle = createDiffusionHost();
      const value = async <T>(r: DiffusionRequest) => (await handle(r)).value as T;
      const info = await value<DiffusionSessionInfo>({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
      expect(info.backend.name).toBe('cpu');
      expect(info.conditional).toBe(true);
      expect(info.data.n).toBe(300);
      expect(info.heldOut.n).toBe(200);
      expect(info.schedule.steps).toBe(30);
      expect(info.curves.map((c) => c.name)).toEqual(['linear', 'cosine']);
      expect(info.curves[0].alphaBars).toEqual(info.schedule.alphaBars);
      expect(info.eps).toEqual(eps);
      expect(info.noiseBaseline).toBe(baselineMmd);
      // Rounds: a zero budget still runs one update; `max` caps a long budget.
      const one = await value<DiffusionTrainRound>({ op: 'train', budgetMs: 0, max: 100 });
      expect([one.count, one.last.step]).toEqual([1, 1]);
      expect(one.last.loss).toBe(want[0]);
      const capped = await value<DiffusionTrainRound>({ op: 'train', budgetMs: 60_000, max: 6 });
      expect([capped.count, capped.last.step]).toEqual([6, 7]);
      expect(capped.last.loss).toBe(want[6]);
      // Both samplers in one answer: the same numbers as the trainer alone, in arrays that own their buffers.
      const s = await value<DiffusionSamples>({ op: 'sample', sample: SAMPLE, quality: QUALITY });
      expect(s.ddpm.x).toEqual(ddpm.x);
      expect(s.ddim.x).toEqual(ddim.x);
      expect(s.ddim.frames).toEqual(ddim.frames);
      expect(s.ddpm.times).toEqual(ddpm.times);
      expect(s.quality).toEqual(wantQuality);
      for (const a of [s.ddpm.x, s.ddpm.frames, s.ddpm.labels, s.ddim.x, s.ddim.frames, s.ddim.labels]) expect(ownsBuffer(a)).toBe(true);
      const field = await value<Float32Array>({ op: 'field', t: 12, size: 5, options: { classLabel: 1, guidance: 2 } });
      expect(field).toEqual(wantField);
      expect(ownsBuffer(field)).toBe(true);
      await expect(handle({ op: 'sample', sample: { ...SAMPLE, n: 0 }, quality: QUALITY })).rejects.toThrow(/Number of samples must be an integer from 1 to 20000, got 0/);

      await handle({ op: 'dispose' });
      await expect(handle({ op: 'train', budgetMs: 0, max: 1 })).rejects.toThrow(/not built/);
    });
  });

  it('dispose skips the queue: requests waiting reject and every tensor is freed at once', async () => {
    const baseline = tf.memory().numTensors;
    const handle = createDiffusionHost();
    await handle({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
    const sampling = handle({ op: 'sample', sample: SAMPLE, quality: QUALITY });
    const queuedStep = handle({ op: 'train', budgetMs: 0, max: 1 });
    await handle({ op: 'dispose' });
    expect(tf.memory().numTensors).toBe(baseline);
    await expect(sampling).rejects.toThrow(/not built|disposed/);
    await expect(queuedStep).rejects.toThrow(/not built/);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('bad options fail with the trainer’s message', async () => {
    const handle = createDiffusionHost();
    await expect(handle({ op: 'init', options: { ...TINY, dataset: 'donut' as never }, backend: { prefer: 'cpu' } })).rejects.toThrow(/Unknown dataset "donut"/);
  });
});

describe('diffusion session client', () => {
  it('without Web Workers (Node) runs the host on the page, counts updates, and rejects after dispose', async () => {
    const s = await createDiffusionSession({ trainer: TINY, backend: { prefer: 'cpu' } });
    expect(s.where).toBe('page');
    expect(s.fallbackReason).toBe('no Web Workers here');
    expect(s.info.paramCount).toBeGreaterThan(100);
    const r = await s.train(60_000, 3);
    expect(r.count).toBe(3);
    expect(s.updates).toBe(3);
    const q = await s.sample({ ...SAMPLE, steps: 3 }, QUALITY);
    expect(q.ddim.times).toHaveLength(4);
    s.dispose();
    expect(s.disposed).toBe(true);
    await expect(s.train(0, 1)).rejects.toThrow(/disposed/);
  });
});
