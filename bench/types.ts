/**
 * A benchmark: `npm run bench` runs every `bench/*.bench.ts` module's `benches` in Node and/or in
 * headless Chromium (wasm backend unless the bench says otherwise), and prints what each returns.
 * Speed and learning targets live here, never in timed tests.
 */
export interface Bench {
  /** Short name shown in the report, e.g. "cnn: MNIST accuracy in 60 s". */
  name: string;
  /** Where it runs. */
  where: 'node' | 'browser' | 'both';
  /** TensorFlow.js backend to use (default: cpu in Node, wasm in the browser). */
  backend?: 'cpu' | 'wasm' | 'webgl' | 'webgpu';
  /** Runs once and returns named results (numbers or short strings); include the target and whether it was met. */
  run(): Promise<Record<string, number | string | boolean>>;
}
