import { forceCenter, forceLink, forceManyBody, forceSimulation, schemeTableau10, type SimulationNodeDatum } from 'd3';
import { html, type TemplateResult } from 'lit';
import type { GcnReport, GcnTrainer } from '../../engine/js.ts';
import { fitCanvas, localPoint } from '../_shared/canvas.ts';
import { defineElement } from '../_shared/dl-element.ts';
import { jsEngineTask, type EngineTask, type JsEngineModule } from '../_shared/engine-task.ts';
import { cssVar } from '../_shared/palette.ts';
import { widgetStyles } from '../_shared/styles.ts';
import { flag, int } from '../_shared/props.ts';
import { nextTask } from '../_shared/tasks.ts';
import { Training, TrainingElement } from '../_shared/training.ts';
import { styles } from './gcn.styles.ts';

const LAYERS = [1, 2, 3, 4, 8];

interface Point extends SimulationNodeDatum {
  x: number;
  y: number;
}

/** Milliseconds of layout between two yields. */
const LAYOUT_SLICE_MS = 8;
/** Ticks of the force simulation. */
const LAYOUT_TICKS = 300;

/**
 * A force-directed layout of the graph in a unit square, seeded (the same every time), made
 * resumable: call `run(deadline)` (a `performance.now()` time) until it returns the points (null
 * meanwhile; at least one tick per call). The points do not depend on where the calls fall
 * (gcn.test.ts compares them with one call).
 */
export function graphLayout(n: number, edges: readonly (readonly [number, number])[], seed: number): { neighbours: number[][]; run(deadline: number): Point[] | null } {
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  let s = (seed + 1) >>> 0;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const nodes: Point[] = Array.from({ length: n }, () => ({ x: random(), y: random() }));
  const sim = forceSimulation(nodes)
    .randomSource(random)
    .force('link', forceLink(edges.map(([source, target]) => ({ source, target }))).distance(0.08))
    .force('charge', forceManyBody().strength(-0.004))
    .force('center', forceCenter(0.5, 0.5))
    .stop();
  let ticks = 0;
  return {
    neighbours,
    run(deadline) {
      while (ticks < LAYOUT_TICKS) {
        sim.tick();
        ticks++;
        if (ticks < LAYOUT_TICKS && performance.now() >= deadline) return null;
      }
      const xs = nodes.map((p) => p.x);
      const ys = nodes.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const span = Math.max(x1 - x0, y1 - y0) || 1;
      return nodes.map((p) => ({ x: (p.x - (x0 + x1) / 2) / span + 0.5, y: (p.y - (y0 + y1) / 2) / span + 0.5 }));
    },
  };
}

/**
 * `<dl-gcn>`: semi-supervised node classification by message passing. A seeded graph of
 * communities has one labelled node per community (ringed); a graph convolutional network (Kipf
 * and Welling 2017) with one-hot node features trains on those few labels and colours every node
 * by its prediction. Turn the edges off and it is an MLP that knows nothing about the others; with
 * one layer only the labelled nodes' neighbours learn; each further layer reaches one hop further.
 * Hover a node to see its receptive field (the nodes within as many hops as there are layers).
 *
 * ```html
 * <dl-gcn layers="2"></dl-gcn>
 * <dl-gcn layers="1" communities="4"></dl-gcn>
 * ```
 *
 * @summary A GCN labels a graph from one labelled node per community; layers set how far messages travel.
 * @event dl-ready - Graph and network are built. detail: { backend: "js"; nodes: number; edges: number; labelled: number }
 * @event dl-train-step - After each animation frame. detail: GcnReport (step, loss, accuracy on unlabelled nodes)
 * @csspart graph - The graph picture.
 * @cssproperty [--graph-size=400px] - Side of the graph picture.
 */
export class DlGcn extends TrainingElement {
  static override styles = [widgetStyles, styles];

  /** Graph convolution layers: 1–8 (the receptive field in hops). */
  @int(1, 8) layers = 2;
  /** Number of communities, 2–6 (12 nodes each). */
  @int(2, 6) communities = 3;
  /** No message passing along edges: the GCN becomes an MLP that sees one node at a time (a baseline). */
  @flag() noEdges = false;
  /** Updates per animation frame (1–20). */
  @int(1, 20) stepsPerFrame = 1;
  /** Training stops after this many updates. */
  @int(1, 100_000) maxSteps = 300;
  /** Seed for the graph, the labelled nodes and the weights. */
  @int(0, 2 ** 31) seed = 1;
  /** Start training when shown. */
  @flag() autoplay = false;

