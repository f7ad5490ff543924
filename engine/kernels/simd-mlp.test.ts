import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../../build/wasm.ts';
import { initMlpParams, type MlpSpec } from '../models/mlp.ts';
import { createRng } from '../random.ts';
import { DenseMlpKernel } from './dense-mlp.ts';
import { createSimdForward } from './simd-mlp.ts';
import { WASM_BASE64 } from './simd-mlp.wasm.ts';

const spec = (inputs: number, hidden: number[], outputs: number, activation: MlpSpec['activation'], output: MlpSpec['output']): MlpSpec => ({
  inputs,
  hidden,
  outputs,
  activation,
  output,
  regularization: 'none',
  regularizationRate: 0,
});

// Widths that are and are not multiples of four and eight, every activation, both heads.
const cases: MlpSpec[] = [
  spec(2, [16, 16], 1, 'tanh', 'sigmoid'),
  spec(7, [8, 8, 8, 8, 8, 8], 1, 'relu', 'sigmoid'),
  spec(3, [5, 7], 2, 'sigmoid', 'linear'),
  spec(2, [13], 1, 'linear', 'linear'),
  spec(1, [1, 33], 3, 'tanh', 'sigmoid'),
];

describe('WebAssembly SIMD forward pass', () => {
  it('the committed bytes are simd-mlp.wat compiled (run `npm run build:wasm` after editing it)', async () => {
    const bytes = await compileWat(join(import.meta.dirname, 'simd-mlp.wat'));
    expect(WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('is available in Node', () => {
    expect(createSimdForward([2, 4, 1], 'tanh', true)).not.toBeNull();
  });

  it.each(cases.map((c) => [`${c.inputs}-${c.hidden.join('-')}-${c.outputs} ${c.activation}/${c.output}`, c] as const))(
    '%s: outputs and hidden activations equal the JavaScript kernel',
    (_name, s) => {
      const rng = createRng(5);
      const params = initMlpParams(s, rng);
      for (const b of params.b) for (let k = 0; k < b.length; k++) b[k] = rng.uniform(-0.5, 0.5);
      // More rows than one chunk, inputs wide enough to saturate tanh and sigmoid.
      const n = 2500;
      const x = Float32Array.from({ length: n * s.inputs }, () => rng.uniform(-6, 6));
      const simd = new DenseMlpKernel(s, 10, true);
      const js = new DenseMlpKernel(s, 10, false);
      const close = (a: Float32Array, b: Float32Array) => {
        expect(a.length).toBe(b.length);
        let worst = 0;
        for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        // Both approximate tanh to 1e-4; the sigmoid head differs by at most that again.
        expect(worst).toBeLessThan(3e-4);
      };
      close(simd.predict(params, x, n), js.predict(params, x, n));
      const hs = simd.hiddenActivations(params, x, n);
      const hj = js.hiddenActivations(params, x, n);
      expect(hs.length).toBe(s.hidden.length);
      hs.forEach((h, l) => close(h, hj[l]));
      if (s.hidden.length > 0) close(simd.predict(params, x, n, 1), js.predict(params, x, n, 1));
    },
  );

  it('gives exact probabilities 0 < p < 1 and ties at 0.5 for a zero logit', () => {
    const s = spec(2, [4], 1, 'relu', 'sigmoid');
    const params = initMlpParams(s, createRng(1));
    params.w.forEach((w) => w.fill(0));
    params.b.forEach((b) => b.fill(0));
    const p = new DenseMlpKernel(s, 10).predict(params, new Float32Array([1, 2, -3, 4]), 2);
    expect(Array.from(p)).toEqual([0.5, 0.5]);
  });
});
