/**
 * Our GPT against the best in-browser peer, GenAI NanoGPT (npm `@genai-fi/nanogpt` 1.3.0, tf.js),
 * side by side in one page (issue 13: training tokens/s ≥ 1× the peer's, stretch 3×; generation
 * ≥ 200 tokens/s).
 *
 * Same size for both: character-level on The Æsop for Children (our vocabulary, so the same vocab
 * size), our trainer's defaults: context 64, d_model 64, 4 heads, 2 layers, feed-forward 4 × d,
 * batch 32. The peer runs its own training step (`PreTrainer.trainStep`: forward, its sparse
 * cross-entropy, its AdamW) on its two model types: v2 (its default: RoPE, RMSNorm, QK-norm,
 * relu²) and v1 with learned positions (GELU, RMSNorm: the closest to ours). Both models get the
 * same seeded batches of token ids, made and uploaded inside the timed step, and each step ends by
 * reading its loss back (what a live widget does).
 *
 * Timing: a warm-up, then paired rounds that alternate which model goes first; each round trains
 * each model for about ROUND_MS. Reported: median tokens/s of each and the median of the per-round
 * ratios. Generation: 1,000 characters at temperature 0.8 from our trainer (its plain-JavaScript
 * decoder with a key/value cache) and 200 from the peer's `responses.create` (its own cache).
 *
 * Backends: the peer ships custom kernels for cpu, webgl and webgpu only (its `selectBackend`
 * accepts nothing else), so on wasm it cannot train; that bench reports the peer's error and our
 * wasm number against the peer's best, measured on webgl in the same page. No network: the peer
 * is given a ready character tokeniser and random weights, and the page's resource entries are
 * checked for anything fetched from outside this server.
 */
import * as tf from '@tensorflow/tfjs';
import { TeachableLLM, tokenise, training, type GPTConfig } from '@genai-fi/nanogpt';
import { createRng } from '../engine/random.ts';
import { createGptTrainer, type GptTrainer } from '../engine/trainers/gpt.ts';
import type { Bench } from './types.ts';

const ROUND_MS = 1500;
const ROUNDS = 5;
const WARMUP_STEPS = 3;

type Result = Record<string, number | string | boolean>;

/** One model that can take a training step on a batch of ids. */
interface Runner {
  name: string;
  params: number;
  /** One step, its batch made inside (so both pay for upload); resolves when the loss is read. */
  step(): Promise<number>;
  dispose(): void;
}

