/**
 * Front matter of a deck's slides.md: a block of `key: value` lines between two `---` lines at the
 * very top. Shared by the browser (boot.ts) and the build (the home-page index and `npm run check`),
 * so both report the same problems with the same file and line.
 *
 * ```md
 * ---
 * title: Machine learning basics
 * summary: Regression, classification, losses, gradient descent.
 * ---
 * ```
 */

/** Keys a deck may set. */
export const FRONT_MATTER_KEYS = ['title', 'summary', 'lecture', 'author', 'date', 'theme', 'kind'] as const;
/** One front-matter key. */
export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

/** A problem found in a deck file, with a 1-based line number. */
export interface DeckProblem {
  line: number;
  message: string;
}

/** What {@link parseFrontMatter} returns. */
export interface ParsedDeck {
  /** Parsed keys. */
  meta: Partial<Record<FrontMatterKey, string>>;
  /** The markdown after the front matter. */
  body: string;
  /** Lines of the file before `body` starts (to map body lines back to file lines). */
  bodyLineOffset: number;
  /** Problems; an empty list means the front matter is valid. */
  problems: DeckProblem[];
}

/** Parse and check the front matter. Never throws. */
export function parseFrontMatter(source: string): ParsedDeck {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const problems: DeckProblem[] = [];
  if (lines[0]?.trim() !== '---') {
    return {
      meta: {},
      body: text,
      bodyLineOffset: 0,
      problems: [{ line: 1, message: 'The file must start with front matter: a line "---", then "title: …" and "summary: …", then "---".' }],
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) {
    return {
      meta: {},
      body: text,
      bodyLineOffset: 0,
      problems: [{ line: 1, message: 'The front matter opened with "---" on line 1 is never closed: add a line "---" after the last "key: value" line.' }],
    };
  }
  const meta: ParsedDeck['meta'] = {};
  for (let i = 1; i < end; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(raw);
    if (!m) {
      problems.push({ line: i + 1, message: `Expected "key: value" in the front matter, found "${raw.trim()}".` });
      continue;
    }
    const key = m[1] as FrontMatterKey;
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      problems.push({ line: i + 1, message: `Unknown front-matter key "${m[1]}". Use: ${FRONT_MATTER_KEYS.join(', ')}.` });
      continue;
    }
    meta[key] = unquote(m[2].trim());
  }
  if (!meta.title) problems.push({ line: 1, message: 'The front matter needs a "title: …" line.' });
  if (!meta.summary) problems.push({ line: 1, message: 'The front matter needs a "summary: …" line (one sentence for the course home page).' });
  const body = lines.slice(end + 1).join('\n');
  return { meta, body, bodyLineOffset: end + 1, problems };
}

function unquote(v: string): string {
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}
