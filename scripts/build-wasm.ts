/**
 * `npm run build:wasm`: compile every engine/kernels/*.wat into a sibling *.wasm.ts module.
 * Run it after editing a .wat file; the engine tests fail while the two disagree.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, wasmModuleSource } from '../build/wasm.ts';

const dir = join(import.meta.dirname, '..', 'engine', 'kernels');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.wat'))) {
  const bytes = await compileWat(join(dir, name));
  const target = join(dir, name.replace(/\.wat$/, '.wasm.ts'));
  writeFileSync(target, wasmModuleSource(name, bytes));
  console.log(`${name} → ${target} (${bytes.length} bytes)`);
}
