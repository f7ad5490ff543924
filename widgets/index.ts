/** Registers every `<dl-…>` widget. Import for its side effects. */
import './decision-boundary/decision-boundary.ts';
import './gradient-descent/gradient-descent.ts';
import './hparam-search/hparam-search.ts';
import './attention-heatmap/attention-heatmap.ts';
import './tokenizer/tokenizer.ts';
import './gridworld/gridworld.ts';
import './conv-visualizer/conv-visualizer.ts';
import './cnn-trainer/cnn-trainer.ts';
import './backprop/backprop.ts';
import './optimizer-race/optimizer-race.ts';
import './init-explorer/init-explorer.ts';
import './deep-sets/deep-sets.ts';
import './diffusion-sampler/diffusion-sampler.ts';
import './positional-encoding/positional-encoding.ts';
import './ppo-rollouts/ppo-rollouts.ts';
import './lora/lora.ts';
import './normalization/normalization.ts';
