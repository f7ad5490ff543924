import { html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { BpeLearner, BpeMerge, Encoding, Tokenizer } from '../../engine/index.ts';
import { styleProps } from '../_shared/style-props.ts';
import { DlElement, defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask } from '../_shared/engine-task.ts';
import { FrameLoop } from '../_shared/frame-loop.ts';
import { cssVar, divergingTable } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { flag, int, num, text } from '../_shared/props.ts';
import { nextTask } from '../_shared/tasks.ts';
import { styles } from './tokenizer.styles.ts';

/** Width of the illustrative embedding vectors. */
const EMBED_DIM = 8;
const MAX_VOCAB = 2000;
/** Time for merges between two yields to the page while catching up to a vocabulary size, ms. */
const SLICE_MS = 8;
/** Longest text the widget tokenizes (a slide shows a sentence or a paragraph, not a book). */
const MAX_TEXT = 5000;
/** Tokens drawn per row; the count says how many there are in all. */
const SHOWN_TOKENS = 300;

interface Session {
  learner: BpeLearner;
  chars: Tokenizer;
  words: Tokenizer;
  characters: number;
  wordCount: number;
}

type Kind = 'chars' | 'words' | 'bpe';

/** A deterministic pseudo-random vector for a token id (an untrained embedding row). */
function embeddingRow(id: number, seed: number): number[] {
  let s = (id * 2654435761 + seed * 97 + 12345) >>> 0;
  return Array.from({ length: EMBED_DIM }, () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return ((s / 4294967296) * 2 - 1) * 0.9;
  });
}

/**
 * `<dl-tokenizer>`: type text and see it cut three ways, characters, words and byte-pair encoding,
 * each token with its id. The BPE vocabulary is learned live from a shipped public-domain corpus
 * (Aesop's fables): "Learn merges" animates the merges one by one, the slider sets the vocabulary
 * size. Click a token to follow it through the embedding lookup: token → id → row of E.
 *
 * ```html
 * <dl-tokenizer text="The tortoise and the hare raced." vocab-size="400"></dl-tokenizer>
 * ```
 *
 * @summary Character, word and BPE tokenization of typed text, with the BPE merges learned live.
 * @event dl-ready - The corpus is loaded. detail: { characters: number; words: number }
 * @event dl-merge - After each merge the user asked for (Step or the animation). detail: { left: string; right: string; token: string; count: number; vocabSize: number }
 * @csspart rows - The three tokenizations.
 * @csspart toolbar - Learn, step, reset and the vocabulary slider.
 * @cssproperty [--token-a=accent 16 %] - Background of odd tokens.
 * @cssproperty [--token-b=orange 22 %] - Background of even tokens.
 * @cssproperty [--token-unknown=error 25 %] - Background of unknown tokens.
 */
export class DlTokenizer extends DlElement {
  static override styles = [widgetStyles, styles];

  /** The text to tokenize (editable in the widget; at most 5,000 characters). */
  @text({ maxLength: MAX_TEXT }) text = 'The tortoise and the hare raced through the unbelievably windy meadow.';
  /** Target BPE vocabulary size (characters + merges + <unk>), up to 2000. */
  @int(1, MAX_VOCAB) vocabSize = 300;
  /** Speed of the merge animation (1–120). */
  @num({ min: 1, max: 120 }) mergesPerSecond = 12;
  /** Seed of the illustrative (untrained) embedding table. */
  @int(0, 2 ** 31) seed = 1;
  /** Start the merge animation when shown (from the characters up to vocab-size). */
  @flag() autoplay = false;

  @state() private selected: { kind: Kind; index: number } | null = null;
  @state() private tick = 0;

  private readonly engine = jsEngineTask<Session>(
    this,
    (eng) => {
      const corpus = eng.FABLES_CORPUS;
      const learner = eng.createBpeLearner(corpus);
      const chars = eng.createCharTokenizer(corpus);
      const words = eng.createWordTokenizer(corpus, MAX_VOCAB);
      return { learner, chars, words, characters: learner.vocab.length, wordCount: eng.pretokenize(corpus).length };
    },
    (s) => void this.handleReady(s),
  );
  private readonly loop = new FrameLoop(this, () => this.mergeFrame());
  private lastMergeAt = 0;
  private target = 0;
  /** The merges under way towards the vocabulary size, if any. */
  private catchingUp: { session: Session; done: Promise<void> } | null = null;

  // ── public verbs ─────────────────────────────────────────────────────────

  /** Animate merges up to the target vocabulary size (or 2000 if it is reached already). */
  play(): void {
    const s = this.engine.value;
    if (s && s.learner.vocab.length >= this.target) this.target = MAX_VOCAB;
    this.loop.play();
  }

  /** Stop the animation. */
  pause(): void {
    this.loop.pause();
  }

