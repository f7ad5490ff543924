/**
 * Drawing on slides, from reveal.js-plugins (chalkboard and customcontrols, MIT, Asvin Goel):
 * a pen over any slide and a whiteboard that slides in, kept per slide in the tab's session
 * storage, and buttons at the bottom left for people without the keys. Everything it needs is
 * bundled (its cursor and board images go through Vite), so it works offline and in one file.
 *
 * Keys (README "Presenting", home page): C pen on the slide, B whiteboard, X / Y next / previous
 * colour, Z undo the last stroke, Del clear this slide's drawing, W save all drawings to
 * `chalkboard.json`. Undo, and drawings that stay as a slide's fragments appear (the plugin keys
 * them by fragment step), are our patch to the plugin: patches/reveal.js-plugins+4.6.0.patch.
 * Put that file in the deck's folder as `drawings.json` and the deck opens with those drawings,
 * and `npm run pdf` prints them on their slides (the plugin prints only the whiteboard, on pages
 * of its own; the pen's strokes on slides are drawn here, see {@link drawStrokesForPrint}).
 *
 * While the pen is off the pen's canvas takes no pointer events, so widgets under it keep theirs.
 */
import 'reveal.js-plugins/chalkboard/plugin.js';
import 'reveal.js-plugins/chalkboard/style.css';
import 'reveal.js-plugins/customcontrols/plugin.js';
import 'reveal.js-plugins/customcontrols/style.css';
import type { RevealApi } from 'reveal.js';

const IMAGES = import.meta.glob<string>('../../node_modules/reveal.js-plugins/chalkboard/img/*.png', { eager: true, query: '?url', import: 'default' });
/** A bundled image of the plugin by file name ("sponge.png"). */
const image = (name: string): string => {
  const found = Object.entries(IMAGES).find(([key]) => key.endsWith(`/${name}`));
  if (!found) throw new Error(`reveal.js-plugins has no chalkboard image ${name}`);
  return found[1];
};

/** Drawings shipped next to decks (`drawings.json`), bundled, one lazy chunk each. */
const DRAWINGS = new Map(
  Object.entries(import.meta.glob<string>(['../../decks/*/drawings.json', '../../student-talks/*/drawings.json'], { query: '?raw', import: 'default' })).map(([key, load]) => [
    new URL(key, 'file:///decks/_shared/').pathname,
    load,
  ]),
);

/** Pen colours (marker cursors from the plugin); the first is the course's ink. */
const MARKERS: [string, string][] = [
  ['rgba(29,36,48,1)', 'black'],
  ['rgba(8,119,189,1)', 'blue'],
  ['rgba(208,69,59,1)', 'red'],
  ['rgba(40,150,60,1)', 'green'],
  ['rgba(230,120,0,1)', 'orange'],
];

// The plugin saves a drawing a second after the last stroke: save at once when the page goes
// (a reload, the print view of the same tab), so no stroke is lost.
addEventListener('pagehide', () => {
  try {
    (window as unknown as { RevealChalkboard: { updateStorage(): void } }).RevealChalkboard.updateStorage();
  } catch {
    // Not initialised (the deck never started): nothing to save.
  }
});

/** The plugin object the deck registers (it sets `window.RevealChalkboard` when imported). */
export function chalkboardPlugin(): object {
  return (window as unknown as { RevealChalkboard: object }).RevealChalkboard;
}

/** The custom-controls plugin object. */
export function customControlsPlugin(): object {
  return (window as unknown as { RevealCustomControls: object }).RevealCustomControls;
}

/**
 * Reveal options for both plugins. `file` is the deck's slides.md path: it names the session
 * storage and finds the deck's `drawings.json`, handed to the plugin as a blob URL (works on
 * file:// too).
 */
export async function chalkboardOptions(file: string): Promise<Record<string, unknown>> {
  const folder = file.replace(/[^/]*$/, '');
  const shipped = DRAWINGS.get(`/${folder}drawings.json`);
  const src = shipped ? URL.createObjectURL(new Blob([await shipped()], { type: 'application/json' })) : null;
  const markers = MARKERS.map(([color, name]) => ({ color, cursor: `url(${image(`boardmarker-${name}.png`)}), auto` }));
  return {
    chalkboard: {
      theme: 'whiteboard',
      boardmarkers: markers,
      chalks: markers,
      boardmarkerWidth: 4,
      eraser: { src: image('sponge.png'), radius: 20 },
      background: ['rgba(0,0,0,0)', image('whiteboard.png')],
      storage: `dl-chalkboard:${folder}`,
      src,
      toggleChalkboardButton: false,
      toggleNotesButton: false,
      transition: 300,
      keyBindings: {
        // D is the course's light/dark key: save drawings with W(rite).
        download: { keyCode: 87, key: 'W', description: 'Save drawings to a file' },
        // Backspace would wipe every slide's drawing at one slip of the finger.
        resetAll: false,
      },
    },
    customcontrols: {
      collapseIcon: '<span aria-hidden="true">▾</span>',
      expandIcon: '<span aria-hidden="true">▴</span>',
      tooltip: 'Show or hide the drawing buttons',
      controls: [
        { id: 'dl-pen', title: 'Pen on the slide (C)', icon: '<span aria-hidden="true">✎</span><span class="dl-sr">Pen</span>', action: 'RevealChalkboard.toggleNotesCanvas()' },
        { id: 'dl-board', title: 'Whiteboard (B)', icon: '<span aria-hidden="true">▭</span><span class="dl-sr">Whiteboard</span>', action: 'RevealChalkboard.toggleChalkboard()' },
      ],
    },
  };
}

