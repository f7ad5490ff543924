/**
 * Point clouds: learning targets and speed of the plain-JS PointNet behind the point-cloud talk's
 * live slide (engine/trainers/pointnet.ts). Engine code only (no Node APIs), so it runs in the
 * browser too.
 */
import { createPointNetTrainer, type PointNetTrainer } from '../engine/trainers/pointnet.ts';
import type { Bench } from './types.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Train until `rotation`-test accuracy reaches `target` or `budgetS` seconds pass (evaluation time included). */
function trainUntil(t: PointNetTrainer, target: number, budgetS: number, rotation: 'none' | 'vertical' = 'none') {
  const t0 = performance.now();
  let seconds = NaN;
  let accuracy = 0;
  let best = 0;
  while ((performance.now() - t0) / 1000 < budgetS) {
    t.step(25);
    accuracy = t.evaluate(rotation).accuracy;
    best = Math.max(best, accuracy);
    if (accuracy >= target) {
      seconds = (performance.now() - t0) / 1000;
      break;
    }
  }
  return { seconds, accuracy, best, steps: t.steps };
}

export const benches: Bench[] = [
  {
    name: 'pointnet: test accuracy on the 6 synthetic shapes, 128 points each, within 60 s (target: ≥ 90 %)',
    where: 'both',
    async run() {
      // Speed first, on a fresh model: one step is a minibatch of 16 shapes (2,048 points).
      const speed = createPointNetTrainer({ seed: 2 });
      speed.step(20); // warm-up
      const stepMs: number[] = [];
      for (let r = 0; r < 9; r++) {
        const t0 = performance.now();
        speed.step(5);
        stepMs.push((performance.now() - t0) / 5);
      }
      const cloud = speed.testCloud(0);
      const readMs: number[] = [];
      for (let r = 0; r < 9; r++) {
        const t0 = performance.now();
        for (let i = 0; i < 10; i++) speed.classify(cloud, 128);
        readMs.push((performance.now() - t0) / 10);
      }
      const t = createPointNetTrainer({ seed: 1 });
      const run = trainUntil(t, 0.9, 60);
      return {
        secondsTo90: run.seconds,
        stepsTaken: run.steps,
        testAccuracy: run.accuracy,
        msPerStepMedian: median(stepMs),
        msPerReadoutMedian: median(readMs),
        target_met: run.accuracy >= 0.9,
      };
    },
  },
  {
    name: 'pointnet: accuracy on test shapes turned about the vertical axis, 60 s with vertical augmentation vs the same steps without (target: augmentation ≥ 20 points better)',
    where: 'node',
    async run() {
      const withAug = createPointNetTrainer({ seed: 1, augment: 'vertical' });
      const run = trainUntil(withAug, 1.01, 60, 'vertical');
      const without = createPointNetTrainer({ seed: 1 });
      without.step(run.steps);
      const a = withAug.evaluate('vertical').accuracy;
      const b = without.evaluate('vertical').accuracy;
      return {
        steps: run.steps,
        augmentedRotatedAccuracy: a,
        augmentedBestRotatedAccuracy: run.best,
        augmentedUprightAccuracy: withAug.evaluate().accuracy,
        plainRotatedAccuracy: b,
        plainUprightAccuracy: without.evaluate().accuracy,
        augmentedSo3Accuracy: withAug.evaluate('so3').accuracy,
        target_met: a >= b + 0.2,
      };
    },
  },
];
