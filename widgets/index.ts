/** Registers every `<dl-…>` widget. Import for its side effects. */
import './decision-boundary/decision-boundary.ts';
import './gradient-descent/gradient-descent.ts';
import './hparam-search/hparam-search.ts';
import './attention-heatmap/attention-heatmap.ts';
import './gridworld/gridworld.ts';
import './tokenizer/tokenizer.ts';
import './ppo-rollouts/ppo-rollouts.ts';
import './positional-encoding/positional-encoding.ts';
