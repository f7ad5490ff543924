/**
 * The widget manifest documents every widget: the gallery, the deck lint and the library's
 * custom-elements.json all read it, so a widget whose spec JSDoc is not directly above its class
 * (where the analyzer reads it) would go undocumented.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
interface Doc {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  summary?: string;
  attributes?: Doc[];
  events?: Doc[];
  cssProperties?: Doc[];
}
let widgets: Declaration[] = [];

beforeAll(() => {
  const file = join(root, 'custom-elements.json');
  if (!existsSync(file)) execSync('npm run manifest', { cwd: root });
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  widgets = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('dl-'));
}, 120_000);

describe('the widget manifest', () => {
  it('has every widget folder', () => {
    const folders = readdirSync(join(root, 'widgets')).filter((n) => !n.startsWith('_') && existsSync(join(root, 'widgets', n, `${n}.ts`)));
    expect(widgets.map((w) => w.tagName).sort()).toEqual(folders.map((n) => `dl-${n}`).sort());
  });

  it('documents each widget: a summary, described attributes, its events and CSS properties', () => {
    const gaps = widgets.flatMap((w) => [
      ...(w.summary ? [] : [`${w.tagName}: no @summary`]),
      ...((w.attributes ?? []).length === 0 ? [`${w.tagName}: no attributes`] : []),
      ...(w.attributes ?? []).filter((a) => !a.description).map((a) => `${w.tagName}: attribute ${a.name} has no description`),
      ...((w.events ?? []).length === 0 ? [`${w.tagName}: no @event`] : []),
      ...((w.cssProperties ?? []).length === 0 ? [`${w.tagName}: no @cssproperty`] : []),
    ]);
    expect(gaps).toEqual([]);
  });
});