/** The peer's trainer, reached the way its own API builds one (training.restore → PreTrainer). */
interface PeerTrainer {
  trainStep(state: object, batch: { xs: tf.Tensor; ys: tf.Tensor }): tf.Scalar;
  configure(options: object): void;
  dispose(): void;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Seeded random windows of the training ids, as int32 tensors [B, T] (inputs and next tokens). */
function batchMaker(ids: Int32Array, B: number, T: number, seed: number): () => { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const rng = createRng(seed);
  const x = new Int32Array(B * T);
  const y = new Int32Array(B * T);
  return () => {
    for (let b = 0; b < B; b++) {
      const s = rng.int(ids.length - T - 1);
      x.set(ids.subarray(s, s + T), b * T);
      y.set(ids.subarray(s + 1, s + 1 + T), b * T);
    }
    return { xs: tf.tensor2d(x, [B, T], 'int32'), ys: tf.tensor2d(y, [B, T], 'int32') };
  };
}

function ourRunner(t: GptTrainer): Runner {
  return {
    name: 'ours',
    params: t.paramCount,
    step: async () => (await t.step()).trainLoss,
    dispose: () => t.dispose(),
  };
}

/** The peer at our trainer's size, on the current backend; throws (with the peer's words) if it cannot train here. */
async function peerRunner(ours: GptTrainer, ids: Int32Array, modelType: 'GenAI_NanoGPT_v1' | 'GenAI_NanoGPT_v2'): Promise<Runner & { llm: TeachableLLM }> {
  const o = ours.options;
  const base = { vocabSize: ours.vocab.length, blockSize: o.contextLength, nLayer: o.layers, nHead: o.heads, nEmbed: o.dModel, mlpFactor: o.ffMultiplier };
  const config: GPTConfig = modelType === 'GenAI_NanoGPT_v1' ? { ...base, modelType, useRope: false } : { ...base, modelType };
  const tokeniser = new tokenise.CharTokeniser([...ours.vocab]);
  const llm = TeachableLLM.create(tokeniser, config);
  // create() warms the model up asynchronously (a dummy training pass); wait for it.
  try {
    await new Promise<void>((resolve, reject) => {
      if (llm.status === 'ready') return resolve();
      if (llm.status === 'error') return reject(new Error("the peer's warm-up failed"));
      llm.on('status', (s) => (s === 'ready' ? resolve() : undefined));
      llm.on('error', (e) => reject(new Error(`the peer's warm-up failed: ${msg(e)}`))); // sent after status 'error', with the cause
    });
  } catch (e) {
    llm.dispose(); // its variables are named: free the names for the next model
    throw e;
  }
  const options = { method: { type: 'pretraining' as const }, batchSize: o.batchSize, learningRate: o.learningRate, warmupSteps: 1 };
  const optimizer = new training.AdamWOptimizer({
    learningRate: o.learningRate, beta1: 0.9, beta2: 0.99, weightDecay: 0.01, warmupSteps: 1, decayEpochs: 100, epochSteps: 10_000, minLearningRate: 1e-5, lossScaling: 1,
  });
  const log = [{ trainingMetrics: { loss: 0 }, step: 0, time: 0, batchSize: o.batchSize, tokensPerSecond: 0, duration: 0, totalTokens: 0 }];
  const job = llm.training.restore(options, log, optimizer, [{ id: 'aesop', name: 'The Æsop for Children', conversational: false }]);
  const trainer = job.trainer as unknown as PeerTrainer;
  trainer.configure(options);
  const next = batchMaker(ids, o.batchSize, o.contextLength, o.seed + 7919);
  return {
    name: modelType === 'GenAI_NanoGPT_v1' ? 'peer v1 (learned positions)' : 'peer v2 (default)',
    params: llm.getNumParams(),
    llm,
    async step() {
      const batch = next();
      const loss = trainer.trainStep({}, batch);
      const value = (await loss.data())[0];
      loss.dispose();
      batch.xs.dispose();
      batch.ys.dispose();
      return value;
    },
    dispose() {
      trainer.dispose();
      llm.dispose();
    },
  };
}

/** Steps for about `ms`; tokens per second. */
async function timed(r: Runner, ms: number, tokensPerStep: number): Promise<{ tps: number; loss: number }> {
  let steps = 0;
  let loss: number;
  const t0 = performance.now();
  do {
    loss = await r.step();
    steps++;
  } while (performance.now() - t0 < ms);
  return { tps: (steps * tokensPerStep) / ((performance.now() - t0) / 1000), loss };
}

/** Paired alternating rounds: median tokens/s of each runner and median ratio ours / each peer. */
async function race(runners: Runner[], tokensPerStep: number, rounds = ROUNDS, ms = ROUND_MS): Promise<{ tps: number[]; ratios: number[]; losses: number[] }> {
  for (const r of runners) for (let i = 0; i < WARMUP_STEPS; i++) await r.step();
  const tps: number[][] = runners.map(() => []);
  const losses = runners.map(() => NaN);
  for (let k = 0; k < rounds; k++) {
    const order = runners.map((_, i) => i);
    if (k % 2) order.reverse();
    for (const i of order) {
      const { tps: v, loss } = await timed(runners[i], ms, tokensPerStep);
      tps[i].push(v);
      losses[i] = loss;
    }
  }
  return { tps: tps.map(median), ratios: runners.slice(1).map((_, j) => median(tps[0].map((v, k) => v / tps[j + 1][k]))), losses };
}

/** URLs the page fetched from anywhere but this server (the peer must not download anything). */
function foreignRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => !u.startsWith(location.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

async function ourGeneration(t: GptTrainer): Promise<number> {
  await t.sample({ prompt: 'The ', maxTokens: 50, temperature: 0.8, seed: 2 }); // warm-up
  const t0 = performance.now();
  await t.sample({ prompt: 'The ', maxTokens: 1000, temperature: 0.8, seed: 1 });
  return 1000 / ((performance.now() - t0) / 1000);
}

async function peerGeneration(llm: TeachableLLM, n = 200): Promise<number> {
  await llm.responses.create({ input: 'The ', maxLength: 10, temperature: 0.8, nonConversational: true });
  const t0 = performance.now();
  const r = await llm.responses.create({ input: 'The ', maxLength: n, temperature: 0.8, nonConversational: true });
  const ms = performance.now() - t0;
  void r;
  return n / (ms / 1000);
}

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);

/**
 * Train ours against each of the peer's two model types on the current backend, one pairing at a
 * time (the peer names its variables, so two of its models cannot live in one page at once).
 */
async function sideBySide(prefix: string): Promise<Result> {
  const ours = await createGptTrainer({ seed: 1 });
  const o = ours.options;
  const ids = Int32Array.from(ours.encode((await import('../engine/datasets/aesop.ts')).AESOP_CORPUS));
  const tokensPerStep = o.batchSize * o.contextLength;
  const out: Result = { [`${prefix}ours: params`]: ours.paramCount };
  try {
    for (const type of ['GenAI_NanoGPT_v2', 'GenAI_NanoGPT_v1'] as const) {
      let peer: (Runner & { llm: TeachableLLM }) | undefined;
      try {
        peer = await peerRunner(ours, ids, type);
        await peer.step(); // a backend without the peer's kernels fails here
      } catch (e) {
        out[`${prefix}${type}: peer error`] = msg(e);
        peer?.dispose();
        continue;
      }
      try {
        const { tps, ratios, losses } = await race([ourRunner(ours), peer], tokensPerStep);
        const p = `${prefix}${peer.name}`;
        out[`${p}: params`] = peer.params;
        out[`${p}: ours, training tokens/s (median of ${ROUNDS})`] = Math.round(tps[0]);
        out[`${p}: peer, training tokens/s (median of ${ROUNDS})`] = Math.round(tps[1]);
        out[`${p}: ratio ours / peer (median of paired rounds)`] = +ratios[0].toFixed(2);
        out[`${p}: last train loss, ours / peer`] = `${losses[0].toFixed(3)} / ${losses[1].toFixed(3)}`;
        try {
          out[`${p}: peer, generation tokens/s (200 chars, T 0.8)`] = Math.round(await peerGeneration(peer.llm));
        } catch (e) {
          out[`${p}: peer, generation error`] = msg(e);
        }
      } finally {
        peer.dispose();
      }
    }
    out[`${prefix}ours: generation tokens/s (1,000 chars, T 0.8)`] = Math.round(await ourGeneration(ours));
  } finally {
    ours.dispose();
  }
  return out;
}

function verdict(out: Result, ratioKeys: string[], genKey: string): Result {
  const ratios = ratioKeys.map((k) => out[k]).filter((v): v is number => typeof v === 'number');
  const worst = ratios.length ? Math.min(...ratios) : NaN;
  const gen = typeof out[genKey] === 'number' ? (out[genKey] as number) : NaN;
  const foreign = foreignRequests();
  return {
    ...out,
    'requests outside this server': foreign.length ? foreign.slice(0, 3).join(' ') : 0,
    target: 'ours ≥ 1× the peer (stretch 3×) at the same size, context and batch; generation ≥ 200 tokens/s',
    target_met: worst >= 1 && gen >= 200,
    stretch_met: worst >= 3,
  };
}

export const benches: Bench[] = [
  {
    name: 'gpt vs GenAI NanoGPT: training tokens/s side by side (webgl)',
    where: 'browser',
    backend: 'webgl',
    async run() {
      const backend = tf.getBackend();
      const out = await sideBySide('');
      const keys = Object.keys(out).filter((k) => k.includes(': ratio ours / peer'));
      return { backend, ...verdict(out, keys, 'ours: generation tokens/s (1,000 chars, T 0.8)') };
    },
  },
  {
    name: 'gpt vs GenAI NanoGPT: ours on wasm (our default) vs the peer on wasm and on its webgl',
    where: 'browser',
    backend: 'wasm',
    async run() {
      const backend = tf.getBackend();
      const ours = await createGptTrainer({ seed: 1 });
      const o = ours.options;
      const ids = Int32Array.from(ours.encode((await import('../engine/datasets/aesop.ts')).AESOP_CORPUS));
      const tokensPerStep = o.batchSize * o.contextLength;
      const out: Result = { backend };
      try {
        // The peer on wasm: it has no kernels there (expected to fail with its own message).
        for (const type of ['GenAI_NanoGPT_v2', 'GenAI_NanoGPT_v1'] as const) {
          let peer: Runner | undefined;
          try {
            peer = await peerRunner(ours, ids, type);
            await peer.step();
            const { tps } = await race([ourRunner(ours), peer], tokensPerStep);
            out[`wasm: ${peer.name}: peer, training tokens/s`] = Math.round(tps[1]);
            out[`wasm: ${peer.name}: ratio ours / peer`] = +(tps[0] / tps[1]).toFixed(2);
          } catch (e) {
            out[`wasm: ${type}: peer error`] = msg(e);
          } finally {
            peer?.dispose();
          }
        }
        const { tps } = await race([ourRunner(ours)], tokensPerStep);
        out[`wasm: ours, training tokens/s (median of ${ROUNDS})`] = Math.round(tps[0]);
        out['wasm: ours, generation tokens/s (1,000 chars, T 0.8)'] = Math.round(await ourGeneration(ours));
        // The peer on its best backend here, in the same page (not paired: tf.js runs one backend at a time).
        await tf.setBackend('webgl');
        await tf.ready();
        for (const type of ['GenAI_NanoGPT_v2', 'GenAI_NanoGPT_v1'] as const) {
          let peer: Runner | undefined;
          try {
            peer = await peerRunner(ours, ids, type);
            const { tps: p } = await race([peer], tokensPerStep);
            out[`webgl: ${peer.name}: peer, training tokens/s (median of ${ROUNDS})`] = Math.round(p[0]);
            out[`ours on wasm / ${peer.name} on webgl`] = +(tps[0] / p[0]).toFixed(2);
          } catch (e) {
            out[`webgl: ${type}: peer error`] = msg(e);
          } finally {
            peer?.dispose();
          }
        }
      } finally {
        ours.dispose();
        await tf.setBackend('wasm');
      }
      const keys = Object.keys(out).filter((k) => k.startsWith('ours on wasm /'));
      return verdict(out, keys, 'wasm: ours, generation tokens/s (1,000 chars, T 0.8)');
    },
  },
];
