/** The code check's extraction: which blocks it finds, where it says they are, and which it skips. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDecks } from '../../build/decks.ts';
import { KNOWN_NEEDS, pythonBlocks, skipReason, torchAtLeast } from '../../scripts/code-blocks.ts';

const DECK = [
  '---', // 1
  'title: T', // 2
  'summary: S', // 3
  '---', // 4
  '', // 5
  '## First', // 6
  '', // 7
  '```python', // 8
  'import torch', // 9
  'x = torch.ones(2)', // 10
  '```', // 11
  '', // 12
  '---', // 13
  '', // 14
  '## Second', // 15
  '', // 16
  '````md', // 17: a fence that shows a deck, with a python fence and a separator inside
  '```python', // 18
  'not run', // 19
  '```', // 20
  '---', // 21
  '````', // 22
  '', // 23
  '```js', // 24
  'console.log(1)', // 25
  '```', // 26
  '', // 27
  '---', // 28
  '', // 29
  '## Third', // 30
  '```python', // 31
  '# needs: download', // 32
  'from transformers import AutoModel', // 33
  '```', // 34
  '', // 35
  'Note:', // 36
  '```python', // 37
  'print(x)', // 38
  '```', // 39
].join('\n');

describe('pythonBlocks', () => {
  const blocks = pythonBlocks(DECK);
  it('finds python fences only, in file order, with the line of their first code line', () => {
    expect(blocks.map((b) => b.line)).toEqual([9, 32, 38]);
    expect(blocks[0].code).toBe('import torch\nx = torch.ones(2)');
  });
  it('counts slides as reveal.js does: front matter is not a slide, fenced separators are not separators', () => {
    expect(blocks.map((b) => [b.slide, b.title])).toEqual([
      [1, 'First'],
      [3, 'Third'],
      [3, 'Third'],
    ]);
  });
  it('reads the "# needs:" marker from the first line only', () => {
    expect(blocks.map((b) => b.needs)).toEqual([[], ['download'], []]);
    expect(pythonBlocks('```python\nx = 1\n# needs: gpu\n```')[0].needs).toEqual([]);
    expect(pythonBlocks('```python\n#needs: gpu, download\n```')[0].needs).toEqual(['gpu', 'download']);
  });
  it('works without front matter and with CRLF line ends', () => {
    const b = pythonBlocks('## A\r\n```python\r\nx = 1\r\n```\r\n\r\n---\r\n\r\n```python\r\ny = 2\r\n```');
    expect(b.map((x) => [x.line, x.slide, x.code])).toEqual([
      [3, 1, 'x = 1'],
      [9, 2, 'y = 2'],
    ]);
  });
});

describe('skipping', () => {
  it('skips gpu and download always, torch>=X only on an older torch', () => {
    expect(skipReason([], '1.13.0a0')).toBeNull();
    expect(skipReason(['gpu'], '2.3.0')).toBe('gpu');
    expect(skipReason(['download'], '2.3.0')).toBe('download');
    expect(skipReason(['torch>=2.0'], '1.13.0a0')).toBe('torch>=2.0');
    expect(skipReason(['torch>=2.0'], '2.1.2+cpu')).toBeNull();
    expect(skipReason(['gpu', 'download'], '2.1.2')).toBe('gpu, download');
    expect(skipReason(['long'], '2.1.2')).toBe('long');
    expect(skipReason(['long'], '2.1.2', true)).toBeNull();
  });
  it('compares versions numerically', () => {
    expect(torchAtLeast('1.13.0a0', '1.9')).toBe(true);
    expect(torchAtLeast('1.9.1', '1.13')).toBe(false);
    expect(torchAtLeast('2.0.0', '2.0')).toBe(true);
  });
  it('knows only the documented reasons', () => {
    expect(['gpu', 'download', 'long', 'torch>=2.0'].every((n) => KNOWN_NEEDS.some((k) => k.test(n)))).toBe(true);
    expect(['internet', 'cuda', 'torch>2'].some((n) => KNOWN_NEEDS.some((k) => k.test(n)))).toBe(false);
  });
});

describe('the decks', () => {
  it('every deck and talk has its python blocks found, each marked with a known reason if any', () => {
    const root = join(import.meta.dirname, '..', '..');
    let total = 0;
    const files = [...findDecks(root).map((d) => d.path), 'decks/_template', 'student-talks/_template'];
    for (const path of files) {
      for (const b of pythonBlocks(readFileSync(join(root, path, 'slides.md'), 'utf8'))) {
        total++;
        expect(b.code.trim(), `${path}:${b.line}`).not.toBe('');
        for (const n of b.needs) expect(KNOWN_NEEDS.some((k) => k.test(n)), `${path}:${b.line} needs ${n}`).toBe(true);
      }
    }
    expect(total).toBeGreaterThan(60);
  });
});
