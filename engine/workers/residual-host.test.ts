import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpu } from '../../tests/helpers/leak.ts';
import { createResidualRace, type RaceStep } from '../trainers/residual.ts';
import { createResidualSession } from './residual-client.ts';
import { createResidualHost, type ResidualRequest, type ResidualSessionInfo, type ResidualTrainRound } from './residual-host.ts';

beforeAll(useCpu);

const SMALL = { depth: 6, width: 8, points: 80, seed: 4 };
const numbers = (r: RaceStep) => ({ step: r.step, plain: [r.plain.loss, r.plain.accuracy, ...r.plain.gradNorms], residual: [r.residual.loss, r.residual.accuracy, ...r.residual.gradNorms] });

describe('residual race host (the worker side)', () => {
  it('trains in rounds the very steps the race takes; dispose frees every tensor and later requests say why', async () => {
    await expectNoLeak(async () => {
      const direct = createResidualRace(SMALL);
      const want: RaceStep[] = [];
      for (let i = 0; i < 6; i++) want.push(await direct.step());
      direct.dispose();

      const handle = createResidualHost();
      const value = async <T>(r: ResidualRequest) => (await handle(r)).value as T;
      const info = await value<ResidualSessionInfo>({ op: 'init', options: SMALL, backend: { prefer: 'cpu' } });
      expect(info.options).toMatchObject(SMALL);
      expect(info.backend.name).toBe('cpu');
      const rounds = [await value<ResidualTrainRound>({ op: 'train', budgetMs: 0, max: 100 }), await value<ResidualTrainRound>({ op: 'train', budgetMs: 60_000, max: 2 })];
      expect(rounds.map((r) => r.steps.length)).toEqual([1, 2]); // at least one, at most max
      rounds.push(await value<ResidualTrainRound>({ op: 'train', budgetMs: 60_000, max: 3 }));
      expect(rounds.flatMap((r) => r.steps).map(numbers)).toEqual(want.map(numbers));
      await handle({ op: 'dispose' });
      await expect(handle({ op: 'train', budgetMs: 0, max: 1 })).rejects.toThrow('The residual race is not built yet (or was disposed).');
    });
  });

  it('the client runs the host on the page where asked (worker: false) and names bad options', async () => {
    await expectNoLeak(async () => {
      const s = await createResidualSession({ race: SMALL, backend: { prefer: 'cpu' }, worker: false });
      expect(s.where).toBe('page');
      expect(s.fallbackReason).toBeUndefined();
      const r = await s.train(0, 1);
      expect(r.steps[0].step).toBe(1);
      expect(s.steps).toBe(1);
      s.dispose();
      expect(s.disposed).toBe(true);
      await expect(s.train(0)).rejects.toThrow('The residual session was disposed.');
    });
    await expect(createResidualSession({ race: { depth: 0 }, worker: false })).rejects.toThrow('depth must be a whole number from 1 to 64, got 0.');
  });
});
