/**
 * Trains the small GPT of the live text slides on The Æsop for Children (character-level, the
 * trainer's defaults) and writes its weights, float16, with the tokenizer, to
 * engine/models/weights/gpt-aesop.json, so a slide can write fables at once. Deterministic: fixed
 * seeds, a fixed number of steps, one backend (results differ in the last bits across backends).
 *
 *   npm run train:gpt                  # wasm backend in Node, the recipe in RECIPE
 *   npm run train:gpt -- 400 cpu       # another number of steps, another backend (for trying out)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createGptTrainer, GPT_TRAINER_DEFAULTS } from '../engine/trainers/gpt.ts';

/**
 * The shipped recipe: the trainer's defaults (batch 16, Adam 0.01) at a constant learning rate
 * (decayAfter 0: the shipped weights predate the trainer's schedule), seed 1, this many Adam steps.
 */
const RECIPE = { ...GPT_TRAINER_DEFAULTS, decayAfter: 0, seed: 1, steps: 1600 };

async function main(): Promise<void> {
  const steps = Number(process.argv[2] ?? RECIPE.steps);
  const backend = process.argv[3] ?? 'wasm';
  await tf.setBackend(backend);
  await tf.ready();
  const { steps: _ignored, ...options } = RECIPE;
  void _ignored;
  const trainer = await createGptTrainer(options);
  const base = trainer.baselines();
  console.log(`${trainer.paramCount} weights; held-out baselines: unigram ${base.unigram.toFixed(3)}, bigram ${base.bigram.toFixed(3)} nats/char`);
  const t0 = Date.now();
  const out = fileURLToPath(new URL('../engine/models/weights/gpt-aesop.json', import.meta.url));
  // Writes the weights after `done` steps. Evaluation and sampling draw no training randomness, so
  // the file written at step n is the same as the final file of a run of n steps.
  const save = async (done: number) => {
    const validation = await trainer.evaluate();
    const file = trainer.exportWeights({
      corpus: 'The Æsop for Children (1919), all but the held-out last tenth',
      steps: done,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      seed: options.seed,
      backend,
      heldOutLoss: Number(validation.toFixed(4)),
      unigramBaseline: Number(base.unigram.toFixed(4)),
      bigramBaseline: Number(base.bigram.toFixed(4)),
    });
    const body = JSON.stringify(file) + '\n';
    writeFileSync(out, body);
    return { validation, kib: body.length / 1024 };
  };
  let recent = 0;
  for (let i = 1; i <= steps; i++) {
    recent += (await trainer.step()).trainLoss;
    if (i % 100 === 0 || i === steps) {
      const { validation } = await save(i);
      console.log(`step ${i}: train ${(recent / (i % 100 || 100)).toFixed(3)}, held-out ${validation.toFixed(3)} nats/char (${((Date.now() - t0) / 1000).toFixed(0)} s); weights written`);
      recent = 0;
    }
  }
  const { validation, kib } = await save(steps);
  const sample = await trainer.sample({ prompt: 'The Fox & the Crow\n\n', maxTokens: 300, temperature: 0.8, seed: 1 });
  console.log(`sample (temperature 0.8):\n${sample.text}\n`);
  trainer.dispose();
  console.log(`held-out ${validation.toFixed(3)} nats/char after ${steps} steps; wrote ${out} (${kib.toFixed(1)} KiB)`);
}

void main();