/**
 * How many slides each horizontal position holds (1, or a vertical stack's size), from the deck's
 * Markdown and the separators reveal's markdown plugin splits it with.
 */
export function stackSizes(markdown: string, separator: string, vertical: string): number[] {
  const sizes = [1];
  for (const m of markdown.matchAll(new RegExp(`(${separator})|(${vertical})`, 'mg'))) {
    if (m[1] !== undefined) sizes.push(1);
    else sizes[sizes.length - 1]++;
  }
  return sizes;
}

/** One recorded pen stroke segment, as the plugin stores it. */
interface DrawEvent {
  type: 'draw' | 'erase';
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  x?: number;
  y?: number;
  color?: number;
  board?: number;
}

/** The plugin's storage: [pen on slides, whiteboard], each with its drawing size and slides. */
type Storage = { width: number; height: number; data: { slide: { h: number; v: number; f?: number }; events: DrawEvent[] }[] }[];

/**
 * Print: the plugin hides the pen's canvas and prints only whiteboards, so draw each slide's pen
 * strokes onto its printed page ourselves (after reveal laid out the pages).
 */
export function drawStrokesForPrint(deck: RevealApi, stacks: number[]): void {
  const data = (window as unknown as { RevealChalkboard: { getData(): Storage | string } }).RevealChalkboard.getData();
  const storage = (typeof data === 'string' ? JSON.parse(data) : data) as Storage;
  const pen = storage?.[0];
  if (!pen) return;
  const config = deck.getConfig() as { width: number; height: number; margin: number; minScale: number; maxScale: number };
  const { width, height } = config;
  // The pen's canvas covers the window it was drawn in; reveal scaled and centred the slide in
  // it (reveal's own layout: the window less its margin, scale clamped): map back to slide pixels.
  const s = Math.min(config.maxScale ?? 2, Math.max(config.minScale ?? 0.2, Math.min((pen.width * (1 - config.margin)) / width, (pen.height * (1 - config.margin)) / height)));
  const ox = (pen.width - width * s) / 2;
  const oy = (pen.height - height * s) / 2;
  const at = (x: number, y: number): [number, number] => [(x - ox) / s, (y - oy) / s];
  for (const slideData of pen.data) {
    if (slideData.events.length === 0) continue;
    // Print layout flattens vertical stacks: one page per slide, in reading order.
    const { h, v = 0 } = slideData.slide;
    const flat = stacks.slice(0, h).reduce((a, b) => a + b, 0) + v;
    const slide = deck.getSlides()[flat] as HTMLElement | undefined;
    const page = slide?.closest('.pdf-page');
    if (!slide || !page) continue;
    const canvas = document.createElement('canvas');
    canvas.className = 'dl-print-drawing';
    canvas.width = width;
    canvas.height = height;
    Object.assign(canvas.style, { position: 'absolute', left: slide.style.left || '0', top: slide.style.top || '0', width: `${width}px`, height: `${height}px`, pointerEvents: 'none', zIndex: '5' });
    const ctx = canvas.getContext('2d')!;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4 / s;
    for (const e of slideData.events) {
      if (e.type === 'draw' && e.x1 !== undefined) {
        ctx.globalCompositeOperation = 'source-over';
        ctx.strokeStyle = MARKERS[e.color ?? 0]?.[0] ?? MARKERS[0][0];
        ctx.beginPath();
        ctx.moveTo(...at(e.x1, e.y1!));
        ctx.lineTo(...at(e.x2!, e.y2!));
        ctx.stroke();
      } else if (e.type === 'erase' && e.x !== undefined) {
        ctx.globalCompositeOperation = 'destination-out';
        ctx.beginPath();
        ctx.arc(...at(e.x, e.y!), 20 / s, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    page.append(canvas);
  }
}
