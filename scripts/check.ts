/**
 * `npm run check`: lint every deck and student talk. Prints `file:line: message` for each problem
 * and exits 1 if there is any. Regenerate the widget manifest first (`npm run manifest`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDecks } from '../build/decks.ts';
import { lintDeck, loadWidgetInfo } from '../build/lint-decks.ts';

const root = join(import.meta.dirname, '..');
const widgets = await loadWidgetInfo(join(root, 'custom-elements.json'), root);
const decks = findDecks(root);
let count = 0;
for (const d of decks) {
  const file = `${d.path}/slides.md`;
  for (const p of lintDeck(file, readFileSync(join(root, file), 'utf8'), widgets, root)) {
    console.log(`${p.file}:${p.line}: ${p.message}`);
    count++;
  }
}
console.log(count === 0 ? `check: ${decks.length} decks, ${widgets.size} widgets, no problems.` : `check: ${count} problem(s) in ${decks.length} decks.`);
process.exit(count === 0 ? 0 : 1);