  private report: GcnReport | null = null;
  private hovered = -1;
  private points: Point[] = [];
  private neighbours: number[][] = [];
  private readonly task: EngineTask<GcnTrainer, JsEngineModule> = jsEngineTask(this, {
    args: () => [this.layers, this.communities, this.noEdges, this.seed],
    build: (eng) => eng.createGcn({ layers: this.layers, communities: this.communities, useEdges: this.useEdges, seed: this.seed }),
    ready: (t) => this.handleReady(t),
  });
  protected readonly training: Training<GcnTrainer> = new Training(this, {
    task: this.task,
    frame: (t) => this.advance(t, this.stepsPerFrame),
    step: (t) => this.advance(t, 1),
    finished: () => (this.report?.step ?? 0) >= this.maxSteps,
    describe: () => this.describeRun(),
    autoplay: () => this.autoplay,
    onReset: () => (this.report = null),
  });

  /** Message passing along edges (the inverse of `no-edges`). */
  get useEdges(): boolean {
    return !this.noEdges;
  }
  set useEdges(on: boolean) {
    this.noEdges = !on;
  }

  /** The latest measurement. */
  get latest(): GcnReport | null {
    return this.report;
  }

  private async handleReady(t: GcnTrainer): Promise<void> {
    // The layout runs in slices of a few ms (issue 18); a rebuild, Reset or removal stops it.
    const layout = graphLayout(t.graph.n, t.graph.edges, t.options.seed);
    let points: Point[] | null;
    while (!(points = layout.run(performance.now() + LAYOUT_SLICE_MS))) {
      await nextTask();
      if (this.task.value !== t || !this.isConnected) return;
    }
    this.neighbours = layout.neighbours;
    this.points = points;
    this.report = t.evaluate();
    await this.updateComplete;
    this.draw(t);
    this.emit('dl-ready', { backend: this.task.backendName, nodes: t.graph.n, edges: t.graph.edges.length, labelled: t.labelled.length });
  }

  private advance(t: GcnTrainer, steps: number): GcnReport {
    for (let i = 0; i < steps; i++) t.step();
    this.report = t.evaluate();
    this.draw(t);
    this.emit('dl-train-step', this.report);
    return this.report;
  }

  // ── layout and drawing ───────────────────────────────────────────────────

  /** Nodes within `layers` hops of `start`. */
  private receptiveField(start: number): Set<number> {
    const seen = new Set([start]);
    let frontier = [start];
    for (let h = 0; h < this.layers && this.useEdges; h++) {
      const next: number[] = [];
      for (const i of frontier) {
        for (const j of this.neighbours[i]) {
          if (seen.has(j)) continue;
          seen.add(j);
          next.push(j);
        }
      }
      frontier = next;
    }
    return seen;
  }

