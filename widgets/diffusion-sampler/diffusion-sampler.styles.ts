import { css } from 'lit';

export const styles = css`
  :host {
    --panel-size: 250px;
    --sample-colour: var(--dl-color-accent, #0877bd);
    --data-colour: var(--dl-color-muted, #5b6573);
    --trajectory-colour: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: repeat(3, var(--panel-size)) minmax(230px, 1fr);
    gap: 10px 12px;
    align-items: start;
  }
  figure {
    margin: 0;
  }
  figcaption {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 6px;
    height: 1.5em;
    white-space: nowrap;
    font-size: 0.78em;
    line-height: 1.3;
    margin-bottom: 3px;
  }
  figcaption b {
    font-weight: 600;
  }
  figcaption > span:first-child {
    flex-shrink: 0;
  }
  .quality {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    font-variant-numeric: tabular-nums;
    color: var(--dl-color-muted, #5b6573);
  }
  .plot {
    position: relative;
    width: var(--panel-size);
    height: var(--panel-size);
    border-radius: 6px;
    overflow: hidden;
    box-shadow: 0 0 0 1px var(--dl-color-border, #c5ccd6);
    background: var(--dl-color-surface-raised, #fff);
    touch-action: none;
  }
  .plot.drawing {
    cursor: crosshair;
  }
  .plot canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .timeline {
    grid-column: 1 / span 3;
    display: flex;
    align-items: center;
    gap: 10px;
    font-size: 0.85em;
  }
  .timeline input[type='range'] {
    flex: 1;
  }
  .timeline output {
    min-width: 10em;
    font-variant-numeric: tabular-nums;
  }
  .side {
    grid-row: 1 / span 3;
    grid-column: 4;
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  .chart {
    position: relative;
    height: 130px;
  }
  canvas.schedule {
    width: 100%;
    height: 100px;
  }
  .stats {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 10px;
    font-variant-numeric: tabular-nums;
    font-size: 0.8em;
    margin: 0;
  }
  .stats dt {
    color: var(--dl-color-muted, #5b6573);
  }
  .stats dd {
    margin: 0;
    text-align: right;
  }
  .settings {
    grid-column: 1 / span 3;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    align-items: center;
    font-size: 0.85em;
  }
  .settings label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .settings input[type='range'] {
    width: 90px;
  }
  .hint {
    font-size: 0.78em;
    color: var(--dl-color-muted, #5b6573);
    margin: 0;
  }
  .dl-toolbar {
    margin-bottom: 8px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.78em;
  }
  /* The kit's legend key, with an edge for a colour too close to the background (--key-edge). */
  .legend .dl-key {
    font-weight: normal;
  }
  .legend .dl-key::before {
    box-shadow: inset 0 0 0 1px var(--key-edge, transparent);
  }
  input.seed {
    width: 4.5em;
  }
`;
