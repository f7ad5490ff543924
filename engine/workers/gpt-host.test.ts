import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createGptSession } from './gpt-client.ts';
import { createGptHost, type GptSessionInfo, type GptTrainRound, type GptWriteChunk } from './gpt-host.ts';

beforeAll(useCpu);

const TINY = { contextLength: 8, dModel: 8, heads: 2, layers: 1, ffMultiplier: 2, batchSize: 4, learningRate: 0.02, evalWindows: 8, seed: 3 };

describe('GPT session host (the worker side)', () => {
  it('answers train, write, attention and reset requests with plain data, and frees its tensors', async () => {
    await expectNoLeak(async () => {
      const host = createGptHost();
      const value = async <T>(r: Parameters<typeof host.handle>[0]) => (await host.handle(r)).value as T;
      const info = await value<GptSessionInfo>({ op: 'init', options: TINY, backend: { prefer: 'cpu' } });
      expect(info.backend.name).toBe('cpu');
      expect(info.baselines.bigram).toBeLessThan(info.baselines.unigram);
      const one = await value<GptTrainRound>({ op: 'train', budgetMs: 0 });
      expect(one).toMatchObject({ step: 1, steps: 1 });
      const round = await value<GptTrainRound>({ op: 'train', budgetMs: 30 });
      expect(round.step).toBe(1 + round.steps);
      expect(round.ms).toBeGreaterThanOrEqual(30);
      const writer = await value<number>({ op: 'startWriting', options: { prompt: 'The ', maxTokens: 7, seed: 1 } });
      const a = await value<GptWriteChunk>({ op: 'write', writer, budgetMs: 1000, max: 4 });
      expect(a.tokens).toHaveLength(4);
      expect(a.done).toBe(false);
      const b = await value<GptWriteChunk>({ op: 'write', writer, budgetMs: 1000, max: 10 });
      expect(b.tokens).toHaveLength(3);
      expect(b.done).toBe(true);
      for (const tok of [...a.tokens, ...b.tokens]) expect(tok.logits).toHaveLength(info.vocab.length);
      const text = [...a.tokens, ...b.tokens].map((t) => t.text).join('');
      const maps = await value<{ tokens: string[]; layers: Float32Array[][] }>({ op: 'attention', context: `The ${text}` });
      expect(maps.tokens).toHaveLength(8); // the context's last 8 tokens
      expect(maps.layers[0]).toHaveLength(2);
      await host.handle({ op: 'reset' });
      expect((await value<GptTrainRound>({ op: 'train', budgetMs: 0 })).trainLoss).toBe(one.trainLoss);
      await host.handle({ op: 'dispose' });
      await expect(host.handle({ op: 'evaluate' })).rejects.toThrow(/not built/);
    });
  });

  it('without Web Workers (Node) a session runs on the page and says why', async () => {
    await expectNoLeak(async () => {
      const s = await createGptSession({ trainer: TINY, backend: { prefer: 'cpu' } });
      expect(s.where).toBe('page');
      expect(s.fallbackReason).toBe('no Web Workers here');
      expect((await s.train(0)).step).toBe(1);
      s.dispose();
      await expect(s.evaluate()).rejects.toThrow(/disposed/);
      await new Promise((r) => setTimeout(r, 0)); // the queued dispose runs after the last request
    });
  });
});
