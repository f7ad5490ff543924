import { afterEach, describe, expect, it } from 'vitest';
import { mount, nextEvent, waitFor, withoutWarnings } from '../../tests/helpers/widgets.ts';
import './tokenizer.ts';
import type { DlTokenizer } from './tokenizer.ts';

afterEach(() => document.body.replaceChildren());

const rowTokens = (el: DlTokenizer, row: number) =>
  Array.from(el.shadowRoot!.querySelectorAll('.row')[row].querySelectorAll('.tok')).map((t) => t.textContent!.slice(0, -t.querySelector('small')!.textContent!.length));

describe('<dl-tokenizer>', () => {
  it('maps attributes to properties and splits text three ways with ids', async () => {
    const el = await mount<DlTokenizer>('<dl-tokenizer text="The hare ran." vocab-size="250" merges-per-second="30" seed="4"></dl-tokenizer>', { active: true });
    expect(el.vocabSize).toBe(250);
    expect(el.mergesPerSecond).toBe(30);
    await nextEvent(el, 'dl-ready', 90_000);
    await el.updateComplete;
    expect(el.currentVocabSize).toBe(250);
    expect(rowTokens(el, 0)).toEqual(['␣', 'T', 'h', 'e', '␣', 'h', 'a', 'r', 'e', '␣', 'r', 'a', 'n', '.']);
    expect(rowTokens(el, 1)).toEqual(['␣The', '␣hare', '␣ran', '.']);
    const bpe = el.encodings()!.bpe;
    expect(bpe.tokens.join('')).toBe('▁The▁hare▁ran.');
    expect(bpe.tokens.length).toBeLessThan(14); // merges shorten the character sequence
  });

  it('learns one merge per step, emits dl-merge, and a smaller vocabulary re-learns from the characters', async () => {
    const el = await mount<DlTokenizer>('<dl-tokenizer vocab-size="1"></dl-tokenizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    const base = el.currentVocabSize;
    const merged = nextEvent(el, 'dl-merge');
    await el.step();
    const m = ((await merged) as CustomEvent).detail;
    expect(m.token).toBe(m.left + m.right);
    expect(m.vocabSize).toBe(base + 1);
    el.vocabSize = base + 40;
    await waitFor(() => el.currentVocabSize === base + 40);
    el.vocabSize = base + 5;
    await waitFor(() => el.currentVocabSize === base + 5);
  });

  it('learns a large vocabulary in slices: the page runs timers in between, dl-ready comes at the size', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const el = await mount<DlTokenizer>('<dl-tokenizer vocab-size="1000"></dl-tokenizer>', { active: true });
      await nextEvent(el, 'dl-ready', 90_000);
      expect(el.currentVocabSize).toBe(1000);
      expect(ticks).toBeGreaterThan(3);
    } finally {
      clearInterval(timer);
    }
  });

  it('animates merges while playing, only while active, and follows a token into the embedding table', async () => {
    const el = await mount<DlTokenizer>('<dl-tokenizer text="tortoise" vocab-size="1" merges-per-second="120"></dl-tokenizer>', { active: true });
    await nextEvent(el, 'dl-ready');
    let merges = 0;
    el.addEventListener('dl-merge', () => merges++);
    el.play();
    await waitFor(() => merges >= 5);
    el.active = false;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    const frozen = merges;
    await new Promise((r) => setTimeout(r, 200));
    expect(merges).toBe(frozen);
    el.pause();
    const tok = el.shadowRoot!.querySelector<HTMLElement>('.row:nth-of-type(3) .tok')!;
    tok.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.vector span').length).toBe(8);
    expect(el.shadowRoot!.querySelector('.embedding')!.textContent).toContain('row');
  });

  it('a 100 kB text is refused with its length in place, and a long text draws 300 tokens per row', async () => {
    await withoutWarnings(async () => {
      const huge = await mount<DlTokenizer>(`<dl-tokenizer text="${'the hare ran. '.repeat(7_500)}"></dl-tokenizer>`, { active: true });
      await new Promise((r) => requestAnimationFrame(r));
      expect(huge.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('text is 105,000 characters long. Use at most 5,000.');
    });
    const long = await mount<DlTokenizer>(`<dl-tokenizer text="${'the tortoise won. '.repeat(270)}"></dl-tokenizer>`, { active: true });
    await nextEvent(long, 'dl-ready');
    await long.updateComplete;
    const words = long.shadowRoot!.querySelectorAll('.row')[1];
    expect(words.querySelectorAll('.tok').length).toBe(300);
    expect(words.querySelector('.more')!.textContent).toContain('more');
    // A merge redraws the capped view.
    await long.step();
    await long.updateComplete;
    expect(long.shadowRoot!.querySelectorAll('.row')[2].querySelectorAll('.tok').length).toBe(300);
  });

  it('shows a message naming a bad attribute', async () => {
    await withoutWarnings(async () => {
      const el = await mount<DlTokenizer>('<dl-tokenizer vocab-size="5000"></dl-tokenizer>', { active: true });
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('vocab-size="5000" is not allowed. Use a whole number from 1 to 2000.');
    });
  });
});
