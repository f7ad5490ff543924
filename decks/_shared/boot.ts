/**
 * Starts a deck: front matter, math protection, reveal.js with our plugins, theme, and the
 * lazily-loaded widgets. Each deck's index.html is ten lines that call this:
 *
 * ```html
 * <script type="module">
 *   import { boot } from '../_shared/boot.ts';
 *   import markdown from './slides.md?raw';
 *   boot(markdown, 'decks/01-ml-basics/slides.md');
 * </script>
 * ```
 * The deck's reveal.js instance is `window.Reveal`. `?backend=NAME` on the URL picks the
 * TensorFlow.js backend for every widget; `?theme=dark` (or the D key) switches the theme.
 *
 * Print: `?print-pdf` lays out one page per slide (reveal.js); every widget is then brought to a
 * still worth printing (see widgets/_shared/print-ready.ts) and `window.dlPrintReady` resolves.
 * Add `&notes` to print the speaker notes on each page (`&notes=separate-page`: on their own page).
 */
import Reveal, { type RevealApi } from 'reveal.js';
import Markdown from 'reveal.js/plugin/markdown';
import { keepAddress } from './address.ts';
import { attachElementComments } from './element-comments.ts';
import Notes from 'reveal.js/plugin/notes';
import DlWidgets from '../../widgets/reveal-plugin.ts';
import { registerWeightsSource } from '../../widgets/_shared/weights-file.ts';
import { chalkboardOptions, chalkboardPlugin, customControlsPlugin, drawStrokesForPrint, stackSizes } from './chalkboard.ts';
import '../../themes/course.css';
import { parseFrontMatter } from './front-matter.ts';
import { extractMath, placeMath, typesetMath } from './math.ts';

declare global {
  interface Window {
    Reveal: RevealApi;
    /** Resolves when the deck, its math and its widget definitions are ready (for tests and tools). */
    dlDeckReady: Promise<void>;
    /** performance.now() when the first slide was on screen. */
    dlFirstSlideAt?: number;
    /** In `?print-pdf` mode: resolves when every widget shows its print state. */
    dlPrintReady?: Promise<void>;
  }
}

const THEME_KEY = 'dl-live-theme';

/** Apply light/dark: URL beats saved choice beats the deck's front matter beats light. */
function applyTheme(fromDeck?: string): void {
  const url = new URLSearchParams(location.search).get('theme');
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(THEME_KEY);
  } catch {
    /* storage may be off for file:// pages */
  }
  const theme = url ?? saved ?? fromDeck ?? 'light';
  document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';
}

function toggleTheme(): void {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    /* ignore */
  }
}

/** Show deck problems as the only slide, naming the file and line. */
function problemDeck(file: string, problems: { line: number; message: string }[]): string {
  const items = problems.map((p) => `- **${file}, line ${p.line}:** ${p.message.replace(/[<>]/g, '')}`).join('\n');
  return `## This deck has a problem\n\n${items}\n\nFix the file and save: the page reloads by itself.`;
}

/**
 * A `<dl-…>` tag that no widget defines (a typo) would show nothing at all: put a visible
 * message in its place instead (`npm run check` names the line).
 */
function markUnknownWidgets(root: HTMLElement, file: string): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!el.localName.startsWith('dl-') || customElements.get(el.localName)) continue;
    const box = document.createElement('p');
    box.className = 'dl-problem';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'color: #b3261e; border: 2px solid currentColor; border-radius: 6px; padding: 0.5em 0.8em; font-size: 0.7em;';
    box.textContent = `Unknown widget <${el.localName}> in ${file}. Check the spelling against the widget gallery; "npm run check" names the line.`;
    el.replaceWith(box);
    console.warn(`${file}: unknown widget <${el.localName}>`);
  }
}

/** reveal.js's `showNotes` from `?notes` (print only): on the slide, or `separate-page`. */
function notesOption(params: URLSearchParams): boolean | 'separate-page' {
  if (!params.has('notes')) return false;
  return params.get('notes') === 'separate-page' ? 'separate-page' : true;
}

/** Build and start the deck from its markdown source. */
/**
 * Trained weights next to a deck (`weights="name.weights.json"` on a widget): bundled by Vite, each
 * in its own lazy chunk, so they load offline, in the single-file build and on file://.
 */
const DECK_WEIGHTS = new Map(
  Object.entries(import.meta.glob<string>(['../../decks/*/*.weights.json', '../../student-talks/*/*.weights.json'], { query: '?raw', import: 'default' })).map(
    // Vite writes each key relative to this file ("../01-ml-basics/x.weights.json"): key by project path.
    ([key, load]) => [new URL(key, 'file:///decks/_shared/').pathname, load],
  ),
);

