/**
 * The deck lint behind `npm run check` and tests/decks.test.ts. Custom elements silently ignore
 * unknown attributes, and markdown silently swallows broken math, so we check every deck and talk
 * against the widget manifest (custom-elements.json) and KaTeX, and name the file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { parseFrontMatter } from '../decks/_shared/front-matter.ts';
import { extractMath } from '../decks/_shared/math.ts';
import { parseWeightsFile, WEIGHTS_SUFFIX } from '../widgets/_shared/weights-file.ts';
import { checkValue, ruleFor, type ManifestAttribute, type ValueRule } from './lint-values.ts';
import { loadWidgetClasses, problemsFor } from './widget-classes.ts';

/** What the lint needs to know about one widget. */
export interface WidgetInfo {
  tag: string;
  attributes: Set<string>;
  /** What each attribute's value may be (see lint-values.ts), where the manifest says. */
  values?: Map<string, ValueRule>;
  /** The widget's own validation (its property declarations), for widgets that have them. */
  validate?: (attributes: Map<string, string>) => string[];
}

/** One problem, located. */
export interface LintProblem {
  file: string;
  line: number;
  message: string;
}

/** Read the widget list from a custom-elements.json manifest. */
export function widgetsFromManifest(manifestPath: string): Map<string, WidgetInfo> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    modules: { declarations?: { tagName?: string; attributes?: ManifestAttribute[] }[] }[];
  };
  const out = new Map<string, WidgetInfo>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      const values = new Map<string, ValueRule>();
      for (const a of d.attributes ?? []) {
        const rule = ruleFor(a);
        if (rule) values.set(a.name, rule);
      }
      out.set(d.tagName, { tag: d.tagName, attributes: new Set((d.attributes ?? []).map((a) => a.name)), values });
    }
  }
  return out;
}

/**
 * The manifest's widgets, each checked by its own declarations where it has them: the deck lint
 * then rejects exactly what the widget would reject on the slide (out-of-range numbers included).
 */
export async function loadWidgetInfo(manifestPath: string, root: string): Promise<Map<string, WidgetInfo>> {
  const widgets = widgetsFromManifest(manifestPath);
  const classes = await loadWidgetClasses(root);
  for (const [tag, info] of widgets) {
    const ctor = classes.get(tag);
    if (ctor?.attributeSpecs?.size) info.validate = (attributes) => problemsFor(ctor, attributes);
  }
  return widgets;
}

// Attributes every element may carry.
const GLOBAL_ATTRIBUTES = new Set(['id', 'class', 'style', 'title', 'lang', 'dir', 'slot', 'part', 'tabindex', 'aria-label', 'role', 'active']);

/** Lint one deck source. `file` is how problems name it (a path relative to the project). */
export function lintDeck(file: string, source: string, widgets: Map<string, WidgetInfo>, root = '.'): LintProblem[] {
  const problems: LintProblem[] = [];
  const parsed = parseFrontMatter(source);
  for (const p of parsed.problems) problems.push({ file, line: p.line, message: p.message });
  const lines = source.split(/\r?\n/);
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;

  // Widget tags and attributes.
  const tagRe = /<(dl-[a-z0-9-]+)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  for (const m of source.matchAll(tagRe)) {
    const [, tag, attrText] = m;
    const line = lineOf(m.index ?? 0);
    const info = widgets.get(tag);
    if (!info) {
      const known = [...widgets.keys()].sort().join(', ');
      problems.push({ file, line, message: `Unknown widget <${tag}>. Known widgets: ${known}.` });
      continue;
    }
    const written = new Map<string, string>();
    for (const a of attrText.matchAll(/([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = a[1].toLowerCase();
      written.set(name, a[2] === undefined ? '' : a[2].replace(/^(["'])(.*)\1$/s, '$2'));
      const rule = info.validate ? undefined : info.values?.get(name);
      if (rule && a[2] !== undefined) {
        const bad = checkValue(tag, name, a[2].replace(/^(["'])(.*)\1$/s, '$2'), rule);
        if (bad) problems.push({ file, line, message: bad });
      }
      if (info.attributes.has(name) || GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-')) continue;
      const hint = name === 'hidden' ? ' (the global "hidden" attribute would hide the widget; did you mean hidden-layers?)' : '';
      problems.push({ file, line, message: `<${tag}> has no attribute "${name}"${hint}. It accepts: ${[...info.attributes].sort().join(', ')}.` });
    }
    if (info.validate) for (const p of info.validate(written)) problems.push({ file, line, message: `<${tag}> ${p}` });
    const weights = written.get('weights');
    if (weights && weights.endsWith(WEIGHTS_SUFFIX) && info.attributes.has('weights')) {
      const path = join(root, dirname(file), weights);
      if (!existsSync(path)) problems.push({ file, line, message: `<${tag}> weights="${weights}" not found (looked in ${join(dirname(file), weights)}). Save the file there with the widget's "Save weights".` });
      else {
        try {
          parseWeightsFile(readFileSync(path, 'utf8'), weights, tag);
        } catch (err) {
          problems.push({ file, line, message: `<${tag}> ${(err as Error).message}` });
        }
      }
    }
    if (!new RegExp(`</${tag}>`).test(source.slice(m.index ?? 0, (m.index ?? 0) + m[0].length + 400))) {
      problems.push({ file, line, message: `<${tag}> is not closed: write <${tag} …></${tag}> (custom elements cannot self-close).` });
    }
  }

  // Math that KaTeX cannot typeset.
  for (const item of extractMath(parsed.body).items) {
    try {
      katex.renderToString(item.tex, { displayMode: item.display, throwOnError: true, strict: 'ignore' });
    } catch (err) {
      const msg = err instanceof Error ? err.message.replace(/^KaTeX parse error: /, '') : String(err);
      problems.push({ file, line: item.line + parsed.bodyLineOffset, message: `Math error in "${item.tex.slice(0, 60)}": ${msg}` });
    }
  }

  // Images that do not exist.
  lines.forEach((text, i) => {
    for (const img of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc="([^"]+)"/g)) {
      const src = img[1] ?? img[2];
      if (/^(https?:)?\/\//.test(src)) {
        problems.push({ file, line: i + 1, message: `Image "${src}" is loaded from the network: decks must work offline. Save it under the deck's assets/ folder.` });
      } else if (!src.startsWith('data:') && !existsSync(join(root, dirname(file), src.split(/[?#]/)[0]))) {
        problems.push({ file, line: i + 1, message: `Image "${src}" not found (looked in ${join(dirname(file), src)}).` });
      }
    }
  });
  return problems.sort((a, b) => a.line - b.line);
}
