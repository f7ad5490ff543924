/**
 * The base class of every `<dl-…>` widget: one lifecycle, implemented once.
 *
 * ```ts
 * export class DlThing extends DlElement {
 *   private engine = new EngineTask(this, (eng) => eng.createBoundaryTrainer({ … }));
 *   private loop = new FrameLoop(this, () => this.step());
 * }
 * ```
 * - `active` says whether the widget may work. In a deck, `widgets/reveal-plugin.ts` sets it from
 *   slide events. Elsewhere, leave it unset: an IntersectionObserver turns the widget on while it
 *   is on screen. Set it yourself (true/false) to take control.
 * - `running` = active (or on screen) ∧ page visible ∧ not reveal's speaker-view copy. Controllers
 *   read `running`: nothing loads, trains or animates while it is false.
 * - Bad attribute values: call `this.reportConfig(problems)`; the widget shows them in place and
 *   logs one console warning per distinct message.
 */
import { LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';

/** True inside reveal.js's speaker view (its iframes carry `?receiver`). Those copies never train. */
export const IN_SPEAKER_VIEW = typeof location !== 'undefined' && /(^|[?&])receiver/i.test(location.search);

/** Emitted event options: events bubble out of shadow roots. */
const EVENT_INIT = { bubbles: true, composed: true } as const;

export class DlElement extends LitElement {
  static override properties: PropertyDeclarations = {
    active: { type: Boolean },
    running: { state: true },
    configErrors: { state: true },
  };

  /**
   * Whether the widget may run. Unset: decided by visibility on screen. The reveal plugin sets it
   * per slide; pages may set it too.
   */
  declare active: boolean | undefined;
  /** The effective on/off switch the controllers follow (read-only for users). */
  declare running: boolean;
  /** Problems with the attributes, shown in place of the widget. */
  protected declare configErrors: string[];

  private onScreen = false;
  private observer?: IntersectionObserver;
  private readonly warned = new Set<string>();
  private readonly handleVisibility = () => this.syncRunning();

  constructor() {
    super();
    this.active = undefined;
    this.running = false;
    this.configErrors = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Keys typed into our controls must not also move the slide (reveal listens on document and
    // sees only the host as activeElement through the shadow boundary).
    this.renderRoot?.addEventListener?.('keydown', stopIfControl);
    document.addEventListener('visibilitychange', this.handleVisibility);
    if (typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        this.onScreen = entries.some((e) => e.isIntersecting);
        this.syncRunning();
      });
      this.observer.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.renderRoot?.removeEventListener?.('keydown', stopIfControl);
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
    this.onScreen = false;
    this.running = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('active')) this.syncRunning();
  }

  private syncRunning(): void {
    const wanted = this.active ?? this.onScreen;
    this.running = wanted && this.isConnected && document.visibilityState !== 'hidden' && !IN_SPEAKER_VIEW;
  }

  /** Dispatch a `dl-…` event that bubbles out of the shadow root. */
  emit<T>(name: `dl-${string}`, detail?: T): void {
    this.dispatchEvent(new CustomEvent(name, { ...EVENT_INIT, detail }));
  }

  /**
   * Record attribute problems (an empty list clears them). Each message should name the attribute,
   * the bad value and what is accepted.
   */
  protected reportConfig(problems: string[]): void {
    for (const p of problems) {
      if (!this.warned.has(p)) {
        this.warned.add(p);
        console.warn(`<${this.localName}>: ${p}`);
      }
    }
    if (problems.join('\n') !== this.configErrors.join('\n')) this.configErrors = problems;
  }

  /** The in-place message for bad attributes, or nothing. */
  protected renderConfigErrors(): TemplateResult | null {
    if (this.configErrors.length === 0) return null;
    return html`<div class="dl-problem" role="alert">
      <strong>&lt;${this.localName}&gt; cannot start:</strong>
      <ul>${this.configErrors.map((p) => html`<li>${p}</li>`)}</ul>
    </div>`;
  }

  /** In the speaker view, a short note replaces the live widget. */
  protected renderSpeakerViewNote(): TemplateResult | null {
    return IN_SPEAKER_VIEW ? html`<p class="dl-status">Live widget: it runs in the audience window.</p>` : null;
  }
}

const CONTROL = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/;
function stopIfControl(event: Event): void {
  const target = event.composedPath()[0];
  if (target instanceof HTMLElement && (CONTROL.test(target.tagName) || target.isContentEditable || target.tabIndex >= 0)) {
    event.stopPropagation();
  }
}

/** Register a custom element once (a page may load a widget from two bundles). */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
