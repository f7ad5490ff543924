/**
 * Trains the CartPole policy that ships with the project (engine/rl/cartpole-policy.ts), so a slide
 * can show a balanced pole at once. Deterministic: the same seed and settings give the same
 * weights on any machine with the same JavaScript engine.
 *
 *   npm run train:ppo            # writes engine/rl/cartpole-policy.ts
 *
 * It trains PPO with the engine's defaults until the greedy policy scores 500 (the cap) on 100
 * held-out evaluation episodes and the sampled policy at least 490 on 50, then writes the actor and critic weights as base64 float32.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPpoTrainer, PPO_DEFAULTS } from '../engine/rl/ppo.ts';

const SEED = 1;
const MAX_ITERATIONS = 400;
const out = fileURLToPath(new URL('../engine/rl/cartpole-policy.ts', import.meta.url));

const ppo = createPpoTrainer({ seed: SEED });
const t0 = performance.now();
let meanReturn = 0;
let sampledReturn = 0;
for (let it = 1; it <= MAX_ITERATIONS; it++) {
  ppo.iterate();
  const quick = ppo.evaluate(20);
  if (it % 10 === 0) console.log(`iteration ${it}: ${ppo.envSteps} env steps, greedy return ${quick.toFixed(1)}`);
  if (quick >= 500) {
    // Confirm on more episodes, with seeds the quick check never saw.
    meanReturn = ppo.evaluate(100, { seed: 50_000 });
    // The widget animates the sampled policy, so it must balance too, not only its greedy version.
    sampledReturn = ppo.evaluate(50, { seed: 60_000, greedy: false });
    console.log(`iteration ${it}: greedy ${meanReturn.toFixed(1)} on 100 held-out episodes, sampled ${sampledReturn.toFixed(1)} on 50`);
    if (meanReturn >= 499 && sampledReturn >= 490) break;
  }
}
if (meanReturn < 499 || sampledReturn < 490) throw new Error(`The policy did not reach the targets (greedy ≥ 499, sampled ≥ 490) within ${MAX_ITERATIONS} iterations; not writing weights.`);
const w = ppo.exportWeights();
const seconds = ((performance.now() - t0) / 1000).toFixed(1);
const o = PPO_DEFAULTS;
writeFileSync(
  out,
  `/**
 * A PPO policy for CartPole-v1, written by \`npm run train:ppo\` (scripts/train-ppo.ts); do not edit.
 * Actor ${w.hidden.join('-')} tanh → 2 logits and critic ${w.hidden.join('-')} tanh → 1, as base64 little-endian
 * float32 in TanhMlp.exportFlat order. Trained from seed ${SEED} with the engine's PPO defaults
 * (${o.numEnvs} envs × ${o.rolloutLength} steps, ${o.epochs} epochs, minibatch ${o.minibatchSize}, lr ${o.learningRate},
 * ε ${o.clip}, γ ${o.gamma}, λ ${o.lambda}) for ${ppo.envSteps} env steps; the greedy policy averaged
 * ${meanReturn.toFixed(1)} over 100 held-out episodes and the sampled policy ${sampledReturn.toFixed(1)} over 50.
 */
export const CARTPOLE_POLICY = {
  hidden: [${w.hidden.join(', ')}],
  actor: '${w.actor}',
  critic: '${w.critic}',
  envSteps: ${ppo.envSteps},
  meanReturn: ${meanReturn.toFixed(1)},
};
`,
);
console.log(`wrote ${out} after ${ppo.envSteps} env steps in ${seconds} s`);