  /** Back to the bare characters (no merges). */
  reset(): void {
    this.loop.pause();
    this.engine.reset();
  }

  /** Learn one merge. */
  async step(): Promise<BpeMerge | null> {
    const s = await this.engine.ready();
    if (!s) return null;
    const m = s.learner.step();
    if (m) this.emit('dl-merge', { ...m, vocabSize: s.learner.vocab.length });
    this.tick++;
    return m;
  }

  /** The current BPE vocabulary size. */
  get currentVocabSize(): number {
    return this.engine.value?.learner.vocab.length ?? 0;
  }

  /** The three encodings of the current text, once ready. */
  encodings(): Record<Kind, Encoding> | null {
    const s = this.engine.value;
    if (!s) return null;
    return { chars: s.chars.encode(this.text), words: s.words.encode(this.text), bpe: s.learner.tokenizer().encode(this.text) };
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('vocabSize') && this.engine.value && !this.hasConfigErrors) void this.applyVocabSize(this.engine.value);
    if (changed.has('text')) this.selected = null;
  }

  /** Ready once the vocabulary has the asked size (learned in slices, see {@link learnInSlices}). */
  private async handleReady(s: Session): Promise<void> {
    this.target = this.vocabSize;
    if (this.autoplay) this.loop.play();
    else await this.applyVocabSize(s);
    if (this.engine.value === s) this.emit('dl-ready', { characters: s.characters, words: s.wordCount });
  }

  /** Jump to the vocabulary size (re-learning from the characters if it shrinks). */
  private applyVocabSize(s: Session): Promise<void> {
    const size = Math.max(s.characters, this.vocabSize);
    this.target = size;
    if (s.learner.vocab.length > size) {
      this.engine.reset(); // rebuilds from the characters, then handleReady learns up to the size
      return Promise.resolve();
    }
    if (this.catchingUp?.session !== s) {
      const run = { session: s, done: this.learnInSlices(s).finally(() => {
        if (this.catchingUp === run) this.catchingUp = null;
      }) };
      this.catchingUp = run;
    }
    return this.catchingUp.done;
  }

  /**
   * Merge up to the target in slices of {@link SLICE_MS}, yielding to the page between them: each
   * merge recounts every pair of the corpus, and a few hundred at once blocked the page for a
   * fifth of a second. The view shows the vocabulary growing; a rebuild or removal stops it.
   */
  private async learnInSlices(s: Session): Promise<void> {
    for (;;) {
      if (this.engine.value !== s) return;
      const until = performance.now() + SLICE_MS;
      let exhausted = false;
      while (s.learner.vocab.length < this.target && performance.now() < until) {
        if (!s.learner.step()) {
          exhausted = true;
          break;
        }
      }
      this.tick++;
      if (exhausted || s.learner.vocab.length >= this.target) return;
      await nextTask();
    }
  }

  private mergeFrame(): void {
    const s = this.engine.value;
    if (!s) {
      void this.engine.ready();
      return;
    }
    const now = performance.now();
    if (now - this.lastMergeAt < 1000 / this.mergesPerSecond) return;
    this.lastMergeAt = now;
    if (s.learner.vocab.length >= this.target) {
      this.loop.pause();
      return;
    }
    const m = s.learner.step();
    if (!m) {
      this.loop.pause();
      return;
    }
    this.emit('dl-merge', { ...m, vocabSize: s.learner.vocab.length });
    this.tick++;
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    const s = this.engine.value;
    return html`
      ${note}
      <div class="dl-toolbar toolbar" part="toolbar">
        <button class="primary" @click=${() => (this.loop.playing ? this.pause() : this.play())} aria-pressed=${this.loop.playing}>
          ${this.loop.playing ? 'Pause' : 'Learn merges'}
        </button>
        <button @click=${() => void this.step()} title="Learn one merge">Step</button>
        <button @click=${() => this.reset()} title="Back to single characters">Reset</button>
        <label>Vocabulary
          <input type="range" min=${s?.characters ?? 1} max=${MAX_VOCAB} step="1" .value=${String(s?.learner.vocab.length ?? this.vocabSize)}
            aria-label="BPE vocabulary size" @change=${(e: Event) => (this.vocabSize = Number((e.target as HTMLInputElement).value))} />
        </label>
        <span class="dl-status" aria-live="polite">${this.statusText()}</span>
      </div>
      <input class="text" type="text" maxlength=${MAX_TEXT} .value=${this.text} aria-label="Text to tokenize"
        @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)} />
      ${s ? this.renderBody(s) : html`<p class="dl-status">${this.engine.status === 'error' ? `Could not start: ${this.engine.error}` : 'Loading the corpus…'}</p>`}
    `;
  }

  private renderBody(s: Session) {
    const bpe = s.learner.tokenizer();
    const enc: Record<Kind, Encoding> = { chars: s.chars.encode(this.text), words: s.words.encode(this.text), bpe: bpe.encode(this.text) };
    const vocabOf: Record<Kind, number> = { chars: s.chars.vocab.length, words: s.words.vocab.length, bpe: s.learner.vocab.length };
    const names: Record<Kind, string> = { chars: 'Characters', words: 'Words seen in the corpus (others → <unk>, id 0)', bpe: 'Byte-pair encoding' };
    const merges = s.learner.merges;
    const recent = merges.slice(-8).reverse();
    return html`<div class="layout">
      <div class="rows" part="rows">
        ${(['chars', 'words', 'bpe'] as Kind[]).map(
          (kind) => html`<div class="row">
            <h3>${names[kind]} <span>· ${enc[kind].tokens.length} tokens · vocabulary ${vocabOf[kind].toLocaleString('en')}</span></h3>
            <div class="tokens">
              ${enc[kind].tokens.slice(0, SHOWN_TOKENS).map(
                (t, i) => html`<span class=${`tok${enc[kind].ids[i] === 0 ? ' unknown' : ''}${this.selected?.kind === kind && this.selected.index === i ? ' selected' : ''}`}
                  tabindex="0" role="button" title=${`id ${enc[kind].ids[i]}`}
                  @click=${() => (this.selected = { kind, index: i })}
                  @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (this.selected = { kind, index: i })}
                  >${t.replaceAll('▁', '␣')}<small>${enc[kind].ids[i]}</small></span>`,
              )}${enc[kind].tokens.length > SHOWN_TOKENS ? html`<span class="more">… and ${(enc[kind].tokens.length - SHOWN_TOKENS).toLocaleString('en')} more</span>` : null}
            </div>
          </div>`,
        )}
        ${this.renderEmbedding(enc, vocabOf)}
      </div>
      <div class="side">
        <h3>Latest merges (${merges.length})</h3>
        <ol class="merges" reversed>
          ${recent.length === 0 ? html`<li>none yet: every character is a token</li>` : recent.map((m) => html`<li>${m.left.replaceAll('▁', '␣')} + ${m.right.replaceAll('▁', '␣')} → ${m.token.replaceAll('▁', '␣')} <small>(${m.count}×)</small></li>`)}
        </ol>
        <h3>Longer corpus words, as split now</h3>
        <ul class="words">
          ${s.learner.sampleWords(400).filter((w) => w.word.length >= 7).slice(0, 8).map((w) => html`<li><span>${w.parts.map((p) => p.replaceAll('▁', '␣')).join(' · ')}</span><small>${w.count}×</small></li>`)}
        </ul>
      </div>
    </div>`;
  }

  private renderEmbedding(enc: Record<Kind, Encoding>, vocabOf: Record<Kind, number>) {
    const sel = this.selected;
    if (!sel || !enc[sel.kind].tokens[sel.index]) {
      return html`<p class="embedding dl-status">Click a token to follow it into the model: token → id → row of the embedding table E.</p>`;
    }
    const token = enc[sel.kind].tokens[sel.index].replaceAll('▁', '␣');
    const id = enc[sel.kind].ids[sel.index];
    const row = embeddingRow(id, this.seed);
    const lut = divergingTable(cssVar(this, '--dl-color-negative', '#f59322'), cssVar(this, '--dl-color-neutral', '#e8eaeb'), cssVar(this, '--dl-color-positive', '#0877bd'));
    const colour = (v: number) => {
      const k = Math.round(((v + 1) / 2) * 255) * 3;
      return styleProps({ background: `rgb(${lut[k]},${lut[k + 1]},${lut[k + 2]})` });
    };
    return html`<div class="embedding" aria-live="polite">
      “${token}” → id ${id} → row ${id} of E ∈ ℝ<sup>${vocabOf[sel.kind].toLocaleString('en')} × ${EMBED_DIM}</sup> (random initial values; training moves them):
      <div class="vector">${row.map((v) => html`<span style=${colour(v)}>${v.toFixed(2)}</span>`)}</div>
    </div>`;
  }

  private statusText(): string {
    const s = this.engine.value;
    if (!s) return this.engine.status === 'loading' ? 'Loading…' : this.running ? 'Starting…' : 'Starts when shown';
    const state = this.loop.playing ? 'merging' : 'paused';
    return `${s.learner.vocab.length} tokens = ${s.characters} characters + ${s.learner.merges.length} merges · corpus: Aesop's fables, ${s.wordCount.toLocaleString('en')} words · ${state}`;
  }
}

defineElement('dl-tokenizer', DlTokenizer);

declare global {
  interface HTMLElementTagNameMap {
    'dl-tokenizer': DlTokenizer;
  }
}
