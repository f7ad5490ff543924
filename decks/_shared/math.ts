/**
 * Math in markdown slides: `$…$` inline and `$$…$$` display, typeset by KaTeX (bundled, never a CDN).
 *
 * Markdown would mangle TeX (`x_i … y_i` becomes emphasis, `\\` becomes `\`), so before reveal sees
 * the markdown we swap each formula for an inert token, and after reveal has built the slides we
 * swap the tokens for typeset math. Code spans and fenced code are left alone.
 */

/** A formula taken out of the markdown. */
export interface MathItem {
  tex: string;
  display: boolean;
  /** 1-based line in the source markdown where it starts. */
  line: number;
}

const TOKEN = (i: number) => `DLMATH${i}X`;
const TOKEN_RE = /DLMATH(\d+)X/g;

/** Replace formulas with tokens. */
export function extractMath(markdown: string): { text: string; items: MathItem[] } {
  const items: MathItem[] = [];
  let out = '';
  let i = 0;
  let line = 1;
  const n = markdown.length;
  const push = (tex: string, display: boolean, startLine: number) => {
    items.push({ tex, display, line: startLine });
    out += TOKEN(items.length - 1);
  };
  while (i < n) {
    const ch = markdown[i];
    const atLineStart = i === 0 || markdown[i - 1] === '\n';
    // Fenced code block: copy through to the closing fence.
    if (atLineStart && /^(```|~~~)/.test(markdown.slice(i, i + 3))) {
      const fence = markdown.slice(i, i + 3);
      const close = markdown.indexOf(`\n${fence}`, i + 3);
      const endIdx = close < 0 ? n : markdown.indexOf('\n', close + 1) < 0 ? n : markdown.indexOf('\n', close + 1);
      const chunk = markdown.slice(i, endIdx);
      out += chunk;
      line += countLines(chunk);
      i = endIdx;
      continue;
    }
    if (ch === '`') {
      let ticks = 1;
      while (markdown[i + ticks] === '`') ticks++;
      const delim = '`'.repeat(ticks);
      const close = markdown.indexOf(delim, i + ticks);
      if (close > 0) {
        const chunk = markdown.slice(i, close + ticks);
        out += chunk;
        line += countLines(chunk);
        i = close + ticks;
        continue;
      }
    }
    if (ch === '\\' && markdown[i + 1] === '$') {
      out += '\\$';
      i += 2;
      continue;
    }
    if (ch === '$' && markdown[i + 1] === '$') {
      const close = markdown.indexOf('$$', i + 2);
      if (close > 0) {
        const tex = markdown.slice(i + 2, close);
        push(tex.trim(), true, line);
        line += countLines(tex);
        i = close + 2;
        continue;
      }
    }
    if (ch === '$') {
      const close = findInlineClose(markdown, i + 1);
      if (close > 0) {
        push(markdown.slice(i + 1, close), false, line);
        i = close + 1;
        continue;
      }
    }
    if (ch === '\n') line++;
    out += ch;
    i++;
  }
  return { text: out, items };
}

// Pandoc's rule: the opening $ is followed by a non-space, the closing $ is preceded by a non-space
// and not followed by a digit (so "$5 and $6" stays text). Inline math stays on one line.
function findInlineClose(s: string, from: number): number {
  if (from >= s.length || /\s/.test(s[from])) return -1;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '\n') return -1;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '$') {
      if (/\s/.test(s[j - 1]) || /\d/.test(s[j + 1] ?? '')) return -1;
      return j > from ? j : -1;
    }
  }
  return -1;
}

function countLines(s: string): number {
  let c = 0;
  for (let k = 0; k < s.length; k++) if (s[k] === '\n') c++;
  return c;
}

/** Swap tokens in the built slides for `<span class="dl-math">` holding the TeX (typeset later). */
export function placeMath(root: Element, items: MathItem[]): HTMLElement[] {
  const placed: HTMLElement[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (TOKEN_RE.test(node.nodeValue ?? '')) hits.push(node as Text);
    TOKEN_RE.lastIndex = 0;
  }
  for (const node of hits) {
    const text = node.nodeValue ?? '';
    const frag = root.ownerDocument.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(TOKEN_RE)) {
      const item = items[Number(m[1])];
      frag.append(text.slice(last, m.index));
      const span = root.ownerDocument.createElement('span');
      span.className = `dl-math dl-math-pending${item?.display ? ' dl-math-display' : ''}`;
      span.textContent = item ? (item.display ? `$$${item.tex}$$` : `$${item.tex}$`) : m[0];
      if (item) {
        span.dataset.tex = item.tex;
        if (item.display) span.dataset.display = '';
      }
      frag.append(span);
      placed.push(span);
      last = (m.index ?? 0) + m[0].length;
    }
    frag.append(text.slice(last));
    node.replaceWith(frag);
  }
  return placed;
}

/** Typeset placed spans with KaTeX (loaded lazily: decks without math never download it). */
export async function typesetMath(spans: HTMLElement[]): Promise<void> {
  if (spans.length === 0) return;
  const { default: katex } = await import('katex');
  await import('katex/dist/katex.min.css');
  for (const span of spans) {
    const tex = span.dataset.tex ?? '';
    span.classList.remove('dl-math-pending');
    span.textContent = '';
    katex.render(tex, span, { displayMode: span.dataset.display !== undefined, throwOnError: false, strict: 'ignore' });
    groupFunctionApplications(span);
  }
}

/** MathML elements that take a fixed number of children (base and scripts, numerator and denominator). */
const MATHML_ARITY: Record<string, number> = { msub: 2, msup: 2, msubsup: 3, mfrac: 2, mroot: 2, munder: 2, mover: 2, munderover: 3 };

/**
 * KaTeX 0.19 writes an operator name used as a script, as in `\sigma_{\max}`, as two siblings:
 * `<msub><mi>σ</mi><mi>max</mi><mo>&#x2061;</mo></msub>` (the invisible "function application"
 * operator after `max`). `<msub>` must have exactly two children, so Firefox reports invalid markup
 * and draws an error box, and other browsers may drop the script. Wrapping the name and its
 * U+2061 in one `<mrow>` gives the intended two-child `<msub>` and changes nothing else.
 */
export function groupFunctionApplications(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll(Object.keys(MATHML_ARITY).join(',')))) {
    if (el.children.length <= MATHML_ARITY[el.localName]) continue;
    for (const apply of Array.from(el.children)) {
      const name = apply.previousElementSibling;
      if (apply.localName !== 'mo' || apply.textContent !== '\u2061' || !name) continue;
      const mrow = el.ownerDocument.createElementNS(el.namespaceURI, 'mrow');
      el.insertBefore(mrow, name);
      mrow.append(name, apply);
    }
  }
}
