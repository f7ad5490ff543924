/** The course home page: every deck found in decks/ and student-talks/, grouped and linked. */
import decks from 'virtual:dl-decks';
import '../themes/tokens.css';
import '@fontsource/source-sans-3/latin-400.css';
import '@fontsource/source-sans-3/latin-700.css';
import './home.css';

type Deck = (typeof decks)[number];

const app = document.querySelector('#app')!;
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark') document.documentElement.dataset.theme = 'dark';

function card(d: Deck): HTMLElement {
  const li = document.createElement('li');
  li.className = 'deck';
  const a = document.createElement('a');
  a.href = `./${d.path}/index.html`;
  const label = d.kind === 'lecture' ? `Lecture ${d.lecture}` : d.kind === 'talk' ? `Student talk${d.author ? ` · ${d.author}` : ''}` : 'Final-talk topic';
  const kicker = document.createElement('span');
  kicker.className = 'kicker';
  kicker.textContent = label;
  const h = document.createElement('h3');
  h.textContent = d.title;
  const p = document.createElement('p');
  p.textContent = d.summary;
  a.append(kicker, h, p);
  if (d.problems.length > 0) {
    const warn = document.createElement('p');
    warn.className = 'problem';
    warn.textContent = d.problems.join(' ');
    a.append(warn);
  }
  li.append(a);
  return li;
}

function section(title: string, intro: string, list: Deck[]): HTMLElement | null {
  if (list.length === 0) return null;
  const s = document.createElement('section');
  const h = document.createElement('h2');
  h.textContent = title;
  const p = document.createElement('p');
  p.className = 'intro';
  p.textContent = intro;
  const ul = document.createElement('ul');
  ul.className = 'decks';
  ul.append(...list.map(card));
  s.append(h, p, ul);
  return s;
}

const header = document.createElement('header');
header.innerHTML = `<h1>Deep Learning, Live</h1>
<p>An introductory deep learning course whose slides think: on many slides a small network trains
in your browser while you watch. Everything runs offline; no GPU needed.</p>
<p class="keys">In a deck: <kbd>→</kbd> next · <kbd>Esc</kbd> overview · <kbd>S</kbd> speaker view (it drives the widgets) ·
<kbd>D</kbd> dark theme · <kbd>F</kbd> full screen. Add <code>?backend=wasm</code> to a deck's address to pick the compute backend.</p>
<p class="keys">Draw: <kbd>C</kbd> pen on the slide · <kbd>B</kbd> whiteboard · <kbd>X</kbd>/<kbd>Y</kbd> colour · <kbd>Z</kbd> undo · <kbd>Del</kbd> clear the slide ·
<kbd>W</kbd> save drawings (as <code>drawings.json</code> beside <code>slides.md</code> they open with the deck and print in its PDF).</p>`;
header.insertAdjacentHTML('beforeend', '<p class="keys"><a href="./gallery/index.html">Widget gallery</a>: every widget, live, with its attributes and a snippet for your own pages.</p>');

app.append(
  header,
  ...[
    section('Lectures', 'The six lectures, in order.', decks.filter((d) => d.kind === 'lecture')),
    section('Final-talk topics', 'Starting points for the student presentations.', decks.filter((d) => d.kind === 'topic')),
    section('Student talks', 'Talks written by students with the same building blocks.', decks.filter((d) => d.kind === 'talk')),
  ].filter((s): s is HTMLElement => s !== null),
);
if (decks.length === 0) {
  const p = document.createElement('p');
  p.textContent = 'No decks found: add a folder under decks/ with slides.md and index.html.';
  app.append(p);
}
