/**
 * The baseline for the decision-boundary speed target: a network built the way TensorFlow
 * Playground builds its own (an object per neuron and per link, forward and backward one sample at
 * a time, gradients accumulated on the links and applied once per batch). Written for this
 * benchmark; it is not used by the course.
 */
import { createRng } from '../engine/random.ts';

interface Link {
  source: Neuron;
  dest: Neuron;
  weight: number;
  errorDer: number;
  accErrorDer: number;
  numAccumulated: number;
}

interface Neuron {
  inputLinks: Link[];
  outputs: Link[];
  bias: number;
  totalInput: number;
  output: number;
  outputDer: number;
  inputDer: number;
  accInputDer: number;
  numAccumulated: number;
}

const tanh = (x: number) => Math.tanh(x);
const tanhDer = (x: number) => {
  const t = Math.tanh(x);
  return 1 - t * t;
};

/** A Playground-style network: layers of neuron objects joined by link objects. */
export class PlaygroundStyleNetwork {
  readonly layers: Neuron[][] = [];

  constructor(sizes: number[], seed: number) {
    const rng = createRng(seed);
    for (let l = 0; l < sizes.length; l++) {
      const layer: Neuron[] = [];
      for (let i = 0; i < sizes[l]; i++) {
        const n: Neuron = { inputLinks: [], outputs: [], bias: 0.1, totalInput: 0, output: 0, outputDer: 0, inputDer: 0, accInputDer: 0, numAccumulated: 0 };
        if (l > 0) {
          for (const src of this.layers[l - 1]) {
            const link: Link = { source: src, dest: n, weight: rng.uniform(-0.5, 0.5), errorDer: 0, accErrorDer: 0, numAccumulated: 0 };
            src.outputs.push(link);
            n.inputLinks.push(link);
          }
        }
        layer.push(n);
      }
      this.layers.push(layer);
    }
  }

  forward(inputs: number[]): number {
    this.layers[0].forEach((n, i) => (n.output = inputs[i]));
    for (let l = 1; l < this.layers.length; l++) {
      for (const n of this.layers[l]) {
        n.totalInput = n.bias;
        for (const link of n.inputLinks) n.totalInput += link.weight * link.source.output;
        n.output = tanh(n.totalInput);
      }
    }
    return this.layers[this.layers.length - 1][0].output;
  }

  /** Square error ½(out − target)², back-propagated through the objects. */
  backward(target: number): void {
    const out = this.layers[this.layers.length - 1][0];
    out.outputDer = out.output - target;
    for (let l = this.layers.length - 1; l >= 1; l--) {
      for (const n of this.layers[l]) {
        n.inputDer = n.outputDer * tanhDer(n.totalInput);
        n.accInputDer += n.inputDer;
        n.numAccumulated++;
        for (const link of n.inputLinks) {
          link.errorDer = n.inputDer * link.source.output;
          link.accErrorDer += link.errorDer;
          link.numAccumulated++;
        }
      }
      if (l === 1) continue;
      for (const n of this.layers[l - 1]) {
        n.outputDer = 0;
        for (const link of n.outputs) n.outputDer += link.weight * link.dest.inputDer;
      }
    }
  }

  update(learningRate: number): void {
    for (let l = 1; l < this.layers.length; l++) {
      for (const n of this.layers[l]) {
        if (n.numAccumulated > 0) {
          n.bias -= (learningRate * n.accInputDer) / n.numAccumulated;
          n.accInputDer = 0;
          n.numAccumulated = 0;
        }
        for (const link of n.inputLinks) {
          if (link.numAccumulated > 0) {
            link.weight -= (learningRate / link.numAccumulated) * link.accErrorDer;
            link.accErrorDer = 0;
            link.numAccumulated = 0;
          }
        }
      }
    }
  }

  /** One epoch over (x, y) in batches, Playground's way. Returns samples processed. */
  epoch(x: Float32Array, y: Float32Array, n: number, batchSize: number, learningRate: number): number {
    for (let i = 0; i < n; i++) {
      this.forward([x[2 * i], x[2 * i + 1]]);
      this.backward(y[i] > 0.5 ? 1 : -1);
      if ((i + 1) % batchSize === 0) this.update(learningRate);
    }
    return n;
  }
}
