import { describe, expect, it } from 'vitest';
import { keepAddress, type AddressDeck, type AddressWindow } from '../../decks/_shared/address.ts';

/** A deck whose slide the test sets, a window whose clock and timers the test runs. */
function fixture() {
  const listeners = new Map<string, () => void>();
  let path = '/';
  const deck: AddressDeck & { go(p: string, event?: string): void } = {
    getSlidePath: () => path,
    on: (type, listener) => void listeners.set(type, listener),
    go(p, event = 'slidechanged') {
      path = p;
      listeners.get(event)!();
    },
  };
  let clock = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const writes: string[] = [];
  const location = { pathname: '/decks/01/index.html', search: '?backend=wasm', hash: '' };
  const win: AddressWindow = {
    history: {
      replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
        writes.push(String(url));
        location.hash = String(url).includes('#') ? String(url).slice(String(url).indexOf('#')) : '';
      },
    },
    location,
    setTimeout: (run, ms) => {
      timers.set(nextId, { at: clock + ms, run });
      return nextId++;
    },
    clearTimeout: (id) => void timers.delete(id),
  };
  /** Advance the clock by `ms`, running the timers that fall due. */
  const advance = (ms: number) => {
    const end = clock + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      clock = due[1].at;
      due[1].run();
    }
    clock = end;
  };
  keepAddress(deck, win, 1000, () => clock);
  return { deck, writes, advance, timers };
}

describe('keepAddress', () => {
  it('writes the slide after the slide change, not during it', () => {
    const { deck, writes, advance } = fixture();
    deck.go('/3');
    expect(writes).toEqual([]); // the task that changed slides has not written
    advance(0);
    expect(writes).toEqual(['/decks/01/index.html?backend=wasm#/3']);
  });

  it('coalesces a run of key presses into at most one write a second, ending on the last slide', () => {
    const { deck, writes, advance } = fixture();
    deck.go('/1');
    advance(0);
    for (let h = 2; h <= 9; h++) {
      deck.go(`/${h}`);
      advance(100);
    }
    expect(writes).toEqual(['/decks/01/index.html?backend=wasm#/1']); // 800 ms: still inside the second
    advance(1000);
    expect(writes).toEqual(['/decks/01/index.html?backend=wasm#/1', '/decks/01/index.html?backend=wasm#/9']);
  });

  it('follows fragments, drops the hash on the first slide and skips a write that changes nothing', () => {
    const { deck, writes, advance } = fixture();
    deck.go('/2/0/1', 'fragmentshown');
    advance(1000);
    deck.go('/2', 'fragmenthidden');
    advance(1000);
    deck.go('/', 'slidechanged');
    advance(1000);
    deck.go('/', 'slidechanged');
    advance(1000);
    expect(writes).toEqual(['/decks/01/index.html?backend=wasm#/2/0/1', '/decks/01/index.html?backend=wasm#/2', '/decks/01/index.html?backend=wasm']);
  });
});
