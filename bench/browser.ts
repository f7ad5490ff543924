/** The browser side of `npm run bench`: loads every bench module and runs one on request. */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../engine/index.ts';
import type { Bench } from './types.ts';

const modules = {
  ...import.meta.glob<{ benches: Bench[] }>('./*.bench.ts'),
  ...import.meta.glob<{ benches: Bench[] }>('./*.browser-bench.ts'),
};

declare global {
  interface Window {
    benchList(): Promise<{ file: string; index: number; name: string; where: string }[]>;
    runBench(file: string, index: number): Promise<{ backend: string; result: Record<string, unknown> }>;
  }
}

window.benchList = async () => {
  const out: { file: string; index: number; name: string; where: string }[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const { benches } = await load();
    benches.forEach((b, index) => out.push({ file, index, name: b.name, where: b.where }));
  }
  return out;
};

window.runBench = async (file, index) => {
  const { benches } = await modules[file]();
  const bench = benches[index];
  const report = await initBackend({ prefer: bench.backend ?? 'wasm' });
  await tf.ready();
  return { backend: report.name, result: await bench.run() };
};
