import { describe, expect, it } from 'vitest';
import { createRng } from '../random.ts';
import { sampleIndex, samplingDistribution, softmaxWithTemperature, topEntries, validateSampling } from './sampling.ts';

const LOGITS = [2, 1, 0.5, 0, -1];
const sum = (p: ArrayLike<number>) => Array.from(p).reduce((a, b) => a + b, 0);

describe('sampling distributions', () => {
  it('temperature 1 is the softmax; lower sharpens, higher flattens; each sums to 1', () => {
    const p = softmaxWithTemperature(LOGITS);
    const z = LOGITS.reduce((a, l) => a + Math.exp(l), 0);
    LOGITS.forEach((l, i) => expect(p[i]).toBeCloseTo(Math.exp(l) / z, 6));
    const cold = samplingDistribution(LOGITS, { temperature: 0.5 });
    const hot = samplingDistribution(LOGITS, { temperature: 2 });
    expect(cold[0]).toBeGreaterThan(p[0]);
    expect(hot[0]).toBeLessThan(p[0]);
    for (const q of [p, cold, hot]) expect(sum(q)).toBeCloseTo(1, 6);
  });

  it('top-k keeps the k most likely tokens, renormalised in proportion', () => {
    const p = softmaxWithTemperature(LOGITS);
    const k2 = samplingDistribution(LOGITS, { topK: 2 });
    expect(Array.from(k2.slice(2))).toEqual([0, 0, 0]);
    expect(k2[0] / k2[1]).toBeCloseTo(p[0] / p[1], 5);
    expect(sum(k2)).toBeCloseTo(1, 6);
  });

  it('top-p keeps the fewest most likely tokens whose mass reaches p', () => {
    const p = softmaxWithTemperature(LOGITS);
    // p ≈ [0.54, 0.20, 0.12, 0.07, 0.03]: 0.6 needs the first two, 0.8 the first three.
    expect(Array.from(samplingDistribution(LOGITS, { topP: 0.6 })).filter((x) => x > 0)).toHaveLength(2);
    const p8 = samplingDistribution(LOGITS, { topP: 0.8 });
    expect(Array.from(p8).filter((x) => x > 0)).toHaveLength(3);
    expect(p8[2]).toBeCloseTo(p[2] / (p[0] + p[1] + p[2]), 5);
    expect(Array.from(samplingDistribution(LOGITS, { topP: 0.01 })).filter((x) => x > 0)).toHaveLength(1);
  });

  it('greedy is one-hot on the argmax, whatever the temperature', () => {
    expect(Array.from(samplingDistribution([0.1, 3, 2], { greedy: true, temperature: 5 }))).toEqual([0, 1, 0]);
  });

  it('draws follow the distribution and never pick a zeroed token', () => {
    const p = samplingDistribution(LOGITS, { topK: 3 });
    const rng = createRng(5);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 20000; i++) counts[sampleIndex(p, rng)]++;
    expect(counts[3] + counts[4]).toBe(0);
    for (let i = 0; i < 3; i++) expect(counts[i] / 20000).toBeCloseTo(p[i], 1);
  });

  it('top entries come most likely first', () => {
    expect(topEntries([0.1, 0.5, 0.4], 2).map((e) => e.index)).toEqual([1, 2]);
  });

  it('names a bad option', () => {
    expect(() => validateSampling({ temperature: 0 })).toThrow(/Temperature/);
    expect(() => validateSampling({ topK: 1.5 })).toThrow(/Top-k/);
    expect(() => validateSampling({ topP: 1.2 })).toThrow(/Top-p/);
  });
});
