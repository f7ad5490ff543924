/**
 * Finds the Python code blocks of a deck's slides.md, with their file line, slide number and slide
 * title, for `npm run check:code` (scripts/check-code.ts). Pure: text in, blocks out.
 *
 * ```ts
 * const blocks = pythonBlocks(readFileSync('decks/04-cnn/slides.md', 'utf8'));
 * // [{ line: 104, slide: 9, title: 'Convolution in PyTorch', code: 'import torch\n…', needs: [] }, …]
 * ```
 *
 * A block is skipped by the check when its first line is a marker `# needs: <what>`, where
 * <what> is `gpu` (a CUDA device), `download` (weights or data from the internet), `long` (a
 * training run of minutes on a laptop, hours on CI's reference BLAS; run with DL_CODE_LONG=1) or
 * `torch>=X.Y` (a newer PyTorch than the one installed; run when the installed one is new enough).
 */

/** One ```python block of a deck. */
export interface CodeBlock {
  /** 1-based file line of the block's first code line (the line after the opening fence). */
  line: number;
  /** 1-based slide number, as reveal.js counts slides (front matter excluded). */
  slide: number;
  /** Title of the slide (its first heading), or '' if it has none. */
  title: string;
  /** The code, without the fences. */
  code: string;
  /** What the block needs that the check cannot provide, from its `# needs:` marker; [] if none. */
  needs: string[];
}

/** The marker that makes the check skip a block: `# needs: download` as the block's first line. */
export const NEEDS_MARKER = /^#\s*needs:\s*(.+?)\s*$/;

/** Reasons a `# needs:` marker may give. Anything else is a mistake the check reports. */
export const KNOWN_NEEDS = [/^gpu$/, /^download$/, /^long$/, /^torch>=\d+(\.\d+)*$/];

/** Every ```python block of `source` (a whole slides.md, front matter included), in file order. */
export function pythonBlocks(source: string): CodeBlock[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  // Front matter: the lines between a first "---" and the next one are not slides.
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end > 0) start = end + 1;
  }
  const blocks: CodeBlock[] = [];
  let slide = 1;
  let title = '';
  let fence: { marker: string; python: boolean; from: number } | null = null;
  let body: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) {
        if (fence.python) blocks.push(block(body, fence.from + 1, slide, title));
        fence = null;
        body = [];
      } else body.push(line);
      continue;
    }
    const open = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (open) {
      fence = { marker: open[1], python: /^python3?$|^py$/i.test(open[2]), from: i + 1 };
      continue;
    }
    // reveal.js separators (boot.ts): "---" between slides, "--" between vertical slides.
    if (line.trim() === '---' || line.trim() === '--') {
      slide++;
      title = '';
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading && !title) title = heading[1];
  }
  return blocks;
}

function block(body: string[], line: number, slide: number, title: string): CodeBlock {
  const first = body.find((l) => l.trim() !== '') ?? '';
  const marker = NEEDS_MARKER.exec(first.trim());
  const needs = marker ? marker[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
  return { line, slide, title, code: body.join('\n'), needs };
}

/** Whether `torch>=X.Y` is satisfied by an installed version such as `1.13.0a0` or `2.1.2+cpu`. */
export function torchAtLeast(installed: string, needed: string): boolean {
  const parse = (v: string) => v.split(/[^\d]+/).filter(Boolean).map(Number);
  const a = parse(installed);
  const b = parse(needed);
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    if (x !== b[i]) return x > b[i];
  }
  return true;
}

/** Why a block is skipped with the given torch version (its unmet needs, joined), or null when it should run. */
export function skipReason(needs: string[], torchVersion: string, runLong = false): string | null {
  const unmet = needs.filter((n) => {
    if (n === 'long') return !runLong;
    const m = /^torch>=(.+)$/.exec(n);
    return !m || !torchAtLeast(torchVersion, m[1]);
  });
  return unmet.length > 0 ? unmet.join(', ') : null;
}
