import { css } from 'lit';

export const styles = css`
  :host {
    --forward-color: var(--dl-color-accent, #0877bd);
    --backward-color: var(--dl-color-accent-2, #d0453b);
    --graph-width: 760px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .dl-toolbar {
    margin-bottom: 8px;
  }
  .dl-toolbar input[type='text'] {
    width: 5.5em;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 5px;
    padding: 2px 4px;
  }
  .dl-toolbar input[type='number'] {
    width: 4.5em;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--graph-width) minmax(260px, 1fr);
    gap: 14px;
    align-items: start;
  }
  svg {
    width: var(--graph-width);
    height: auto;
    display: block;
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 11.5px;
  }
  svg:focus-visible,
  g[tabindex='0']:focus-visible {
    outline: 2px solid var(--dl-color-accent, #0877bd);
  }
  .edge {
    stroke-opacity: 0.55;
  }
  .edge.pos {
    stroke: var(--dl-color-positive, #0877bd);
  }
  .edge.neg {
    stroke: var(--dl-color-negative, #f59322);
  }
  .edge.back {
    stroke-opacity: 0.9;
  }
  .edge.sel {
    stroke: var(--dl-color-fg, #1d2430);
    stroke-opacity: 1;
  }
  .wlabel,
  .node[role='button'] {
    cursor: pointer;
  }
  .wlabel rect {
    fill: var(--dl-color-surface-raised, #fff);
    stroke: var(--dl-color-border, #c5ccd6);
  }
  .wlabel.sel rect {
    stroke: var(--dl-color-fg, #1d2430);
    stroke-width: 2;
  }
  text {
    text-anchor: middle;
    fill: var(--dl-color-fg, #1d2430);
  }
  .glabel rect {
    fill: var(--dl-color-surface-raised, #fff);
    stroke: var(--backward-color);
  }
  .glabel text,
  .delta {
    fill: var(--backward-color);
    font-weight: 600;
  }
  .node circle {
    fill: var(--dl-color-surface-raised, #fff);
    stroke: var(--dl-color-border, #8a94a3);
    stroke-width: 2;
  }
  .node.input circle {
    fill: var(--dl-color-surface, #f3f5f8);
  }
  .node.current circle {
    stroke: var(--forward-color);
    stroke-width: 4;
  }
  .node .val {
    fill: var(--forward-color);
    font-weight: 700;
    font-size: 12.5px;
  }
  .node .name {
    font-family: var(--dl-font-ui, system-ui, sans-serif);
    font-size: 13px;
    fill: var(--dl-color-muted, #5b6573);
  }
  .node .bias {
    font-size: 11px;
    fill: var(--dl-color-muted, #5b6573);
  }
  .lossbox rect {
    fill: var(--dl-color-surface, #f3f5f8);
    stroke: var(--dl-color-border, #c5ccd6);
  }
  .lossbox.shown rect {
    stroke: var(--backward-color);
    stroke-width: 2;
  }
  .lossval {
    font-weight: 700;
  }
  .side {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .side p {
    margin: 0 0 6px;
    overflow-wrap: anywhere;
  }
  .phase {
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    font-size: 0.85em;
  }
  .phase.fwd {
    color: var(--forward-color);
  }
  .phase.back {
    color: var(--backward-color);
  }
  .edit {
    margin-top: 10px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    align-items: flex-start;
  }
  .edit label {
    white-space: normal;
    flex-direction: column;
    align-items: flex-start;
  }
  .placeholder {
    min-height: 200px;
    display: grid;
    place-items: center;
  }
  kbd {
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 3px;
    padding: 0 4px;
  }
`;
