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
 *   read `running`: nothing loads, trains or animates while it is false. It turns false at once
 *   and true after the next painted frame, in a task of its own (not inside reveal's slide change).
 * - Bad attribute values: call `this.reportConfig(problems)`; the widget shows them in place and
 *   logs one console warning per distinct message.
 * - reveal.js's speaker view loads the deck again in iframes. Those copies never run; instead they
 *   mirror the audience window's picture (the element `mirrorTarget()` returns: by default the
 *   `part="plot"` element or the first canvas), sent once a second over a BroadcastChannel while a
 *   speaker view is open. Render `this.renderSpeakerViewNote()` at the top of the template.
 * - Print (`?print-pdf`, `npm run pdf`): there are no slide events, so each widget is switched on
 *   in turn and its optional `async printReady(): Promise<void>` is awaited before the page is
 *   printed. Implement it to reach a meaningful still: pause, then train N seeded steps (see
 *   `<dl-decision-boundary>`). Without it a widget gets its `dl-ready` event or 2.5 s.
 *   The hook lives in widgets/_shared/print-ready.ts.
 */
import { LitElement, html, type PropertyDeclaration, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { widgetsUnder } from './find.ts';
import { numberChanged, numberConverter, problemWith, specsOf, type AttributeSpec } from './props.ts';
import { downloadText, encodeWeightsFile, WEIGHTS_SUFFIX } from './weights-file.ts';

/** True inside reveal.js's speaker view (its iframes carry `?receiver`). Those copies never train. */
export const IN_SPEAKER_VIEW = typeof location !== 'undefined' && /(^|[?&])receiver/i.test(location.search);

/** Emitted event options: events bubble out of shadow roots. */
const EVENT_INIT = { bubbles: true, composed: true } as const;

export class DlElement extends LitElement {
  static override properties: PropertyDeclarations = {
    active: { type: Boolean },
    running: { state: true },
    configErrors: { state: true },
    runtimeError: { state: true },
    mirrorUrl: { state: true },
    remote: { state: true },
    menuNote: { state: true },
  };

  /** The attribute declarations of this class (widgets/_shared/props.ts fills it). */
  static attributeSpecs?: Map<string, AttributeSpec>;

  /**
   * Public methods besides play/pause/reset/step that the widget's own buttons call (PPO's
   * `collect`, GPT's `write`): in the speaker view they are sent to the audience window's widget,
   * with their arguments, as the toolbar's verbs are. Buttons must call them as `this.verb()`.
   */
  static remoteVerbs: readonly string[] = [];

  /**
   * Numbers declared the old way (`static properties = { x: { type: Number } }`) get the same
   * converter and comparison as `@num`: an empty attribute is NaN, which validation reports, never
   * a silent 0, and a NaN is always a change.
   */
  static override createProperty(name: PropertyKey, options?: PropertyDeclaration): void {
    const plainNumber = options?.type === Number && !options.converter;
    super.createProperty(name, plainNumber ? { hasChanged: numberChanged, ...options, converter: numberConverter } : options);
  }

  /**
   * Whether the widget may run. Unset: decided by visibility on screen. The reveal plugin sets it
   * per slide; pages may set it too.
   */
  declare active: boolean | undefined;
  /** The effective on/off switch the controllers follow (read-only for users). */
  declare running: boolean;
  /** Problems with the attributes, shown in place of the widget. */
  protected declare configErrors: string[];
  /** What stopped the widget while it ran (a failed start, a frame that threw), shown above it. */
  protected declare runtimeError: string | null;

  /** In the speaker view: what the audience window's copy reports (playing, status). */
  declare remote: RemoteState | null;
  private applyingRemote = false;
  private onScreen = false;
  private mirror?: Mirror;
  private declare mirrorUrl: string | null;
  private observer?: IntersectionObserver;
  private readonly warned = new Set<string>();
  private readonly handleVisibility = () => this.syncRunning();

  constructor() {
    super();
    this.active = undefined;
    this.running = false;
    this.configErrors = [];
    this.runtimeError = null;
    this.mirrorUrl = null;
    this.remote = null;
    this.menuNote = null;
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
    if (typeof BroadcastChannel !== 'undefined') this.mirror = new Mirror(this, (url) => (this.mirrorUrl = url));
    if (IN_SPEAKER_VIEW) {
      // The speaker view's copy never trains: its verbs drive the audience window's widget.
      const self = this as unknown as Record<string, unknown>;
      for (const verb of verbsOf(this)) {
        if (typeof self[verb] === 'function') self[verb] = (...args: unknown[]) => this.sendCommand(verb, args);
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.renderRoot?.removeEventListener?.('keydown', stopIfControl);
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
    this.onScreen = false;
    this.cancelStart();
    this.running = false;
    this.mirror?.close();
    this.mirror = undefined;
  }

  /** Whether any attribute is wrong (then nothing starts until it is fixed). */
  get hasConfigErrors(): boolean {
    return this.configErrors.length > 0;
  }

  /** The element whose picture the speaker view mirrors. */
  mirrorTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="plot"], [part~="surface"], canvas');
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('active')) this.syncRunning();
    // A setting changed in the speaker view's controls goes to the audience window's widget.
    if (IN_SPEAKER_VIEW && this.hasUpdated && !this.applyingRemote) {
      for (const [attribute, prop] of attributeMap(this.constructor as typeof LitElement)) {
        if (changed.has(prop.field)) this.mirror?.post({ type: 'set', attribute, value: this.attributeText(prop) });
      }
    }
    const specs = specsOf(this.constructor);
    if (specs.length > 0 && (!this.validated || specs.some((s) => changed.has(s.field)))) {
      this.validated = true;
      this.reportConfig(this.attributeProblems());
    }
  }

  private validated = false;
  private readonly initialValues = new Map<string, unknown>();

  /**
   * Every problem with the declared attributes (one message per attribute), then the widget's own
   * cross-attribute checks. The deck lint calls this too, on a widget made in Node.
   */
  attributeProblems(): string[] {
    const out: string[] = [];
    const self = this as unknown as Record<string, unknown>;
    for (const spec of specsOf(this.constructor)) {
      const value = self[spec.field];
      const raw = this.getAttribute?.(spec.attribute) ?? null;
      // Quote the author's text only while it is what the property holds (a control may have changed it since).
      const same = raw !== null && (spec.kind === 'number' ? Object.is(numberConverter.fromAttribute(raw), value) : raw === value);
      const problem = problemWith(spec, value, this, same ? raw : null);
      if (problem) out.push(problem);
    }
    return out.length > 0 ? out : this.checkAttributes();
  }

  /** Checks that involve several attributes (`rank` ≤ `rows`), run once each value is fine. */
  protected checkAttributes(): string[] {
    return [];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const prop = propertyForAttribute(this.constructor as typeof LitElement, name);
    const self = this as unknown as Record<string, unknown>;
    if (prop && !this.initialValues.has(prop.field)) this.initialValues.set(prop.field, self[prop.field]);
    // Removing an attribute restores its default (booleans: false, as HTML says).
    if (prop && value === null && !prop.boolean) {
      self[prop.field] = this.initialValues.get(prop.field);
      // Even when the default equals the bad value's conversion (NaN), the property is re-checked.
      this.requestUpdate(prop.field, REMOVED);
    } else super.attributeChangedCallback(name, old, value);
  }

  /** The value a declared property had before any attribute set it (its default). */
  defaultOf(field: string): unknown {
    return this.initialValues.has(field) ? this.initialValues.get(field) : (this as unknown as Record<string, unknown>)[field];
  }

  /**
   * The tag that reproduces this widget as it is now: every attribute whose value differs from
   * the default. Paste it into slides.md (the gallery's "Copy as tag" uses it).
   */
  toTag(): string {
    const parts = [this.localName];
    for (const [attribute, text] of Object.entries(this.changedAttributes())) {
      const prop = attributeMap(this.constructor as typeof LitElement).get(attribute);
      parts.push(text === '' && prop?.boolean ? attribute : `${attribute}="${text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    }
    return `<${parts.join(' ')}></${this.localName}>`;
  }

  /** Attribute → text of every setting that differs from the default (a boolean that is on: ''). */
  changedAttributes(): Record<string, string> {
    const fresh = new (this.constructor as new () => DlElement)() as unknown as Record<string, unknown>;
    const self = this as unknown as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [attribute, prop] of attributeMap(this.constructor as typeof LitElement)) {
      // `active` belongs to the page (the reveal plugin sets it per slide), not to the settings.
      if (attribute === 'active' || Object.is(self[prop.field], fresh[prop.field]) || self[prop.field] === undefined) continue;
      const text = this.attributeText(prop);
      if (text !== null) out[attribute] = text;
    }
    return out;
  }

  /** Every declared attribute's default as attribute text (null: absent). */
  defaultAttributes(): Record<string, string | null> {
    const fresh = new (this.constructor as new () => DlElement)();
    return Object.fromEntries(fresh.currentAttributes());
  }

  /**
   * A widget that can save its trained state returns it here, as plain JSON data (see
   * widgets/_shared/weights-file.ts); `undefined` (the default) means no "Save weights".
   */
  protected weightsState(): unknown {
    return undefined;
  }

  /**
   * Whether the widget has trained state to save now (cheap: the menu asks on every render, so it
   * must not build the state). A widget that overrides `weightsState()` overrides this too.
   */
  protected get hasWeightsState(): boolean {
    return false;
  }

  /** Whether "Save weights" applies now (the widget saves state and has something to save). */
  get canSaveWeights(): boolean {
    return !IN_SPEAKER_VIEW && this.hasWeightsState;
  }

  /** Download the trained state as `<name>.weights.json`; returns the file text (null: nothing to save). */
  saveWeights(): string | null {
    const state = this.weightsState();
    if (state === undefined) return null;
    const text = encodeWeightsFile(this.localName, this.changedAttributes(), this.toTag(), state);
    downloadText(`${this.localName.replace(/^dl-/, '')}${WEIGHTS_SUFFIX}`, text);
    return text;
  }

  /** What the ⋯ menu last did, shown inside it. */
  private declare menuNote: { text: string; tag?: string } | null;

  /** Put `toTag()` on the clipboard, or show it to select where the clipboard is not allowed. */
  async copyTag(): Promise<string> {
    const tag = this.toTag();
    try {
      await navigator.clipboard.writeText(tag);
      this.menuNote = { text: 'Copied. Paste it into slides.md:', tag };
    } catch {
      this.menuNote = { text: 'Select and copy:', tag };
    }
    return tag;
  }

  /**
   * The ⋯ menu at the end of the toolbar: "Copy as tag" (the tag that reproduces the widget as it
   * is now) and, where the widget saves its state, "Save weights". Training widgets get it from
   * `renderToolbar()`; others may render it in their own toolbar.
   */
  renderMenu(): TemplateResult {
    const note = this.menuNote;
    return html`<details class="dl-menu" @toggle=${(e: Event) => !(e.target as HTMLDetailsElement).open && (this.menuNote = null)}>
      <summary title="More: copy as tag, save weights" aria-label="More actions">⋯</summary>
      <div class="dl-menu-panel">
        <button type="button" @click=${() => void this.copyTag()} title="The HTML tag that reproduces this widget with its current settings">Copy as tag</button>
        ${this.canSaveWeights ? html`<button type="button" @click=${() => this.saveWeights()} title="Download the trained network; a slide opens on it with weights=&quot;file&quot;">Save weights</button>` : null}
        ${note ? html`<p class="dl-menu-note">${note.text}</p>${note.tag ? html`<textarea readonly rows="3" aria-label="The widget as a tag" .value=${note.tag} @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}></textarea>` : null}` : null}
      </div>
    </details>`;
  }

  /** A property's value as attribute text (null: no attribute). */
  private attributeText(prop: { field: string; boolean: boolean }): string | null {
    const v = (this as unknown as Record<string, unknown>)[prop.field];
    if (prop.boolean) return v ? '' : null;
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
    return String(v);
  }

  /** Every attribute-backed property's current value as attribute text. */
  currentAttributes(): [string, string | null][] {
    return [...attributeMap(this.constructor as typeof LitElement)].map(([attribute, prop]) => [attribute, this.attributeText(prop)]);
  }

  /** Speaker view: ask the audience window's widget to run a verb (arguments: plain values only). */
  sendCommand(verb: string, args: unknown[] = []): void {
    if (this.applyingRemote) return; // the audience's own state arriving is not a press
    const plain = args.filter((a) => a === null || ['string', 'number', 'boolean'].includes(typeof a));
    this.mirror?.post({ type: 'command', verb, args: plain });
  }

  /** Audience window: a verb or a setting from the speaker view. */
  applyRemote(message: RemoteMessage): void {
    const self = this as unknown as Record<string, unknown>;
    if (message.type === 'command' && message.verb && verbsOf(this).includes(message.verb)) {
      const verb = message.verb === 'toggle' ? (self.playing ? 'pause' : 'play') : message.verb;
      const args = Array.isArray(message.args) ? message.args : [];
      if (typeof self[verb] === 'function') void (self[verb] as (...a: unknown[]) => unknown)(...args);
    }
    if (message.type === 'set' && message.attribute && attributeMap(this.constructor as typeof LitElement).has(message.attribute)) {
      if (message.value === null || message.value === undefined) this.removeAttribute(message.attribute);
      else this.setAttribute(message.attribute, message.value);
    }
  }

  /** What the audience window's copy tells the speaker view. */
  remoteState(): RemoteState {
    const self = this as unknown as Record<string, unknown>;
    return { playing: !!self.playing, status: kitOf(this).status?.() ?? '', attributes: this.currentAttributes(), extras: this.remoteExtras() };
  }

  /**
   * State beyond the attributes that the speaker view's buttons show (PPO's "watching", GPT's
   * "writing"): the speaker view's copy reads it from `this.remote?.extras`.
   */
  protected remoteExtras(): Record<string, string | number | boolean> {
    return {};
  }

  /** `local`, or in the speaker view what the audience window's widget reports under `key`. */
  protected audienceValue<T extends string | number | boolean>(key: string, local: T): T {
    const remote = IN_SPEAKER_VIEW ? this.remote?.extras?.[key] : undefined;
    return remote === undefined ? local : (remote as T);
  }

  /** Speaker view: take the audience widget's settings and state (without sending them back). */
  async applyRemoteState(state: RemoteState): Promise<void> {
    this.remote = state;
    this.applyingRemote = true;
    try {
      for (const [attribute, value] of state.attributes) {
        if (value === null) this.removeAttribute(attribute);
        else if (this.getAttribute(attribute) !== value) this.setAttribute(attribute, value);
      }
      await this.updateComplete;
    } finally {
      this.applyingRemote = false;
    }
  }

  /** Show what stopped the widget (null clears it). Kit controllers call this. */
  reportRuntimeError(message: string | null): void {
    if (message && message !== this.runtimeError) console.warn(`<${this.localName}>: ${message}`);
    this.runtimeError = message;
  }

  /** What "Try again" does after a runtime error: rebuild every engine task of the widget. */
  protected retry(): void {
    this.runtimeError = null;
    for (const task of kitOf(this).tasks) task.retry();
  }

  /** The frame and timer of a start on its way (see {@link syncRunning}). */
  private startFrame = 0;
  private startTimer = 0;

  /** Whether the widget should run now (switched on, on the page, tab visible, not the speaker view). */
  private get wanted(): boolean {
    return (this.active ?? this.onScreen) && this.isConnected && document.visibilityState !== 'hidden' && !IN_SPEAKER_VIEW;
  }

  /**
   * Stopping is immediate; starting waits for the next frame to be painted and then runs in a
   * task of its own. A slide change runs inside reveal.js's task, which lays out the whole deck
   * (its `layout()` reads the viewport's size right after changing the slides' classes): a widget
   * that built, rendered and measured itself in that task too made it longer (issue 18). So the
   * new slide is painted first, and the widget's first render, engine import and drawing follow.
   */
  private syncRunning(): void {
    if (!this.wanted) {
      this.cancelStart();
      this.running = false;
      return;
    }
    if (this.running || this.startFrame || this.startTimer) return;
    if (typeof requestAnimationFrame !== 'function') {
      this.running = true;
      return;
    }
    this.startFrame = requestAnimationFrame(() => {
      this.startFrame = 0;
      this.startTimer = window.setTimeout(() => {
        this.startTimer = 0;
        if (this.wanted) this.running = true;
      }, 0);
    });
  }

  private cancelStart(): void {
    if (this.startFrame) cancelAnimationFrame(this.startFrame);
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startFrame = 0;
    this.startTimer = 0;
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

  /**
   * What goes above the widget: in the speaker view, the mirrored picture; after a runtime error,
   * the message with a "Try again" button; an engine task's notice (the GPU was lost, training
   * went on elsewhere).
   */
  protected renderSpeakerViewNote(): TemplateResult | null {
    const notices = [...kitOf(this).tasks].map((t) => t.notice).filter((n): n is string => !!n);
    const error = this.runtimeError
      ? html`<div class="dl-problem" role="alert">${this.runtimeError} <button type="button" @click=${() => this.retry()}>Try again</button></div>`
      : notices.length > 0
        ? html`${notices.map((n) => html`<p class="dl-notice" role="status">${n}</p>`)}`
        : null;
    if (!IN_SPEAKER_VIEW) return error;
    return html`<p class="dl-status">Live widget: it runs in the audience window${this.mirrorUrl ? ' (mirrored here)' : ''}; the controls below drive it there.</p>
      ${this.mirrorUrl ? html`<img class="dl-mirror" src=${this.mirrorUrl} alt="The widget as the audience sees it" />` : null}`;
  }
}

/** The "old value" of a property whose attribute was just removed (differs from every value). */
const REMOVED = Symbol('removed');

/** The verbs the speaker view can send to every widget. */
const VERBS = ['play', 'pause', 'reset', 'step', 'toggle'] as const;
/** The kit's verbs and the widget's own (`static remoteVerbs`). */
function verbsOf(host: DlElement): string[] {
  return [...VERBS, ...(host.constructor as typeof DlElement).remoteVerbs];
}

/** A message from the speaker view: a verb to run, or an attribute to set. */
interface RemoteMessage {
  type: string;
  verb?: string;
  args?: unknown[];
  attribute?: string;
  value?: string | null;
}

/** What the audience window's widget reports to the speaker view. */
export interface RemoteState {
  playing: boolean;
  status: string;
  attributes: [string, string | null][];
  /** The widget's own state for its speaker-view buttons (`remoteExtras()`). */
  extras?: Record<string, string | number | boolean>;
}

const ATTRIBUTE_MAPS = new WeakMap<object, Map<string, { field: string; boolean: boolean }>>();
/** Which property an attribute sets (declared with props.ts or in `static properties`). */
function propertyForAttribute(ctor: typeof LitElement, attribute: string): { field: string; boolean: boolean } | undefined {
  return attributeMap(ctor).get(attribute);
}

/** Attribute name → property, for every attribute-backed property of the class. */
function attributeMap(ctor: typeof LitElement): Map<string, { field: string; boolean: boolean }> {
  let map = ATTRIBUTE_MAPS.get(ctor);
  if (!map) {
    map = new Map();
    for (const [field, decl] of ctor.elementProperties) {
      if (decl.state || decl.attribute === false || typeof field !== 'string') continue;
      const name = typeof decl.attribute === 'string' ? decl.attribute : field.toLowerCase();
      map.set(name, { field, boolean: decl.type === Boolean });
    }
    ATTRIBUTE_MAPS.set(ctor, map);
  }
  return map;
}

/** The controllers a widget holds, so one can reach the others (a failed start pauses the loops). */
interface Kit {
  /** The status line of the widget's Training controller, if it has one. */
  status?: () => string;
  tasks: Set<{ retry(): void; busyWith?(): void; readonly notice?: string | null; readonly status?: string }>;
  loops: Set<{ pause(): void; abandon(): void; readonly busy: boolean; settled(): Promise<void> }>;
}
const KITS = new WeakMap<object, Kit>();
/** The kit controllers registered on `host`. */
export function kitOf(host: object): Kit {
  let kit = KITS.get(host);
  if (!kit) KITS.set(host, (kit = { tasks: new Set(), loops: new Set() }));
  return kit;
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

const CHANNEL = 'dl-live-mirror';
/** How long the audience keeps sending after the last hello from a speaker view. */
const HELLO_TTL_MS = 7000;

/**
 * Mirrors widget pictures from the audience window to reveal's speaker view. Speaker-view copies
 * say hello every 3 s; audience widgets that are running answer with a PNG of their picture once a
 * second, only while hellos keep coming (no speaker view: no cost).
 */
class Mirror {
  private readonly channel = new BroadcastChannel(CHANNEL);
  private timer = 0;
  private helloUntil = 0;

  constructor(
    private readonly host: DlElement,
    onFrame: (url: string) => void,
  ) {
    this.channel.onmessage = (e: MessageEvent<RemoteMessage & { key?: string; url?: string; state?: RemoteState }>) => {
      const mine = e.data.key === this.key();
      if (IN_SPEAKER_VIEW && mine && e.data.type === 'frame' && e.data.url) onFrame(e.data.url);
      if (IN_SPEAKER_VIEW && mine && e.data.type === 'state' && e.data.state) void this.host.applyRemoteState(e.data.state);
      if (!IN_SPEAKER_VIEW && e.data.type === 'hello') this.helloUntil = performance.now() + HELLO_TTL_MS;
      if (!IN_SPEAKER_VIEW && mine && (e.data.type === 'command' || e.data.type === 'set')) {
        this.helloUntil = performance.now() + HELLO_TTL_MS;
        this.host.applyRemote(e.data);
        // Answer at once, and again after the change has rendered.
        this.sendState();
        void this.host.updateComplete.then(() => requestAnimationFrame(() => this.send()));
      }
    };
    const tick = () => {
      if (IN_SPEAKER_VIEW) this.channel.postMessage({ type: 'hello' });
      else if (this.host.running && performance.now() < this.helloUntil) this.send();
    };
    this.timer = window.setInterval(tick, IN_SPEAKER_VIEW ? 3000 : 250);
    if (IN_SPEAKER_VIEW) tick();
  }

  private cachedKey?: string;
  /**
   * Same deck, same position among the page's widgets. Computed once per connection (a Mirror is
   * made on connect): every message reaches every widget's channel, and a scan of the whole
   * document per message and widget would be work done many times a second for nothing.
   */
  private key(): string {
    return (this.cachedKey ??= `${location.pathname}#${widgetsUnder(document).indexOf(this.host)}`);
  }

  private send(): void {
    this.sendState();
    const target = this.host.mirrorTarget();
    if (!target) return;
    const url = snapshot(target);
    if (url) this.channel.postMessage({ type: 'frame', key: this.key(), url });
  }

  private sendState(): void {
    this.channel.postMessage({ type: 'state', key: this.key(), state: this.host.remoteState() });
  }

  /** Send a message about this widget (the key is added). */
  post(message: Record<string, unknown>): void {
    this.channel.postMessage({ ...message, key: this.key() });
  }

  close(): void {
    window.clearInterval(this.timer);
    this.channel.close();
  }
}

/**
 * A PNG data URL of every canvas inside `target` (or `target` itself), composed at their laid-out
 * positions and CSS size (reveal's scaling undone).
 */
export function snapshot(target: HTMLElement): string | null {
  const canvases = target instanceof HTMLCanvasElement ? [target] : Array.from(target.querySelectorAll('canvas'));
  if (canvases.length === 0) return null;
  const box = target.getBoundingClientRect();
  const scale = box.width > 0 ? target.offsetWidth / box.width : 1;
  const out = document.createElement('canvas');
  out.width = Math.max(1, target.offsetWidth);
  out.height = Math.max(1, target.offsetHeight);
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  for (const c of canvases) {
    const r = c.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    ctx.drawImage(c, (r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale);
  }
  return out.toDataURL('image/png');
}
