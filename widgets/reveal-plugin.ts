/**
 * The only widget file that knows about reveal.js: it maps slide events to each widget's `active`.
 *
 * ```ts
 * Reveal.initialize({ plugins: [RevealMarkdown, DlWidgets] });
 * ```
 * Reveal does not disconnect elements of slides you leave (it hides them), so pausing has to hang
 * off slide events, not off disconnectedCallback. Widgets in the current slide (including its
 * fragments and vertical parent) become active; every other widget in the deck is inactive.
 */
import { widgetsUnder } from './_shared/find.ts';

interface SlideEvent {
  currentSlide?: Element;
  previousSlide?: Element;
}
interface RevealLike {
  on(type: string, fn: (e: SlideEvent) => void): void;
  getCurrentSlide(): Element | undefined;
  getRevealElement(): Element | null;
}

type Activatable = HTMLElement & { active?: boolean };

const widgetsIn = (root: ParentNode) => widgetsUnder<Activatable>(root);

/** The plugin factory, in the shape of reveal's own plugins. */
export default function DlWidgets() {
  return {
    id: 'dl-widgets',
    init(deck: RevealLike) {
      const sync = () => {
        const current = deck.getCurrentSlide();
        const root = deck.getRevealElement();
        if (!root) return;
        for (const el of widgetsIn(root)) el.active = !!current && current.contains(el);
      };
      deck.on('ready', sync);
      deck.on('slidechanged', sync);
      deck.on('overviewshown', () => {
        const root = deck.getRevealElement();
        if (root) for (const el of widgetsIn(root)) el.active = false;
      });
      deck.on('overviewhidden', sync);
      sync();
    },
  };
}