/** Answer `weights="name"` from the deck's folder (`file` is the deck's slides.md path). */
function registerDeckWeights(file: string): void {
  const folder = file.replace(/[^/]*$/, '');
  registerWeightsSource((name) => DECK_WEIGHTS.get(new URL(name, `file:///${folder}`).pathname)?.() ?? null);
}

/** Slide separators of the Markdown (reveal's markdown plugin reads them from the section). */
const SEPARATOR = '^\\r?\\n---\\r?\\n$';
const SEPARATOR_VERTICAL = '^\\r?\\n--\\r?\\n$';

export function boot(source: string, file = 'slides.md'): Promise<void> {
  registerDeckWeights(file);
  const parsed = parseFrontMatter(source);
  const meta = parsed.meta;
  if (parsed.problems.length > 0) {
    for (const p of parsed.problems) console.warn(`${file}:${p.line}: ${p.message}`);
  }
  document.title = meta.title ? `${meta.title} · Deep Learning, Live` : 'Deep Learning, Live';
  applyTheme(meta.theme);

  const markdown = parsed.problems.length > 0 ? problemDeck(file, parsed.problems) : parsed.body;
  const { text, items } = extractMath(markdown);

  const root = document.createElement('div');
  root.className = 'reveal';
  const slides = document.createElement('div');
  slides.className = 'slides';
  const section = document.createElement('section');
  section.setAttribute('data-markdown', '');
  section.setAttribute('data-separator', SEPARATOR);
  section.setAttribute('data-separator-vertical', SEPARATOR_VERTICAL);
  section.setAttribute('data-separator-notes', '^Note:');
  const template = document.createElement('textarea');
  template.setAttribute('data-template', '');
  template.textContent = text;
  section.append(template);
  slides.append(section);
  root.append(slides);
  document.body.append(root);

  // A deck built as one offline file (npm run build:file) has no course home page beside it.
  if (import.meta.env.MODE !== 'single-file') {
    const home = document.createElement('a');
    home.className = 'dl-home-link';
    home.href = '../../index.html';
    home.textContent = '← Course';
    home.title = 'All decks';
    // In a landmark, so every piece of the page is in one (axe's "region" rule).
    const nav = document.createElement('nav');
    nav.setAttribute('aria-label', 'Course');
    nav.append(home);
    document.body.append(nav);
  }

  const params = new URLSearchParams(location.search);
  const printing = params.has('print-pdf');
  const deck = new Reveal(root, {
    // The address follows the slide a task later (keepAddress), not inside the slide change.
    hash: false,
    width: 1280,
    height: 720,
    margin: 0.04,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    transition: 'fade',
    transitionSpeed: 'fast',
    center: false,
    controlsTutorial: false,
    pdfSeparateFragments: false,
    // reveal.js accepts true or "separate-page" here; its type declarations only say boolean.
    showNotes: (printing ? notesOption(params) : false) as boolean,
    plugins: [Markdown, Notes, DlWidgets, chalkboardPlugin(), customControlsPlugin()],
    // Options for marked, which reveal's markdown plugin passes on (its types do not list them).
    markdown: { hooks: { postprocess: attachElementComments } } as Record<string, unknown>,
  });
  window.Reveal = deck;
  keepAddress(deck);
  deck.addKeyBinding({ keyCode: 68, key: 'D', description: 'Light / dark theme' }, toggleTheme);

  const drawing = chalkboardOptions(file);
  const ready = (async () => {
    // The pen and whiteboard (decks/_shared/chalkboard.ts): their options carry the deck's drawings.
    await deck.initialize(await drawing);
    // The first slide is on screen: what loads from here on does not delay it (see npm run bench).
    window.dlFirstSlideAt = performance.now();
    const mathSpans = placeMath(root, items);
    const work: Promise<unknown>[] = [typesetMath(mathSpans)];
    if (root.querySelector('pre code')) work.push(import('./highlight.ts').then((m) => m.highlightAll(root)));
    // Tags come from the markdown, not the DOM: in print mode reveal re-parents the slides while
    // it lays out pages, and a DOM query in that window finds nothing.
    const tags = [...new Set(Array.from(text.matchAll(/<(dl-[a-z0-9-]+)/g), (m) => m[1]))];
    if (tags.length > 0) work.push(import('../../widgets/loader.ts').then((m) => m.loadWidgets(tags)));
    await Promise.all(work);
    markUnknownWidgets(root, file);
    deck.layout();
  })();
  window.dlDeckReady = ready;
  if (printing) {
    window.dlPrintReady = ready.then(async () => {
      const { prepareWidgetsForPrint } = await import('../../widgets/_shared/print-ready.ts');
      await prepareWidgetsForPrint(root);
      deck.layout();
      drawStrokesForPrint(deck, stackSizes(text, SEPARATOR, SEPARATOR_VERTICAL));
    });
  }
  return ready;
}
