import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

/** Every module a bundle of `entry` would contain. */
async function bundledModules(entry: string): Promise<string[]> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, lib: { entry, formats: ['es'] }, minify: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((o) => o.output.flatMap((chunk) => (chunk.type === 'chunk' ? Object.keys(chunk.modules) : [])));
}

describe('engine/js.ts', () => {
  it('bundles without TensorFlow.js, and index.ts with it', async () => {
    const js = await bundledModules(join(import.meta.dirname, 'js.ts'));
    expect(js.some((m) => m.includes('engine/kernels/simd-mlp.ts'))).toBe(true);
    expect(js.filter((m) => m.includes('@tensorflow'))).toEqual([]);
    const full = await bundledModules(join(import.meta.dirname, 'index.ts'));
    expect(full.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
  }, 120_000);
});
