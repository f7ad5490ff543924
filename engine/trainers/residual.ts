/**
 * Why skip connections: the same deep MLP trained twice, side by side, once plain
 * (h_l = φ(W_l h_{l−1} + b_l)) and once residual (h_l = h_{l−1} + φ(W_l h_{l−1} + b_l)), from the
 * same seeded initial weights, on the same batches. Each step reports both losses and the gradient
 * norm ‖∂L/∂W_l‖ of every layer: in the plain network the early layers' gradients shrink with
 * depth, in the residual one the identity path carries them back.
 *
 * ```ts
 * const race = createResidualRace({ depth: 20 });
 * const r = await race.step();   // { plain: { loss, accuracy, gradNorms }, residual: { … } }
 * race.dispose();
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { generate2D, type Dataset2DName } from '../datasets/two-d.ts';
import { createRng } from '../random.ts';

/** Defaults for {@link createResidualRace}. */
export const RESIDUAL_DEFAULTS = {
  /** Hidden layers (the residual ones all have the same width). */
  depth: 20,
  /** Width of every hidden layer. */
  width: 16,
  /** Hidden activation. */
  activation: 'tanh' as 'tanh' | 'relu' | 'sigmoid',
  /** Adam learning rate. */
  learningRate: 0.01,
  /** Dataset (2-D classification). */
  dataset: 'spiral' as Dataset2DName,
  /** Points in the dataset (all used in every step: full batch). */
  points: 400,
  /** Seed for data and weights. */
  seed: 1,
};

/** Options for {@link createResidualRace}. */
export type ResidualOptions = Partial<typeof RESIDUAL_DEFAULTS>;

/** One network's read-out after a step. */
export interface RaceSide {
  /** Binary cross-entropy on the training points. */
  loss: number;
  /** Fraction classified correctly. */
  accuracy: number;
  /** ‖∂L/∂W_l‖ for every layer, input layer first, output layer last. */
  gradNorms: Float32Array;
}

/** What a step reports. */
export interface RaceStep {
  step: number;
  plain: RaceSide;
  residual: RaceSide;
}

/** Two networks training side by side. */
export interface ResidualRace {
  readonly options: typeof RESIDUAL_DEFAULTS;
  /** One full-batch update of both networks. */
  step(): Promise<RaceStep>;
  /** Free every tensor. */
  dispose(): void;
}

/** Throws a readable message for bad options. */
export function validateResidual(o: ResidualOptions): void {
  const int = (name: string, v: number | undefined, lo: number, hi: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi)) throw new Error(`${name} must be a whole number from ${lo} to ${hi}, got ${v}.`);
  };
  int('depth', o.depth, 1, 64);
  int('width', o.width, 2, 64);
  int('points', o.points, 20, 2000);
  if (o.learningRate !== undefined && !(o.learningRate > 0 && o.learningRate <= 1)) throw new Error(`learningRate must be in (0, 1], got ${o.learningRate}.`);
  if (o.activation !== undefined && !['tanh', 'relu', 'sigmoid'].includes(o.activation)) throw new Error(`activation must be tanh, relu or sigmoid, got ${o.activation}.`);
}

/** Build both networks (same initial weights) and the data. */
export function createResidualRace(options: ResidualOptions = {}): ResidualRace {
  validateResidual(options);
  const o = { ...RESIDUAL_DEFAULTS, ...options };
  const data = generate2D(o.dataset, { n: o.points, seed: o.seed });
  const rng = createRng(o.seed * 101 + 3);
  const sizes = [2, ...Array(o.depth).fill(o.width), 1];
  // Glorot-uniform initial weights, shared by both networks.
  const init = sizes.slice(1).map((out, l) => {
    const fanIn = sizes[l];
    const limit = Math.sqrt(6 / (fanIn + out));
    return { w: Float32Array.from({ length: fanIn * out }, () => rng.uniform(-limit, limit)), b: new Float32Array(out), shape: [fanIn, out] as [number, number] };
  });
  const make = () =>
    tf.tidy(() => init.map((p) => ({ w: tf.variable(tf.tensor2d(p.w, p.shape)), b: tf.variable(tf.tensor1d(p.b)) })));
  const nets = { plain: make(), residual: make() };
  const optimizers = { plain: tf.train.adam(o.learningRate), residual: tf.train.adam(o.learningRate) };
  const x = tf.tensor2d(data.x, [data.n, 2]);
  const y = tf.tensor2d(data.y, [data.n, 1]);
  const act = (t: tf.Tensor) => (o.activation === 'relu' ? tf.relu(t) : o.activation === 'sigmoid' ? tf.sigmoid(t) : tf.tanh(t));
  const forward = (net: typeof nets.plain, residual: boolean) => {
    let h: tf.Tensor = x;
    net.forEach((p, l) => {
      const z = h.matMul(p.w).add(p.b);
      if (l === net.length - 1) h = z;
      else h = residual && l > 0 ? h.add(act(z)) : act(z);
    });
    return h;
  };
  let step = 0;
  let disposed = false;

  /** Give the page a turn (a macrotask): a step is four such pieces, not one long task. */
  const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
  const train = async (kind: 'plain' | 'residual'): Promise<RaceSide> => {
    const net = nets[kind];
    const vars = net.flatMap((p) => [p.w, p.b]);
    const { value, grads } = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(y, forward(net, kind === 'residual')) as tf.Scalar, vars);
    const norms = tf.tidy(() => tf.stack(net.map((p) => tf.norm(grads[p.w.name]))));
    optimizers[kind].applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
    tf.dispose(Object.values(grads));
    await pause();
    const acc = tf.tidy(() => forward(net, kind === 'residual').greater(0).toFloat().equal(y).mean());
    const [loss, gradNorms, accuracy] = await Promise.all([value.data(), norms.data(), acc.data()]);
    tf.dispose([value, norms, acc]);
    return { loss: loss[0], accuracy: accuracy[0], gradNorms: Float32Array.from(gradNorms) };
  };

  return {
    options: o,
    async step() {
      if (disposed) throw new Error('This race was disposed.');
      const plain = await train('plain');
      // Let the page run between the two networks, and within each between the update and the
      // accuracy pass: full-batch passes through 20-odd layers, all at once one long task.
      await pause();
      if (disposed) throw new Error('This race was disposed.');
      const residual = await train('residual');
      step++;
      return { step, plain, residual };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const net of Object.values(nets)) for (const p of net) tf.dispose([p.w, p.b]);
      optimizers.plain.dispose();
      optimizers.residual.dispose();
      tf.dispose([x, y]);
    },
  };
}
