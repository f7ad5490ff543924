/**
 * Trains the decision-boundary networks that decks open on (`weights="….weights.json"`), so a
 * slide can show, at once, what would take minutes of live training. Deterministic: the same seed
 * and settings give the same weights on any machine.
 *
 *   npm run train:boundary      # rewrites every file in FILES
 *
 * Each entry is the slide's tag (its attributes) and the epochs to train. The files use the format
 * the widget's "Save weights" writes (widgets/_shared/weights-file.ts), so an instructor can also
 * replace one with a network trained in the gallery.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBoundaryTrainer, type BoundaryOptions } from '../engine/trainers/boundary.ts';
import { encodeWeightsFile } from '../widgets/_shared/weights-file.ts';

interface Entry {
  /** Output, relative to the project root. */
  file: string;
  /** The slide's attributes (those that differ from the defaults), as written in slides.md. */
  attributes: Record<string, string>;
  /** The same settings as engine options. */
  options: BoundaryOptions;
  epochs: number;
}

const FILES: Entry[] = [
  {
    // Lecture 1, "Overfitting, trained before class": 30 noisy spiral points, 3 × 32 tanh units.
    file: 'decks/01-ml-basics/overfit-spiral.weights.json',
    attributes: { dataset: 'spiral', noise: '0.3', points: '100', 'train-ratio': '0.3', 'hidden-layers': '32,32,32', 'show-test-data': '' },
    options: { dataset: 'spiral', noise: 0.3, points: 100, trainRatio: 0.3, hidden: [32, 32, 32], seed: 1 },
    epochs: 6000,
  },
];

const root = join(import.meta.dirname, '..');
for (const entry of FILES) {
  const t0 = performance.now();
  const session = createBoundaryTrainer({ ...entry.options, kernel: 'js' });
  const before = session.trainer.evaluate();
  await session.trainer.fit(entry.epochs);
  const after = session.trainer.evaluate();
  const p = session.trainer.params;
  const tag = `<dl-decision-boundary ${Object.entries(entry.attributes)
    .map(([k, v]) => (v === '' ? k : `${k}="${v}"`))
    .join(' ')}></dl-decision-boundary>`;
  const state = { epoch: entry.epochs, sizes: [...p.sizes], w: p.w.map((m) => Array.from(m)), b: p.b.map((v) => Array.from(v)) };
  writeFileSync(join(root, entry.file), encodeWeightsFile('dl-decision-boundary', entry.attributes, tag, state, new Date('2026-12-03T00:00:00Z')));
  console.log(
    `${entry.file}: ${entry.epochs} epochs in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `train loss ${before.trainLoss.toFixed(3)} → ${after.trainLoss.toFixed(3)} (accuracy ${(session.accuracy('train') * 100).toFixed(0)} %), ` +
      `test loss ${before.testLoss.toFixed(3)} → ${after.testLoss.toFixed(3)} (accuracy ${(session.accuracy('test') * 100).toFixed(0)} %)`,
  );
  session.dispose();
}
