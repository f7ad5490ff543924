import { css } from 'lit';

export const styles = css`
  :host {
    --path: var(--dl-color-accent-2, #d0453b);
    --line: var(--dl-color-accent, #0877bd);
    --panel-size: 300px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--panel-size) var(--panel-size) minmax(240px, 1fr);
    gap: 18px;
    align-items: start;
    margin-top: 10px;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin-top: 4px;
  }
  canvas.panel {
    width: var(--panel-size);
    height: var(--panel-size);
    border-radius: 6px;
    box-shadow: 0 0 0 1px var(--dl-color-border, #c5ccd6);
    background: var(--dl-color-surface-raised, #fff);
  }
  canvas.surface {
    cursor: crosshair;
    touch-action: none;
  }
  .stats {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 12px;
    margin: 0 0 8px;
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
  }
  .stats dt {
    color: var(--dl-color-muted, #5b6573);
  }
  .stats dd {
    margin: 0;
    text-align: right;
  }
  .chart {
    position: relative;
    height: 160px;
  }
  .verdict {
    font-weight: 600;
    margin: 6px 0;
  }
  .verdict.bad {
    color: var(--dl-color-error, #b3261e);
  }
`;