  private draw(t: GcnTrainer): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.graph');
    if (!canvas || this.points.length === 0) return;
    const size = canvas.clientWidth || 400;
    const ctx = fitCanvas(canvas, size, size);
    if (!ctx) return;
    const pad = 18;
    const at = (i: number) => [pad + this.points[i].x * (size - 2 * pad), pad + this.points[i].y * (size - 2 * pad)] as const;
    const { n, k, edges } = t.graph;
    const p = t.probabilities();
    const field = this.hovered >= 0 ? this.receptiveField(this.hovered) : null;
    const fg = cssVar(this, '--dl-color-fg', '#1d2430');
    ctx.clearRect(0, 0, size, size);
    ctx.lineWidth = 1;
    for (const [a, b] of edges) {
      const lit = !field || (field.has(a) && field.has(b));
      ctx.strokeStyle = this.useEdges ? (lit ? 'rgba(120,130,145,0.55)' : 'rgba(120,130,145,0.12)') : 'rgba(120,130,145,0.15)';
      ctx.setLineDash(this.useEdges ? [] : [3, 4]);
      const [xa, ya] = at(a);
      const [xb, yb] = at(b);
      ctx.beginPath();
      ctx.moveTo(xa, ya);
      ctx.lineTo(xb, yb);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const labelled = new Set(t.labelled);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
      const confidence = (p[i * k + best] - 1 / k) / (1 - 1 / k);
      const [x, y] = at(i);
      ctx.globalAlpha = field && !field.has(i) ? 0.2 : 1;
      ctx.beginPath();
      ctx.arc(x, y, labelled.has(i) ? 10 : 8, 0, 2 * Math.PI);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.globalAlpha *= 0.25 + 0.75 * Math.max(0, confidence);
      ctx.fillStyle = schemeTableau10[best % 10];
      ctx.fill();
      ctx.globalAlpha = field && !field.has(i) ? 0.2 : 1;
      ctx.lineWidth = labelled.has(i) ? 3 : 1.5;
      // The ring shows the true community: a node coloured differently from its ring is wrong.
      ctx.strokeStyle = labelled.has(i) ? fg : schemeTableau10[t.graph.community[i] % 10];
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  private handlePointer(e: PointerEvent): void {
    const t = this.task.value;
    const canvas = e.currentTarget as HTMLCanvasElement;
    if (!t) return;
    const { x, y } = localPoint(e, canvas);
    const size = canvas.offsetWidth;
    const pad = 18;
    let best = -1;
    let bestD = 14 * 14;
    this.points.forEach((pt, i) => {
      const dx = pad + pt.x * (size - 2 * pad) - x;
      const dy = pad + pt.y * (size - 2 * pad) - y;
      if (dx * dx + dy * dy < bestD) {
        bestD = dx * dx + dy * dy;
        best = i;
      }
    });
    if (best !== this.hovered) {
      this.hovered = best;
      this.draw(t);
    }
  }

  // ── template ─────────────────────────────────────────────────────────────

  override render(): TemplateResult {
    const note = this.renderSpeakerViewNote();
    const problems = this.renderConfigErrors();
    if (problems) return problems;
    return html`${note}
      ${this.training.renderToolbar(html`<label>Layers<select @change=${(e: Event) => (this.layers = Number((e.target as HTMLSelectElement).value))}>
          ${[...new Set([...LAYERS, this.layers])].sort((a, b) => a - b).map((v) => html`<option .value=${String(v)} ?selected=${v === this.layers}>${v}</option>`)}
        </select></label>
        <label><input type="checkbox" .checked=${this.useEdges} @change=${(e: Event) => (this.useEdges = (e.target as HTMLInputElement).checked)} />Pass messages along edges</label>
        <button type="button" @click=${() => (this.seed += 1)}>New graph</button>`)}
      <div class="layout">
        <canvas class="graph" part="graph" role="img" aria-label=${this.describeGraph()} @pointermove=${(e: PointerEvent) => this.handlePointer(e)} @pointerleave=${() => this.leave()}></canvas>
        <div class="side">
          <p class="summary">${this.summaryText()}</p>
          <ul class="legend">
            <li><b>Fill</b>: the predicted community; faint = unsure.</li>
            <li><b>Ring</b>: the true community, so fill and ring of another colour = wrong.</li>
            <li><b>Thick dark ring</b>: a labelled node, the only ones the loss sees.</li>
            <li><b>Hover</b> a node: its receptive field, the nodes within ${this.layers} ${this.layers === 1 ? 'hop' : 'hops'}.</li>
          </ul>
        </div>
      </div>`;
  }

  private leave(): void {
    this.hovered = -1;
    if (this.task.value) this.draw(this.task.value);
  }

  private describeGraph(): string {
    const r = this.report;
    return r ? `A graph of ${this.communities} communities; after ${r.step} steps the network labels ${(r.accuracy * 100).toFixed(0)} % of the unlabelled nodes correctly.` : 'A graph of communities';
  }

  private describeRun(): string {
    const r = this.report;
    const model = this.useEdges ? `${this.layers}-layer GCN` : 'no edges (an MLP)';
    return r ? `${model} · step ${r.step}` : model;
  }

  private summaryText(): string {
    const r = this.report;
    if (!r) return '';
    return `Unlabelled nodes right: ${(r.accuracy * 100).toFixed(0)} %. Loss on the ${this.communities} labelled nodes: ${r.loss.toFixed(3)}.`;
  }
}

defineElement('dl-gcn', DlGcn);

declare global {
  interface HTMLElementTagNameMap {
    'dl-gcn': DlGcn;
  }
}
